package io.dutyroom.adapters.mqtt;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.model.SiteId;
import java.util.Locale;
import java.util.Optional;

/**
 * A topic of the v1 contract: {@code <root>/{site}/{deviceId}/{telemetry|event|status}}, where the
 * root is {@code dutyroom/v1} unless configured otherwise.
 */
public record MqttTopic(SiteId site, DeviceId device, Kind kind) {

    public enum Kind {
        TELEMETRY, EVENT, STATUS;

        String level() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final String DEFAULT_ROOT = "dutyroom/v1";

    /** Parses a topic under {@code root}; empty when it does not follow the contract. */
    public static Optional<MqttTopic> parse(String root, String topic) {
        if (topic == null || !topic.startsWith(root) || topic.length() <= root.length() + 1
                || topic.charAt(root.length()) != '/') {
            return Optional.empty();
        }
        String[] levels = topic.substring(root.length() + 1).split("/", -1);
        if (levels.length != 3 || !SiteId.isValid(levels[0]) || !DeviceId.isValid(levels[1])) {
            return Optional.empty();
        }
        for (Kind kind : Kind.values()) {
            if (kind.level().equals(levels[2])) {
                return Optional.of(new MqttTopic(SiteId.of(levels[0]), DeviceId.of(levels[1]), kind));
            }
        }
        return Optional.empty();
    }

    /** The topic string under {@code root}. */
    public String render(String root) {
        return root + "/" + site + "/" + device + "/" + kind.level();
    }

    /** The subscription filter that matches every topic of the contract under {@code root}. */
    public static String filter(String root) {
        return root + "/+/+/+";
    }
}
