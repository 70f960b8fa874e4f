package io.dutyroom.hub.bench;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.profile.ProfileCatalogue;
import io.dutyroom.adapters.yaml.YamlDocument;
import io.dutyroom.hub.alarms.AlarmBook;
import io.dutyroom.hub.alarms.AlarmChange;
import io.dutyroom.hub.alarms.AlarmEvents;
import io.dutyroom.hub.alarms.AlarmPolicy;
import io.dutyroom.hub.config.DatabaseOptions;
import io.dutyroom.hub.estate.EstateRegistry;
import io.dutyroom.hub.estate.RegisteredDevice;
import io.dutyroom.hub.rules.CompiledRule;
import io.dutyroom.hub.rules.ConditionChange;
import io.dutyroom.hub.rules.RuleCompiler;
import io.dutyroom.hub.storage.Database;
import io.dutyroom.hub.timeline.Placement;
import io.dutyroom.hub.timeline.Timeline;
import io.dutyroom.hub.timeline.TimelineEvent;
import io.dutyroom.hub.timeline.TimelineRow;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appending to the timeline the way the hub does it: {@link Timeline} on a shared worker pool of
 * the hub's size, over the hub's Hikari pool, into a real PostgreSQL schema migrated by the hub's
 * own Flyway migrations (a private schema, created for the trial and dropped after it). The event
 * is a door-forced {@code alarm.raised}, made by the alarm book, so its payload is the real one.
 *
 * <ul>
 *   <li>{@code appendOne}: one event in its own transaction, waited for until committed (the
 *   worker hop, the insert, the commit and the live publish).</li>
 *   <li>{@code appendBatch}: {@value #BATCH} events in one {@link Timeline#transact} transaction,
 *   as a patrol round judged or a complaint's chain of events is written; the score is per event.</li>
 *   <li>{@code eventRow}: the in-memory part alone: the event built and turned into its row
 *   (payload encoded, place and search words lifted out).</li>
 * </ul>
 * The database ones are bound by the commit (a WAL flush), so they measure the disk as much as the
 * hub. The alarm row the alarm service writes beside its event is not included. One thread, so one
 * append at a time. Needs PostgreSQL: DUTYROOM_BENCH_DB_URL (default
 * jdbc:postgresql://127.0.0.1:5432/test), DUTYROOM_BENCH_DB_USER (default postgres),
 * DUTYROOM_BENCH_DB_PASSWORD (default empty). Run with bench/jmh.sh TimelineAppend.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TimelineAppendBenchmark {
    static final int BATCH = 10;
    /** The hub's default db.poolSize: as many database workers, and one connection more. */
    private static final int POOL_SIZE = 4;

    private String url;
    private String user;
    private String password;
    private String schema;
    private Database database;
    private Vertx vertx;
    private WorkerExecutor workers;
    private Timeline timeline;

    private TimelineEvent raised;
    private Instant now;
    private long appended;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        url = env("DUTYROOM_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        user = env("DUTYROOM_BENCH_DB_USER", "postgres");
        password = env("DUTYROOM_BENCH_DB_PASSWORD", "");
        // one schema per fork, so two runs on one database never share rows
        schema = "bench_timeline_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis() % 1_000_000;

        ProfileCatalogue profiles = ProfileCatalogue.builtIn();
        EstateRegistry estate = EstateRegistry.parse(YamlDocument.read("bench-estate.yaml", """
                sites:
                  - id: s1
                    buildings:
                      - id: tower-1
                        floors: ["B1", "1"]
                        devices:
                          - {id: door-1, profile: access-door, floor: "1", name: {zh: 1号门, en: Door 1}}
                """.getBytes(StandardCharsets.UTF_8)), profiles);
        raised = alarmRaised(estate, profiles);

        database = Database.open(url, user, password,
                new DatabaseOptions(url, user, password, schema, POOL_SIZE, "127.0.0.1", 0, DatabaseOptions.Timescale.OFF));
        vertx = Vertx.vertx();
        workers = vertx.createSharedWorkerExecutor("dutyroom-db", POOL_SIZE);
        // the hub places events by the estate; the alarm's payload already names its building
        Placement placement = subject -> DeviceId.isValid(subject)
                ? estate.device(DeviceId.of(subject)).map(d -> new Placement.Place(d.building(), d.floor()))
                : Optional.empty();
        timeline = new Timeline(vertx, workers, database.dataSource(), placement);
        now = raised.ts();
        appended = 0;
    }

    /** The door-forced activation of one access door, as the alarm book makes it. */
    private static TimelineEvent alarmRaised(EstateRegistry estate, ProfileCatalogue profiles) {
        RegisteredDevice door = estate.device(DeviceId.of("door-1")).orElseThrow();
        CompiledRule forced = RuleCompiler.compile(profiles).get("access-door").rules().stream()
                .filter(r -> r.id().equals("door-forced")).findFirst().orElseThrow();
        Map<String, Object> values = Map.of("door_open", true, "locked", false, "forced_open", true, "held_open", false, "reader_online", true);
        AlarmBook book = new AlarmBook(estate, AlarmPolicy.standard());
        List<AlarmChange> changes = book.condition(new ConditionChange(door, forced, ConditionChange.Kind.ACTIVE,
                Instant.parse("2025-03-01T10:00:00Z"), values, Optional.empty()));
        return changes.stream().flatMap(c -> c.event().stream()).filter(e -> e.kind().equals(AlarmEvents.RAISED)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the alarm book raised no alarm: " + changes));
    }

    /** The same alarm event a millisecond later: each row is a new one, in time order like the real timeline. */
    private TimelineEvent next() {
        now = now.plusMillis(1);
        return TimelineEvent.of(now, raised.kind(), raised.site(), raised.subject(), raised.severity(), raised.payload());
    }

    @Benchmark
    public TimelineEvent appendOne() throws Exception {
        TimelineEvent stored = await(timeline.append(next()));
        appended++;
        return stored;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Integer appendBatch() throws Exception {
        // built here, not in the transaction: the work runs on a database worker
        TimelineEvent[] events = new TimelineEvent[BATCH];
        for (int i = 0; i < BATCH; i++) {
            events[i] = next();
        }
        Integer stored = await(timeline.transact((c, appender) -> {
            for (TimelineEvent e : events) {
                appender.append(e);
            }
            return events.length;
        }));
        appended += stored;
        return stored;
    }

    @Benchmark
    public TimelineRow eventRow() {
        return TimelineRow.of(next());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        try {
            timeline.close();
            workers.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            database.close();
        } finally {
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                long rows;
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + schema + ".timeline_event")) {
                    rs.next();
                    rows = rs.getLong(1);
                }
                s.execute("DROP SCHEMA " + schema + " CASCADE");
                // every append the benchmark counted must be a row, or it measured something else
                if (rows != appended) {
                    throw new IllegalStateException("appended " + appended + " events but the timeline holds " + rows);
                }
            }
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
