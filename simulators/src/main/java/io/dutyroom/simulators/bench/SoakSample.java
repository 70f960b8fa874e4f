package io.dutyroom.simulators.bench;

import java.util.Locale;
import java.util.Optional;

/**
 * One sample of the soak: the hub's memory, collector and MQTT backlog at one moment, with the
 * readings stored and acknowledged so far. While the hub is down it has no metrics; its fields are
 * then left empty in the CSV rather than written as zeros, which a plot would show as a real dip.
 *
 * @param hubPid       the hub's process, which a restart changes (its counters start again at 0)
 * @param rssMiB       the hub's resident memory; 0 while it is down
 * @param brokerRssMiB the private Mosquitto's resident memory, where the backlog waits; 0 for the
 *                     embedded broker, which is in the hub's
 * @param stored       rows in the hub's telemetry table; -1 if the count failed
 * @param acknowledged readings the broker has acknowledged to the load so far
 */
record SoakSample(double elapsedSeconds, String phase, long hubPid, Optional<HubMetrics.Sample> hub, double rssMiB, double brokerRssMiB,
                  long stored, long acknowledged) {

    static final String CSV_HEADER = "elapsed_s,phase,heap_mib,writer_lag_s,rss_mib,broker_rss_mib,gc_pauses,gc_pause_s,"
            + "major_gc_pauses,major_gc_pause_s,stored,acknowledged,mqtt_acknowledgements_unsent,mqtt_unacknowledged,readings_repeated";

    String csv() {
        String metrics = hub.map(h -> String.format(Locale.ROOT, "%.1f,%.3f", h.heapMiB(), h.writerLagSeconds())).orElse(",");
        String gc = hub.map(h -> String.format(Locale.ROOT, "%.0f,%.3f,%.0f,%.3f", h.gcPauses(), h.gcPauseSeconds(), h.majorGcPauses(),
                h.majorGcPauseSeconds())).orElse(",,,");
        String mqtt = hub.map(h -> String.format(Locale.ROOT, "%.0f,%.0f,%.0f", h.acknowledgementsUnsent(), h.unacknowledged(),
                h.readingsRepeated())).orElse(",,");
        return String.format(Locale.ROOT, "%.1f,%s,%s,%s,%s,%s,%s,%d,%s", elapsedSeconds, phase, metrics, rssMiB > 0 ? String.format(Locale.ROOT, "%.1f", rssMiB) : "",
                brokerRssMiB > 0 ? String.format(Locale.ROOT, "%.1f", brokerRssMiB) : "", gc, stored >= 0 ? Long.toString(stored) : "", acknowledged, mqtt);
    }
}
