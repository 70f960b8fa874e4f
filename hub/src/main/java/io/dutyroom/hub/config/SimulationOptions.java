package io.dutyroom.hub.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the simulator's control API answers, for drills. The hub meets the simulator only there and
 * on the wire, never in its code.
 *
 * @param controlUrl the control API, e.g. {@code http://127.0.0.1:18099}; empty for none (drills are then unavailable)
 * @param timeout    how long the hub waits for it to answer
 */
public record SimulationOptions(Optional<URI> controlUrl, Duration timeout) {

    static SimulationOptions from(ConfigSource source) {
        String text = source.string("simulation.controlUrl", "").strip();
        Optional<URI> url = Optional.empty();
        if (!text.isEmpty()) {
            try {
                URI uri = new URI(text);
                if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
                    source.problem("simulation.controlUrl", "must be an http:// URL with a host, e.g. http://127.0.0.1:18099, was '" + text + "'");
                } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    source.problem("simulation.controlUrl", "must not have a query or fragment, was '" + text + "'");
                } else {
                    url = Optional.of(withoutTrailingSlash(uri));
                }
            } catch (URISyntaxException e) {
                source.problem("simulation.controlUrl", "is not a URL: " + e.getMessage());
            }
        }
        return new SimulationOptions(url, source.duration("simulation.timeout", Duration.ofSeconds(5), Duration.ofMillis(100)));
    }

    /** The same timeout with this control API: how the demo points the hub at its own simulation. */
    public SimulationOptions withControlUrl(URI url) {
        return new SimulationOptions(Optional.of(withoutTrailingSlash(url)), timeout);
    }

    private static URI withoutTrailingSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
    }
}
