package io.dutyroom.hub.config;

import io.dutyroom.adapters.yaml.Durations;
import com.fasterxml.jackson.databind.JsonNode;
import io.dutyroom.adapters.yaml.InvalidConfigException;
import io.dutyroom.adapters.yaml.YamlDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads settings by key from the environment first, then the YAML file, then the default. A key
 * {@code mqtt.receiveMaximum} lives at {@code mqtt: receiveMaximum:} in YAML and in
 * {@code DUTYROOM_MQTT_RECEIVE_MAXIMUM} in the environment. Every problem is collected, and
 * {@link #finish()} reports them all at once, together with YAML keys nobody asked for (typos).
 */
public final class ConfigSource {
    private final Optional<YamlDocument> yaml;
    private final Map<String, String> env;
    private final Set<String> known = new HashSet<>();
    private final List<String> problems = new ArrayList<>();

    public ConfigSource(Optional<YamlDocument> yaml, Map<String, String> env) {
        this.yaml = yaml;
        this.env = env;
    }

    /** The environment variable that overrides {@code key}. */
    public static String envName(String key) {
        StringBuilder name = new StringBuilder("DUTYROOM_");
        for (char c : key.toCharArray()) {
            if (c == '.') {
                name.append('_');
            } else if (Character.isUpperCase(c)) {
                name.append('_').append(c);
            } else {
                name.append(Character.toUpperCase(c));
            }
        }
        return name.toString();
    }

    public String string(String key, String defaultValue) {
        return raw(key).map(Raw::text).orElse(defaultValue);
    }

    public int integer(String key, int defaultValue, int min, int max) {
        Optional<Raw> raw = raw(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get().text().trim());
            if (value < min || value > max) {
                problem(raw.get(), "must be between " + min + " and " + max + " (was " + value + ")");
                return defaultValue;
            }
            return value;
        } catch (NumberFormatException e) {
            problem(raw.get(), "must be a whole number (was '" + raw.get().text() + "')");
            return defaultValue;
        }
    }

    /** {@code true} or {@code false} (any case). */
    public boolean bool(String key, boolean defaultValue) {
        Optional<Raw> raw = raw(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String text = raw.get().text().trim().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return text.equals("true");
        }
        problem(raw.get(), "must be true or false (was '" + raw.get().text() + "')");
        return defaultValue;
    }

    /** Durations as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d} or ISO-8601 ({@code PT5M}). */
    public Duration duration(String key, Duration defaultValue, Duration min) {
        Optional<Raw> raw = raw(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        Optional<Duration> parsed = Durations.parse(raw.get().text());
        if (parsed.isEmpty()) {
            problem(raw.get(), "must be a duration like 500ms, 30s, 5m, 2h or 7d (was '" + raw.get().text() + "')");
            return defaultValue;
        }
        if (parsed.get().compareTo(min) < 0) {
            problem(raw.get(), "must be at least " + min + " (was " + raw.get().text() + ")");
            return defaultValue;
        }
        return parsed.get();
    }

    public <E extends Enum<E>> E choice(String key, E defaultValue) {
        Optional<Raw> raw = raw(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String text = raw.get().text().trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : defaultValue.getDeclaringClass().getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : defaultValue.getDeclaringClass().getEnumConstants()) {
            names.add(constant.name().toLowerCase(Locale.ROOT));
        }
        problem(raw.get(), "must be one of " + String.join(", ", names) + " (was '" + raw.get().text() + "')");
        return defaultValue;
    }

    /** Records a problem found by a component's own validation, at the key's file and line. */
    public void problem(String key, String message) {
        raw(key).ifPresentOrElse(r -> problem(r, message), () -> problems.add(key + ": " + message));
    }

    /** Throws one {@link InvalidConfigException} with every problem, including unknown YAML keys. */
    public void finish() {
        yaml.ifPresent(doc -> unknownKeys(doc, doc.root(), ""));
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }

    private Optional<Raw> raw(String key) {
        known.add(key);
        String envName = envName(key);
        String fromEnv = env.get(envName);
        if (fromEnv != null) {
            return Optional.of(new Raw(fromEnv, "environment " + envName, key));
        }
        if (yaml.isEmpty()) {
            return Optional.empty();
        }
        String pointer = "/" + key.replace('.', '/');
        JsonNode node = yaml.get().root().at(pointer);
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (node.isContainerNode()) {
            problems.add(yaml.get().where(pointer) + ": " + key + ": must be a single value, not a " + (node.isArray() ? "list" : "section"));
            return Optional.empty();
        }
        return Optional.of(new Raw(node.asText(), yaml.get().where(pointer), key));
    }

    private void problem(Raw raw, String message) {
        problems.add(raw.where() + ": " + raw.key() + ": " + message);
    }

    private void unknownKeys(YamlDocument doc, JsonNode node, String prefix) {
        if (!node.isObject()) {
            if (!prefix.isEmpty() && !known.contains(prefix)) {
                problems.add(doc.where("/" + prefix.replace('.', '/')) + ": " + prefix + ": unknown key");
            }
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (known.contains(key)) {
                continue;
            }
            boolean isSection = known.stream().anyMatch(k -> k.startsWith(key + "."));
            if (isSection && field.getValue().isObject()) {
                unknownKeys(doc, field.getValue(), key);
            } else if (isSection && field.getValue().isNull()) {
                continue; // a section whose every key is commented out: nothing set, which is fine
            } else if (isSection) {
                problems.add(doc.where("/" + key.replace('.', '/')) + ": " + key + ": must be a section of keys (such as "
                        + known.stream().filter(k -> k.startsWith(key + ".")).findFirst().orElseThrow() + "), not a single value");
            } else {
                problems.add(doc.where("/" + key.replace('.', '/')) + ": " + key + ": unknown key");
            }
        }
    }

    private record Raw(String text, String where, String key) {
    }
}
