package io.dutyroom.simulators.bench;

import io.dutyroom.simulators.load.LoadPlan;
import io.dutyroom.simulators.load.LoadResult;
import io.dutyroom.simulators.load.LoadRun;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Raises the rate offered to one ingester until a step is not sustained, then narrows down on the
 * last sustainable rate. A step is <em>sustained</em> when every published reading is stored
 * (zero loss), the ingester has stored the last of them within {@code maxDrainSeconds} of the last
 * publish (no lag building up), and the publisher kept to at least 95 % of the asked rate (at QoS
 * 1 a broker or ingester that cannot keep up holds the publisher back instead of losing data).
 *
 * <p>Rates double from {@code startReadings} until a step fails, then {@code refine} bisections
 * between the last good and the first bad rate: about eight steps find the edge within 12 %.
 */
final class StepTest {
    /** The search's settings. */
    record Settings(int startReadings, int maxReadings, int refine, int stepSeconds, double maxDrainSeconds, double drainLimitSeconds) {
    }

    private final Settings settings;
    private final Connection db;
    private final long brokerPid;
    private final Consumer<StepResult> report;

    StepTest(Settings settings, Connection db, long brokerPid, Consumer<StepResult> report) {
        this.settings = settings;
        this.db = db;
        this.brokerPid = brokerPid;
        this.report = report;
    }

    /** Every step taken, in order; the last sustainable rate is the highest sustained one. */
    List<StepResult> search(int run, LoadShape shape, Ingester ingester, LoadPlan plan) throws Exception {
        warmUp(ingester, plan);
        List<StepResult> steps = new ArrayList<>();
        int good = 0;
        int bad = -1;
        for (int rate = settings.startReadings(); rate <= settings.maxReadings(); rate *= 2) {
            StepResult step = step(run, shape, ingester, plan, rate);
            steps.add(step);
            if (!step.sustained()) {
                bad = rate;
                break;
            }
            good = rate;
        }
        for (int i = 0; i < settings.refine() && bad > 0; i++) {
            int mid = (int) (Math.round((good + bad) / 2.0 / 250) * 250);
            if (mid <= good || mid >= bad) {
                break;
            }
            StepResult step = step(run, shape, ingester, plan, mid);
            steps.add(step);
            if (step.sustained()) {
                good = mid;
            } else {
                bad = mid;
            }
        }
        return steps;
    }

    /**
     * Every device reports a few times before the first step, so no step pays for devices coming
     * online (the hub records each one's first message on the timeline) or for code not yet
     * compiled by the JIT.
     */
    private void warmUp(Ingester ingester, LoadPlan plan) throws Exception {
        ingester.reset(db);
        int rate = Math.min(plan.devices(), 2000);
        int seconds = Math.max(5, (int) Math.ceil(3.0 * plan.devices() / rate));
        LoadResult published = new LoadRun(plan.at(rate, seconds)).run();
        long expected = published.offered() * plan.valuesPerMessage();
        long deadline = System.nanoTime() + seconds(60);
        while (ingester.stored(db) < expected && System.nanoTime() < deadline) {
            Thread.sleep(500); // counting rows in the database: nothing to be called back by
        }
        settle(ingester);
    }

    static int lastSustained(List<StepResult> steps) {
        return steps.stream().filter(StepResult::sustained).mapToInt(StepResult::offeredReadings).max().orElse(0);
    }

    /** One step: publish for the step's time at this rate, then wait for the ingester to store it all. */
    StepResult step(int run, LoadShape shape, Ingester ingester, LoadPlan plan, int readingsPerSecond) throws Exception {
        ingester.reset(db);
        int messages = Math.max(1, Math.round((float) readingsPerSecond / plan.valuesPerMessage()));
        long self = ProcessHandle.current().pid();
        double[] cpu0 = {ProcessStats.cpuSeconds(ingester.pid()), ProcessStats.cpuSeconds(brokerPid), ProcessStats.postgresCpuSeconds(),
                ProcessStats.cpuSeconds(self)};
        AtomicReference<HubMetrics.Sample> worst = new AtomicReference<>(new HubMetrics.Sample(0, 0));
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> ingester.sample().ifPresent(s -> worst.accumulateAndGet(s,
                (a, b) -> new HubMetrics.Sample(Math.max(a.heapMiB(), b.heapMiB()), Math.max(a.writerLagSeconds(), b.writerLagSeconds())))),
                0, 500, TimeUnit.MILLISECONDS);
        long t0 = System.nanoTime();
        LoadResult published;
        long stored;
        long t2;
        try {
            published = new LoadRun(plan.at(messages, settings.stepSeconds())).run();
            long t1 = System.nanoTime();
            long expected = published.offered() * plan.valuesPerMessage();
            stored = ingester.stored(db);
            while (stored < expected && System.nanoTime() - t1 < seconds(settings.drainLimitSeconds())) {
                Thread.sleep(200); // counting rows in the database: nothing to be called back by
                stored = ingester.stored(db);
            }
            t2 = System.nanoTime();
            double drain = stored >= expected ? (t2 - t1) / 1e9 : -1;
            double wall = (t2 - t0) / 1e9;
            double[] cpu1 = {ProcessStats.cpuSeconds(ingester.pid()), ProcessStats.cpuSeconds(brokerPid), ProcessStats.postgresCpuSeconds(),
                    ProcessStats.cpuSeconds(self)};
            StepResult.Cpu cpu = new StepResult.Cpu(percent(cpu1[0] - cpu0[0], wall), percent(cpu1[1] - cpu0[1], wall),
                    percent(cpu1[2] - cpu0[2], wall), percent(cpu1[3] - cpu0[3], wall));
            boolean sustained = published.failed() == 0 && stored >= expected && drain <= settings.maxDrainSeconds()
                    && published.rate() >= 0.95 * messages;
            StepResult result = new StepResult(run, shape.code(), plan.qos(), ingester.name(), readingsPerSecond, published.rate(), expected, stored,
                    drain, stored / wall, cpu, worst.get().heapMiB(), worst.get().writerLagSeconds(), ProcessStats.residentMiB(ingester.pid()),
                    sustained);
            report.accept(result);
            if (stored < expected) {
                settle(ingester);
            }
            return result;
        } finally {
            sampler.shutdownNow();
        }
    }

    /** After a failed step, waits for the backlog to be stored (or given up) so the next step starts clean. */
    private void settle(Ingester ingester) throws Exception {
        long before = -1;
        long now = ingester.stored(db);
        long deadline = System.nanoTime() + seconds(120);
        while (now != before && System.nanoTime() < deadline) {
            Thread.sleep(2000); // until the count stops moving
            before = now;
            now = ingester.stored(db);
        }
    }

    private static long seconds(double s) {
        return (long) (s * 1e9);
    }

    private static double percent(double cpuSeconds, double wallSeconds) {
        return wallSeconds <= 0 ? 0 : 100 * cpuSeconds / wallSeconds;
    }

    static Optional<StepResult> at(List<StepResult> steps, int readings) {
        return steps.stream().filter(s -> s.offeredReadings() == readings).findFirst();
    }
}
