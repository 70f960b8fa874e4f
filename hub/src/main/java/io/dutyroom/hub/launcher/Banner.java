package io.dutyroom.hub.launcher;

import io.dutyroom.hub.storage.StorageFlavour;

/** The start-up banner: where everything is, so an operator can copy it from the console. */
final class Banner {
    private Banner() {
    }

    static String render(Hub hub, double seconds) {
        var config = hub.config();
        String http = hub.httpUrl();
        return String.format("""

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
                Stop with Ctrl+C.
                """,
                seconds,
                hub.brokerUrl(), config.embeddedBroker() ? " (embedded HiveMQ CE)" : "",
                config.mqtt().topicRoot(),
                hub.databaseUrl(), config.embeddedDatabase() ? " (embedded PostgreSQL)" : "",
                hub.flavour() == StorageFlavour.TIMESCALE ? "a TimescaleDB hypertable" : "PostgreSQL daily partitions",
                http, http, http, http, http,
                hub.estate().sites().size(), hub.estate().devices().size(),
                config.dataDir().toAbsolutePath().normalize());
    }
}
