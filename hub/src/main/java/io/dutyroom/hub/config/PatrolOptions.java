package io.dutyroom.hub.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How patrols are run.
 *
 * @param routes     the patrol routes file; empty for none (scans are then refused)
 * @param checkEvery how often rounds whose window has closed are judged
 */
public record PatrolOptions(Optional<Path> routes, Duration checkEvery) {

    static PatrolOptions from(ConfigSource source, Path base) {
        String routes = source.string("patrols.routes", "");
        Optional<Path> file = Optional.empty();
        if (!routes.isBlank()) {
            Path p = Path.of(routes);
            file = Optional.of(p.isAbsolute() ? p : base.resolve(p));
        }
        return new PatrolOptions(file, source.duration("patrols.checkEvery", Duration.ofSeconds(10), Duration.ofMillis(100)));
    }
}
