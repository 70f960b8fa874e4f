package io.dutyroom.simulators.bench;

import java.util.List;

/**
 * One phase of the soak and what came of it: what the load offered and the broker acknowledged,
 * the rows the hub added meanwhile, and from the samples, what it cost in memory and collection.
 *
 * @param readingsPerSecond the rate asked of the load; 0 when none ran
 * @param startSeconds      when it began, seconds since the soak started
 * @param endSeconds        when it ended
 * @param offered           readings offered to the publisher
 * @param acknowledged      readings in messages the broker acknowledged
 * @param failedMessages    messages the publisher gave up on (not acknowledged)
 * @param stored            rows added to the telemetry table during the phase
 * @param loadError         what ended the load early, or null
 */
record SoakPhase(String name, int readingsPerSecond, double startSeconds, double endSeconds, long offered, long acknowledged, long failedMessages,
                 long stored, String loadError) {

    /**
     * The hub's memory and collector in one phase: the highest heap in use and resident set, the
     * private broker's resident set (where a backlog waits), and the collector's pauses during it.
     * A restart starts the hub's counters again at 0, which the pauses allow for by the process id.
     */
    record Memory(double maxHeapMiB, double maxRssMiB, double maxBrokerRssMiB, double gcPauses, double gcPauseSeconds, double majorGcPauses,
                  double majorGcPauseSeconds) {

        static Memory of(String phase, List<SoakSample> samples) {
            double heap = 0;
            double rss = 0;
            double brokerRss = 0;
            double[] pauses = new double[4];
            HubMetrics.Sample last = null;
            long lastPid = -1;
            for (SoakSample s : samples) {
                boolean mine = s.phase().equals(phase);
                if (mine) {
                    rss = Math.max(rss, s.rssMiB());
                    brokerRss = Math.max(brokerRss, s.brokerRssMiB());
                }
                if (s.hub().isEmpty()) {
                    continue;
                }
                HubMetrics.Sample h = s.hub().get();
                if (mine) {
                    heap = Math.max(heap, h.heapMiB());
                    boolean sameHub = last != null && s.hubPid() == lastPid;
                    pauses[0] += h.gcPauses() - (sameHub ? last.gcPauses() : 0);
                    pauses[1] += h.gcPauseSeconds() - (sameHub ? last.gcPauseSeconds() : 0);
                    pauses[2] += h.majorGcPauses() - (sameHub ? last.majorGcPauses() : 0);
                    pauses[3] += h.majorGcPauseSeconds() - (sameHub ? last.majorGcPauseSeconds() : 0);
                }
                last = h;
                lastPid = s.hubPid();
            }
            return new Memory(heap, rss, brokerRss, pauses[0], pauses[1], pauses[2], pauses[3]);
        }
    }
}
