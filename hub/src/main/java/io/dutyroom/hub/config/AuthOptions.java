package io.dutyroom.hub.config;

import java.time.Duration;

/**
 * Log-in (see docs/security.md).
 *
 * @param enabled         whether the API asks for a log-in; may be false only while the hub listens
 *                        on loopback (the hub refuses to start otherwise)
 * @param sessionLifetime a session's absolute lifetime, however active: a shift
 * @param idleTimeout     a session ends after this long without a request
 */
public record AuthOptions(boolean enabled, Duration sessionLifetime, Duration idleTimeout) {

    static AuthOptions from(ConfigSource source) {
        return new AuthOptions(source.bool("auth.enabled", true),
                source.duration("auth.sessionLifetime", Duration.ofHours(12), Duration.ofSeconds(1)),
                source.duration("auth.idleTimeout", Duration.ofMinutes(30), Duration.ofSeconds(1)));
    }
}
