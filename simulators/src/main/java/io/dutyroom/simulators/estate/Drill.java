package io.dutyroom.simulators.estate;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dutyroom.adapters.yaml.InvalidConfigException;
import io.dutyroom.adapters.yaml.YamlDocument;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * A drill scenario: timed fault steps against devices named by role (a role is an equipment
 * profile; the drill takes the first simulated device of it unless told otherwise). Shipped
 * scenarios live in {@code drills/<id>.yaml} in this jar.
 */
public record Drill(@JsonProperty(required = true) String id, Map<String, String> name, @JsonProperty(required = true) Map<String, String> roles,
                    @JsonProperty(required = true) List<Step> steps) {

    /** One timed step: at {@code at} after the start, apply {@code fault} to the device of {@code role}. */
    public record Step(@JsonProperty(required = true) String at, @JsonProperty(required = true) String role,
                       @JsonProperty(required = true) String fault, Map<String, Object> args) {
        public Duration offset() {
            try {
                return Duration.parse("PT" + at.toUpperCase());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("step 'at' must be like 30s or 2m, was '" + at + "'");
            }
        }

        public Map<String, Object> arguments() {
            return args == null ? Map.of() : args;
        }
    }

    public static final List<String> SHIPPED = List.of("elevator-entrapment", "sump-flooding", "incomer-power-failure",
            "false-fire-alarm", "door-forced-at-night");

    /** A shipped scenario by id. */
    public static Drill shipped(String id) {
        String resource = "drills/" + id + ".yaml";
        try (InputStream in = Drill.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no drill '" + id + "'; shipped drills: " + String.join(", ", SHIPPED));
            }
            Drill drill = YamlDocument.read(resource, in).bind("", Drill.class);
            drill.steps().forEach(Step::offset);
            return drill;
        } catch (IOException e) {
            throw new InvalidConfigException(resource + ": " + e.getMessage());
        }
    }

    public Duration length() {
        return steps.stream().map(Step::offset).max(Duration::compareTo).orElse(Duration.ZERO);
    }
}
