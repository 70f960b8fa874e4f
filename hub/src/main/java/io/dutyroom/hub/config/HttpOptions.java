package io.dutyroom.hub.config;

/** The HTTP API, the live feed and the dashboard. */
public record HttpOptions(String host, int port) {

    static HttpOptions from(ConfigSource source) {
        return new HttpOptions(
                source.string("http.host", "127.0.0.1"),
                source.integer("http.port", 8080, 0, 65_535));
    }
}
