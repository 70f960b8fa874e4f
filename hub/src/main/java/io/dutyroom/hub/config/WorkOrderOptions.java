package io.dutyroom.hub.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How work orders are run.
 *
 * @param policies   extra or changed work-order policies and per-site time limits; empty for the shipped ones
 * @param roster     the duty roster; empty for none (orders then wait, undispatched, for someone to dispatch them)
 * @param webhook    where notifications are posted; empty for none
 * @param checkEvery how often time limits, waiting dispatches and shift handovers are checked
 */
public record WorkOrderOptions(Optional<Path> policies, Optional<Path> roster, Optional<URI> webhook, Duration checkEvery) {

    static WorkOrderOptions from(ConfigSource source, Path base) {
        String webhook = source.string("workOrders.webhook", "");
        Optional<URI> url = Optional.empty();
        if (!webhook.isBlank()) {
            try {
                URI uri = new URI(webhook);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                    source.problem("workOrders.webhook", "must be an http:// or https:// URL, was '" + webhook + "'");
                } else {
                    url = Optional.of(uri);
                }
            } catch (URISyntaxException e) {
                source.problem("workOrders.webhook", "is not a URL: " + e.getMessage());
            }
        }
        return new WorkOrderOptions(path(base, source.string("workOrders.policies", "")), path(base, source.string("workOrders.roster", "")),
                url, source.duration("workOrders.checkEvery", Duration.ofSeconds(5), Duration.ofMillis(100)));
    }

    private static Optional<Path> path(Path base, String path) {
        if (path.isBlank()) {
            return Optional.empty();
        }
        Path p = Path.of(path);
        return Optional.of(p.isAbsolute() ? p : base.resolve(p));
    }
}
