package io.dutyroom.simulators.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * The soak's results, as one JSON object for whoever compares runs and as a short Markdown table
 * for docs/benchmarks.md: per phase what was offered, acknowledged and stored and what it cost in
 * memory and collection, then the restart and the verdict, which rests on the counts alone.
 */
final class SoakReport {
    private final SoakRun.Settings settings;
    private final SoakRun.Result result;

    SoakReport(SoakRun.Settings settings, SoakRun.Result result) {
        this.settings = settings;
        this.result = result;
    }

    String json() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("passed", result.passed());
        ObjectNode s = root.putObject("settings");
        s.put("shape", settings.shape().code());
        s.put("broker", settings.broker());
        s.put("qos", 1);
        s.put("hubHeapCapMiB", HeapPlot.HEAP_CAP_MIB);
        s.put("rateReadingsPerSecond", settings.rate());
        s.put("doubleRateReadingsPerSecond", 2 * settings.rate());
        s.put("backlogRateReadingsPerSecond", settings.backlogRate());
        s.put("steadyMinutes", settings.steady().toMillis() / 60_000.0);
        s.put("doubleMinutes", settings.doubled().toMillis() / 60_000.0);
        s.put("backlogMessages", settings.backlogMessages());
        s.put("sampleSeconds", settings.sampleSeconds());
        s.put("drainLimitSeconds", settings.drainLimit().toSeconds());
        ArrayNode phases = root.putArray("phases");
        for (SoakPhase p : result.phases()) {
            SoakPhase.Memory m = SoakPhase.Memory.of(p.name(), result.samples());
            ObjectNode n = phases.addObject();
            n.put("name", p.name());
            n.put("readingsPerSecond", p.readingsPerSecond());
            n.put("startSeconds", round(p.startSeconds()));
            n.put("endSeconds", round(p.endSeconds()));
            n.put("offered", p.offered());
            n.put("acknowledged", p.acknowledged());
            n.put("failedMessages", p.failedMessages());
            n.put("stored", p.stored());
            n.put("maxHeapMiB", round(m.maxHeapMiB()));
            n.put("maxRssMiB", round(m.maxRssMiB()));
            n.put("maxBrokerRssMiB", round(m.maxBrokerRssMiB()));
            n.put("gcPauses", m.gcPauses());
            n.put("gcPauseSeconds", round(m.gcPauseSeconds()));
            n.put("majorGcPauses", m.majorGcPauses());
            n.put("majorGcPauseSeconds", round(m.majorGcPauseSeconds()));
            n.put("hubExited", result.hubExited().contains(p.name()));
            if (p.loadError() != null) {
                n.put("loadError", p.loadError());
            }
        }
        root.put("killSeconds", round(result.killSeconds()));
        root.put("backlogMessagesAtRestart", result.backlogMessages());
        root.put("restartReadySeconds", round(result.readySeconds()));
        root.put("drainSeconds", round(result.drainSeconds()));
        root.put("acknowledged", result.acknowledged());
        root.put("stored", result.stored());
        root.put("lost", Math.max(0, result.acknowledged() - result.stored()));
        root.put("duplicates", result.duplicates());
        root.put("readingsRepeatedAfterRestart", repeatedAfterRestart());
        ArrayNode exited = root.putArray("hubExitedIn");
        result.hubExited().forEach(exited::add);
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "### Soak: %s load, %s broker, %,d readings/s (QoS 1, hub heap capped at %.0f MiB)%n%n", settings.shape().code(),
                settings.broker(), settings.rate(), HeapPlot.HEAP_CAP_MIB));
        md.append("| phase | readings/s | minutes | offered | acknowledged | stored | hub heap max MiB | hub RSS max MiB | broker RSS max MiB "
                + "| major GC pauses (s) | all GC pauses (s) |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (SoakPhase p : result.phases()) {
            SoakPhase.Memory m = SoakPhase.Memory.of(p.name(), result.samples());
            md.append(String.format(Locale.ROOT, "| %s%s | %s | %.1f | %,d | %,d | %,d | %.0f | %.0f | %s | %.0f (%.2f) | %.0f (%.2f) |%n", p.name(),
                    result.hubExited().contains(p.name()) ? " (hub exited)" : "", p.readingsPerSecond() == 0 ? "–" : String.format(Locale.ROOT, "%,d", p.readingsPerSecond()),
                    (p.endSeconds() - p.startSeconds()) / 60, p.offered(), p.acknowledged(), p.stored(), m.maxHeapMiB(), m.maxRssMiB(),
                    settings.embedded() ? "–" : String.format(Locale.ROOT, "%.0f", m.maxBrokerRssMiB()), m.majorGcPauses(), m.majorGcPauseSeconds(),
                    m.gcPauses(), m.gcPauseSeconds()));
        }
        md.append(String.format(Locale.ROOT, "%nRestart after kill -9 with %,d messages acknowledged and not stored: healthy in %s, every acknowledged "
                        + "reading stored in %s.%n%n", result.backlogMessages(), seconds(result.readySeconds()), seconds(result.drainSeconds())));
        md.append(String.format(Locale.ROOT, "Stored %,d of %,d readings acknowledged (lost %,d), duplicates %,d; readings redelivered after the restart "
                        + "and skipped as already stored: %,d.%n%n", result.stored(), result.acknowledged(), Math.max(0, result.acknowledged() - result.stored()),
                result.duplicates(), repeatedAfterRestart()));
        md.append(result.passed() ? "**Passed**: every acknowledged reading stored once.\n"
                : "**Failed**: " + String.join("; ", result.failures()) + ".\n");
        return md.toString();
    }

    /** The restarted hub's count of readings it skipped as stored already, from its last sample. */
    private long repeatedAfterRestart() {
        List<SoakSample> samples = result.samples();
        for (int i = samples.size() - 1; i >= 0; i--) {
            SoakSample s = samples.get(i);
            if (s.phase().equals("restart") && s.hub().isPresent()) {
                return (long) s.hub().get().readingsRepeated();
            }
        }
        return 0;
    }

    private static String seconds(double s) {
        return s < 0 ? "never (within the limit)" : String.format(Locale.ROOT, "%.1f s", s);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
