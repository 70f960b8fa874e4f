package io.dutyroom.hub.config;

import java.time.Duration;

/**
 * The broker the hub subscribes to. With {@code url} empty the hub starts its embedded broker on
 * {@code host}:{@code port}.
 */
public record MqttOptions(String url, String host, int port, String clientId, String username, String password,
                          String topicRoot, String sharedGroup, int receiveMaximum, Duration sessionExpiry,
                          int maxQueuedMessages) {

    static MqttOptions from(ConfigSource source) {
        MqttOptions options = new MqttOptions(
                source.string("mqtt.url", ""),
                source.string("mqtt.host", "127.0.0.1"),
                source.integer("mqtt.port", 1883, 0, 65_535),
                source.string("mqtt.clientId", "dutyroom-hub"),
                source.string("mqtt.username", ""),
                source.string("mqtt.password", ""),
                source.string("mqtt.topicRoot", "dutyroom/v1"),
                source.string("mqtt.sharedGroup", ""),
                source.integer("mqtt.receiveMaximum", 1_000, 1, 65_535),
                source.duration("mqtt.sessionExpiry", Duration.ofHours(1), Duration.ZERO),
                // an hour's backlog at 2,000 messages/s is 7.2 million; the queue lives on disk
                source.integer("mqtt.maxQueuedMessages", 10_000_000, 1_000, 1_000_000_000));
        if (!options.url.isEmpty() && !options.url.matches("(tcp|ssl|ws|wss)://[^/]+")) {
            source.problem("mqtt.url", "must look like tcp://host:1883 or ssl://host:8883 (was '" + options.url + "')");
        }
        if (options.topicRoot.isEmpty() || options.topicRoot.contains("+") || options.topicRoot.contains("#")
                || options.topicRoot.startsWith("/") || options.topicRoot.endsWith("/")) {
            source.problem("mqtt.topicRoot", "must be a topic prefix without wildcards or outer slashes (was '" + options.topicRoot + "')");
        }
        return options;
    }
}
