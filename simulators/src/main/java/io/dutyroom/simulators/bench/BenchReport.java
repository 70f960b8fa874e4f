package io.dutyroom.simulators.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The ingest benchmark's report in Markdown: per load, the last sustainable rate of each ingester
 * (median, min and max over the runs), the ratios to the ceiling and to the peer, what each
 * process cost at that rate, and the hub's latencies.
 */
final class BenchReport {
    private final List<StepResult> steps;
    private final List<LatencyProbe.Latencies> latencies;

    BenchReport(List<StepResult> steps, List<LatencyProbe.Latencies> latencies) {
        this.steps = List.copyOf(steps);
        this.latencies = List.copyOf(latencies);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("### Last sustainable rate (readings/s stored with zero loss, median (min–max) of ").append(runs().size()).append(" runs)\n\n");
        md.append("| load | QoS | bare pipeline (ceiling) | Dutyroom | Node-RED peer | Dutyroom ÷ ceiling | Dutyroom ÷ peer |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Map.Entry<String, List<StepResult>> load : byLoad().entrySet()) {
            List<StepResult> s = load.getValue();
            md.append("| ").append(load.getKey().replace("/", " | ")).append(" | ")
                    .append(sustained(s, "bare").format(0)).append(" | ")
                    .append(sustained(s, "dutyroom").format(0)).append(" | ")
                    .append(sustained(s, "peer").format(0)).append(" | ")
                    .append(ratio(s, "dutyroom", "bare").format(2)).append(" | ")
                    .append(ratio(s, "dutyroom", "peer").format(2)).append(" |\n");
        }
        md.append("\n### At each ingester's last sustained step (median (min–max) over the runs)\n\n");
        md.append("| load | QoS | ingester | stored/s | drain s | ingester CPU % | broker CPU % | PostgreSQL CPU % | publisher CPU % | hub heap MiB | writer lag s | ingester RSS MiB |\n");
        md.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Map.Entry<String, List<StepResult>> load : byLoad().entrySet()) {
            for (String ingester : List.of("bare", "bare-indexed", "dutyroom", "peer")) {
                List<StepResult> best = bestSteps(load.getValue(), ingester);
                if (best.isEmpty()) {
                    continue;
                }
                md.append("| ").append(load.getKey().replace("/", " | ")).append(" | ").append(ingester).append(" | ")
                        .append(spread(best, StepResult::storedPerSecond).format(0)).append(" | ")
                        .append(spread(best, StepResult::drainSeconds).format(1)).append(" | ")
                        .append(spread(best, r -> r.cpu().ingester()).format(0)).append(" | ")
                        .append(spread(best, r -> r.cpu().broker()).format(0)).append(" | ")
                        .append(spread(best, r -> r.cpu().postgres()).format(0)).append(" | ")
                        .append(spread(best, r -> r.cpu().publisher()).format(0)).append(" | ")
                        .append(ingester.equals("dutyroom") ? spread(best, StepResult::heapMiB).format(0) : "–").append(" | ")
                        .append(ingester.equals("dutyroom") ? spread(best, StepResult::lagSeconds).format(2) : "–").append(" | ")
                        .append(spread(best, StepResult::rssMiB).format(0)).append(" |\n");
            }
        }
        if (!latencies.isEmpty()) {
            md.append("\n### Dutyroom latency, publish → live stream (ms, median (min–max) over the runs)\n\n");
            md.append("| load | path | samples | time-outs | p50 | p95 | p99 | max |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            Map<String, List<LatencyProbe.Latencies>> byLoad = new LinkedHashMap<>();
            latencies.forEach(l -> byLoad.computeIfAbsent(l.load(), k -> new ArrayList<>()).add(l));
            byLoad.forEach((load, ls) -> {
                latencyRow(md, load, "alarm raised", ls, LatencyProbe.Latencies::alarm);
                latencyRow(md, load, "work order created", ls, LatencyProbe.Latencies::workOrder);
            });
        }
        return md.toString();
    }

    private static void latencyRow(StringBuilder md, String load, String path, List<LatencyProbe.Latencies> ls,
                                   Function<LatencyProbe.Latencies, org.HdrHistogram.Histogram> h) {
        md.append("| ").append(load).append(" | ").append(path).append(" | ")
                .append(ls.stream().mapToInt(LatencyProbe.Latencies::samples).sum()).append(" | ")
                .append(ls.stream().mapToInt(LatencyProbe.Latencies::timeouts).sum()).append(" | ");
        for (double p : new double[] {50, 95, 99}) {
            md.append(Spread.of(ls.stream().map(l -> h.apply(l).getValueAtPercentile(p) / 1000.0).toList()).format(1)).append(" | ");
        }
        md.append(Spread.of(ls.stream().map(l -> h.apply(l).getMaxValue() / 1000.0).toList()).format(1)).append(" |\n");
    }

    private List<Integer> runs() {
        return steps.stream().map(StepResult::run).distinct().sorted().toList();
    }

    /** Steps grouped by "shape/QoS n", in the order they were run. */
    private Map<String, List<StepResult>> byLoad() {
        Map<String, List<StepResult>> m = new LinkedHashMap<>();
        steps.forEach(s -> m.computeIfAbsent(s.shape() + "/QoS " + s.qos(), k -> new ArrayList<>()).add(s));
        return m;
    }

    private Map<Integer, Integer> lastSustainedByRun(List<StepResult> load, String ingester) {
        Map<Integer, Integer> m = new LinkedHashMap<>();
        for (int run : runs()) {
            List<StepResult> mine = load.stream().filter(s -> s.run() == run && s.ingester().equals(ingester)).toList();
            if (!mine.isEmpty()) {
                m.put(run, StepTest.lastSustained(mine));
            }
        }
        return m;
    }

    private Spread sustained(List<StepResult> load, String ingester) {
        return Spread.of(lastSustainedByRun(load, ingester).values().stream().map(Integer::doubleValue).toList());
    }

    /** The ratio in each run where both ran, then its spread: ratios are what compare across machines. */
    private Spread ratio(List<StepResult> load, String of, String to) {
        Map<Integer, Integer> a = lastSustainedByRun(load, of);
        Map<Integer, Integer> b = lastSustainedByRun(load, to);
        List<Double> ratios = new ArrayList<>();
        a.forEach((run, rate) -> Optional.ofNullable(b.get(run)).filter(r -> r > 0).ifPresent(r -> ratios.add(rate / (double) r)));
        return Spread.of(ratios);
    }

    private List<StepResult> bestSteps(List<StepResult> load, String ingester) {
        List<StepResult> best = new ArrayList<>();
        lastSustainedByRun(load, ingester).forEach((run, rate) -> load.stream()
                .filter(s -> s.run() == run && s.ingester().equals(ingester) && s.offeredReadings() == rate && s.sustained())
                .findFirst().ifPresent(best::add));
        return best;
    }

    private static Spread spread(List<StepResult> steps, ToDoubleFunction<StepResult> f) {
        return Spread.of(steps.stream().map(s -> f.applyAsDouble(s)).toList());
    }
}
