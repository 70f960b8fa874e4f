package io.dutyroom.hub.launcher;

import io.dutyroom.hub.auth.UserBootstrap;
import io.dutyroom.hub.storage.StorageFlavour;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The start-up banner: where everything is, so an operator can copy it from the console. */
final class Banner {
    private Banner() {
    }

    static String render(Hub hub, double seconds) {
        var config = hub.config();
        String http = hub.httpUrl();
        return String.format(Locale.ROOT, """

                Dutyroom hub ready in %.1f s
                  MQTT broker  %s%s
                               publish to %s/{site}/{device}/telemetry
                  Database     %s%s, telemetry on %s
                  API          %s/api/v1/devices
                  Live feed    %s/api/v1/timeline/live
                  Dashboard    %s/
                  Metrics      %s/metrics    Health %s/health
                  Estate       sites: %d, devices: %d
                  Data         %s
                  Log-in       %s
                  Drills       %s
                %sStop with Ctrl+C.
                """,
                seconds,
                hub.brokerUrl(), config.embeddedBroker() ? " (embedded HiveMQ CE)" : "",
                config.mqtt().topicRoot(),
                hub.databaseUrl(), config.embeddedDatabase() ? " (embedded PostgreSQL)" : "",
                hub.flavour() == StorageFlavour.TIMESCALE ? "a TimescaleDB hypertable" : "PostgreSQL daily partitions",
                http, http, http, http, http,
                hub.estate().sites().size(), hub.estate().devices().size(),
                config.dataDir().toAbsolutePath().normalize(),
                login(hub),
                config.simulation().controlUrl().map(url -> "the simulator's control API at " + url)
                        .orElse("off: no simulation.controlUrl"),
                credentials(hub.oneTimeCredentials()));
    }

    private static String login(Hub hub) {
        var auth = hub.config().auth();
        if (!auth.enabled()) {
            return "off: the API trusts the \"user\" each request names (loopback only)";
        }
        return "on: sessions end after " + human(auth.sessionLifetime()) + ", or " + human(auth.idleTimeout()) + " idle";
    }

    /**
     * The passwords the hub chose at this start, shown here once and nowhere else (not in the log).
     * Whoever can read this console can log in with them, which is why a first admin must choose a
     * new password at once.
     */
    private static String credentials(List<UserBootstrap.Credential> credentials) {
        if (credentials.isEmpty()) {
            return "";
        }
        boolean mustChange = credentials.stream().anyMatch(UserBootstrap.Credential::mustChange);
        StringBuilder text = new StringBuilder(mustChange
                ? "  One-time credentials (shown once; you must choose a new password at first log-in):\n"
                : "  One-time credentials for this run (new ones at every start):\n");
        for (UserBootstrap.Credential c : credentials) {
            text.append(String.format("    %-12s %-15s %s%n", c.username(), c.role().code(), c.password()));
        }
        return text.toString();
    }

    private static String human(Duration d) {
        if (d.toSeconds() % 3600 == 0) {
            return d.toHours() + " h";
        }
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
