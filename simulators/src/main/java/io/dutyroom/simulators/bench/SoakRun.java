package io.dutyroom.simulators.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The soak's four phases, one after the other, on one hub: steady load, double load, a backlog and
 * a kill -9, then a restart that must store every reading the broker acknowledged, once. With the
 * private Mosquitto the hub is killed first and the backlog queued while it is down; the embedded
 * broker dies with the hub, so there the load outpaces the hub until the backlog is queued inside
 * it, and the hub is killed with it.
 */
final class SoakRun {
    /** What the soak is asked to do. */
    record Settings(LoadShape shape, String broker, int rate, int backlogRate, Duration steady, Duration doubled, long backlogMessages,
                    double sampleSeconds, Duration drainLimit) {
        boolean embedded() {
            return broker.equals("embedded");
        }
    }

    /**
     * What came of it.
     *
     * @param killSeconds     when the hub was killed, seconds since the soak started
     * @param backlogMessages messages acknowledged by the broker and not stored when the hub restarted
     * @param readySeconds    from the restart to {@code /health} answering 200; -1 if it never did
     * @param drainSeconds    from the restart to every acknowledged reading stored; -1 if never
     * @param hubExited       the phases in which the hub's process ended on its own (an
     *                        OutOfMemoryError ends it), empty if none
     * @param duplicates      rows minus distinct (device, point, timestamp)
     */
    record Result(List<SoakPhase> phases, List<SoakSample> samples, double killSeconds, long backlogMessages, double readySeconds, double drainSeconds,
                  List<String> hubExited, long acknowledged, long stored, long duplicates) {
        boolean passed() {
            return failures().isEmpty();
        }

        /** Why it did not pass: stored is not acknowledged, a reading was stored twice, the hub exited. */
        List<String> failures() {
            List<String> why = new ArrayList<>();
            if (stored != acknowledged) {
                why.add(String.format(Locale.ROOT, "stored %,d readings of %,d acknowledged", stored, acknowledged));
            }
            if (duplicates != 0) {
                why.add(String.format(Locale.ROOT, "%,d duplicates", duplicates));
            }
            if (!hubExited.isEmpty()) {
                why.add("the hub exited on its own in " + String.join(", ", hubExited));
            }
            return why;
        }
    }

    /** How long the count may stand still after the restart before the rest counts as lost. */
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(120);

    private final Settings settings;
    private final SoakHub hub;
    private final SoakLoad load;
    private final Connection db;
    private final List<SoakPhase> phases = new ArrayList<>();
    private final List<String> hubExited = new ArrayList<>();
    private SoakSampler sampler;
    private SoakStored counted;
    private double killSeconds;
    // guarded by this: readings acknowledged in the phases done, and the load going on
    private long acknowledged;
    private SoakLoad.Phase running;

    SoakRun(Settings settings, SoakHub hub, SoakLoad load, Connection db) {
        this.settings = settings;
        this.hub = hub;
        this.load = load;
        this.db = db;
    }

    /** Runs the phases, sampling the hub into {@code samplesCsv} over a connection of the sampler's own. */
    Result run(long brokerPid, Path samplesCsv) throws Exception {
        long backlog;
        double ready;
        double drain;
        long stored;
        long duplicates;
        counted = new SoakStored(db, hub);
        try (SoakSampler s = SoakSampler.start(hub, brokerPid, counted, this::acknowledgedSoFar, settings.sampleSeconds(), System.nanoTime(), samplesCsv)) {
            sampler = s;
            try {
                timed("steady", settings.rate(), settings.steady());
                timed("double", 2 * settings.rate(), settings.doubled());
                if (settings.embedded()) {
                    outpaceThenKill();
                } else {
                    killThenQueue();
                }
                backlog = (acknowledged - stored()) / load.valuesPerMessage();
                System.out.printf(Locale.ROOT, "restarting the hub with %,d messages acknowledged and not stored%n", backlog);
                Begun restart = begin("restart");
                long t0 = System.nanoTime();
                ready = hub.restart(settings.drainLimit());
                stored = ready < 0 ? counted.exact() : awaitStored(t0);
                drain = stored >= acknowledged ? (System.nanoTime() - t0) / 1e9 : -1;
                finish(restart, 0, new SoakLoad.Totals(0, 0, 0, 0, 0, null), true);
                duplicates = duplicates();
            } finally {
                SoakLoad.Phase left;
                synchronized (this) {
                    left = running;
                }
                if (left != null) {
                    left.stop(); // a failed soak leaves no publisher behind
                }
            }
        }
        return new Result(List.copyOf(phases), sampler.samples(), killSeconds, backlog, ready, drain, List.copyOf(hubExited), acknowledged, stored, duplicates);
    }

    /** A phase of load at one rate for a fixed time. */
    private void timed(String name, int readingsPerSecond, Duration length) throws Exception {
        Begun b = begin(name);
        System.out.printf(Locale.ROOT, "%s: %,d readings/s for %s%n", name, readingsPerSecond,
                length.toMinutes() > 0 ? String.format(Locale.ROOT, "%.1f min", length.toMillis() / 60_000.0) : length.toSeconds() + " s");
        finish(b, readingsPerSecond, startLoad(readingsPerSecond, length).awaitEnd(), true);
    }

    /** Private broker: the hub killed first, then the backlog queued at the broker while it is down. */
    private void killThenQueue() throws Exception {
        Begun b = begin("backlog");
        kill();
        long queued = (acknowledged - counted.rebase()) / load.valuesPerMessage();
        long toPublish = Math.max(0, settings.backlogMessages() - queued);
        System.out.printf(Locale.ROOT, "backlog: hub killed (SIGKILL) with %,d messages not stored; queueing %,d more at the broker%n", queued, toPublish);
        SoakLoad.Totals totals = new SoakLoad.Totals(0, 0, 0, 0, 0, null);
        if (toPublish > 0) {
            SoakLoad.Phase p = startLoad(settings.backlogRate(), Duration.ofSeconds(60 + 3 * toPublish / load.messagesPerSecond(settings.backlogRate())));
            while (p.running() && p.acknowledgedSoFar() < toPublish * load.valuesPerMessage()) {
                Thread.sleep(100); // watching the load's count: nothing to be called back by
            }
            totals = p.stopAndAwait();
        }
        finish(b, settings.backlogRate(), totals, false);
    }

    /** Embedded broker: load faster than the hub drains until the backlog waits inside it, then the kill. */
    private void outpaceThenKill() throws Exception {
        Begun b = begin("backlog");
        long target = settings.backlogMessages() * load.valuesPerMessage();
        int messages = load.messagesPerSecond(settings.backlogRate());
        System.out.printf(Locale.ROOT, "backlog: %,d readings/s until %,d messages are queued, then SIGKILL%n", settings.backlogRate(), settings.backlogMessages());
        SoakLoad.Phase p = startLoad(settings.backlogRate(), Duration.ofSeconds(60 + 3 * settings.backlogMessages() / messages));
        while (p.running() && acknowledgedSoFar() - stored() < target) {
            Thread.sleep(1000); // reading the hub's count: nothing to be called back by
        }
        SoakLoad.Totals totals = p.stopAndAwait();
        if (!hub.alive()) {
            hubExited.add(b.name());
        }
        kill();
        if (acknowledged + totals.acknowledgedReadings() - counted.rebase() < target) {
            System.out.println("backlog: the hub kept pace; killed it with less queued than asked");
        }
        finish(b, settings.backlogRate(), totals, false);
    }

    private void kill() {
        hub.kill();
        killSeconds = sampler.elapsed();
    }

    /**
     * Waits for every acknowledged reading to be stored, or the drain limit, or the count to stand
     * still; by the hub's count, then confirmed by counting the table.
     */
    private long awaitStored(long t0) throws Exception {
        long stored = counted.now();
        long moved = System.nanoTime();
        while (stored < acknowledged && System.nanoTime() - t0 < settings.drainLimit().toNanos() && System.nanoTime() - moved < STALL_NANOS) {
            Thread.sleep(200); // reading the hub's count: nothing to be called back by
            long now = counted.now();
            if (now != stored) {
                stored = now;
                moved = System.nanoTime();
            }
        }
        return counted.exact();
    }

    private synchronized SoakLoad.Phase startLoad(int readingsPerSecond, Duration longest) {
        running = load.start(readingsPerSecond, longest);
        return running;
    }

    /** Readings acknowledged so far, the phase going on included. */
    synchronized long acknowledgedSoFar() {
        return acknowledged + (running == null ? 0 : running.acknowledgedSoFar());
    }

    private record Begun(String name, double startSeconds, long storedBefore) {
    }

    private Begun begin(String name) throws SQLException {
        sampler.phase(name);
        return new Begun(name, sampler.elapsed(), stored());
    }

    /** Ends a phase; {@code hubShouldRun} unless the soak has killed it. */
    private void finish(Begun b, int readingsPerSecond, SoakLoad.Totals totals, boolean hubShouldRun) throws SQLException {
        synchronized (this) {
            acknowledged += totals.acknowledgedReadings();
            running = null;
        }
        if (hubShouldRun && !hub.alive()) {
            hubExited.add(b.name());
        }
        long storedAfter = stored();
        SoakPhase phase = new SoakPhase(b.name(), readingsPerSecond, b.startSeconds(), sampler.elapsed(), totals.offeredReadings(), totals.acknowledgedReadings(),
                totals.failedMessages(), storedAfter - b.storedBefore(), totals.error());
        phases.add(phase);
        System.out.printf(Locale.ROOT, "  %s: offered %,d, acknowledged %,d, stored %,d readings in %.0f s%s%s%n", phase.name(), phase.offered(), phase.acknowledged(),
                phase.stored(), phase.endSeconds() - phase.startSeconds(), totals.error() == null ? "" : "; load failed: " + totals.error(),
                hubExited.contains(b.name()) ? "; THE HUB EXITED" : "");
    }

    private long stored() {
        return counted.now();
    }

    /** Rows beyond one per (device, point, timestamp): a reading stored twice. */
    private long duplicates() throws SQLException {
        try (Statement s = db.createStatement(); var rs = s.executeQuery("SELECT count(*) - (SELECT count(*) FROM (SELECT DISTINCT device_id, point, ts FROM "
                + hub.table() + ") d) FROM " + hub.table())) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
