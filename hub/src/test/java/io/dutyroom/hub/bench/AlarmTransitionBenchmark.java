package io.dutyroom.hub.bench;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.profile.ProfileCatalogue;
import io.dutyroom.adapters.yaml.YamlDocument;
import io.dutyroom.hub.alarms.AlarmBook;
import io.dutyroom.hub.alarms.AlarmChange;
import io.dutyroom.hub.alarms.AlarmInput;
import io.dutyroom.hub.alarms.AlarmPolicy;
import io.dutyroom.hub.alarms.AlarmRecord;
import io.dutyroom.hub.alarms.AlarmStateMachine;
import io.dutyroom.hub.alarms.AlarmStatus;
import io.dutyroom.hub.estate.EstateRegistry;
import io.dutyroom.hub.estate.RegisteredDevice;
import io.dutyroom.hub.rules.CompiledRule;
import io.dutyroom.hub.rules.ConditionChange;
import io.dutyroom.hub.rules.RuleCompiler;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The alarm side of an alarm's life, without I/O: the bare ISA-18.2 state machine (one op = one
 * input), and the alarm book taking one access door's door-forced alarm through raise, clear and
 * acknowledge (one op = the whole cycle: a new alarm is created and closed each time). Run with
 * bench/jmh-rules.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AlarmTransitionBenchmark {
    /**
     * Two episodes of a non-latching alarm, back to normal at the end: raised, acknowledged, cleared;
     * raised, returned (cleared unacknowledged), acknowledged.
     */
    private static final AlarmInput[] CYCLE = {
            new AlarmInput.ConditionActive(),
            new AlarmInput.Acknowledge("bench"),
            new AlarmInput.ConditionCleared(),
            new AlarmInput.ConditionActive(),
            new AlarmInput.ConditionCleared(),
            new AlarmInput.Acknowledge("bench"),
    };
    /** Activations this far apart are never chattering, and never add up to a flood. */
    private static final Duration CYCLE_APART = Duration.ofMinutes(2);

    private AlarmStatus status;
    private int next;

    private AlarmBook book;
    private ConditionChange raise;
    private ConditionChange clear;
    private final AlarmInput.Acknowledge acknowledge = new AlarmInput.Acknowledge("bench");
    private final JsonObject detail = new JsonObject().put("by", "bench");
    private Instant now;
    private long cycles;

    @Setup(Level.Trial)
    public void setUp() {
        status = AlarmStatus.normal(false);
        next = 0;

        ProfileCatalogue profiles = ProfileCatalogue.builtIn();
        EstateRegistry estate = EstateRegistry.parse(YamlDocument.read("bench-estate.yaml", """
                sites:
                  - id: s1
                    buildings:
                      - id: b1
                        floors: ["1"]
                        devices:
                          - {id: door-1, profile: access-door, floor: "1", name: {zh: 1号门, en: Door 1}}
                """.getBytes(StandardCharsets.UTF_8)), profiles);
        RegisteredDevice door = estate.device(DeviceId.of("door-1")).orElseThrow();
        CompiledRule forced = RuleCompiler.compile(profiles).get("access-door").rules().stream()
                .filter(r -> r.id().equals("door-forced")).findFirst().orElseThrow();
        Map<String, Object> values = Map.of("door_open", true, "locked", false, "forced_open", true, "held_open", false, "reader_online", true);
        book = new AlarmBook(estate, AlarmPolicy.standard());
        now = Instant.parse("2025-03-01T10:00:00Z");
        raise = new ConditionChange(door, forced, ConditionChange.Kind.ACTIVE, now, values, Optional.empty());
        clear = new ConditionChange(door, forced, ConditionChange.Kind.CLEARED, now, Map.of("forced_open", false), Optional.empty());

        // the cycle must end each alarm, or the book grows and the benchmark measures something else
        for (int i = 0; i < 3; i++) {
            bookCycle(null);
        }
        if (book.openCount() != 0) {
            throw new IllegalStateException("a raise, clear and acknowledge left " + book.open() + " open");
        }
        cycles = 0;
    }

    /** One input through the state machine, the status carried on to the next. */
    @Benchmark
    public AlarmStateMachine.Step stateMachine() {
        AlarmStateMachine.Step step = AlarmStateMachine.apply(status, CYCLE[next]);
        status = step.next();
        next = next == CYCLE.length - 1 ? 0 : next + 1;
        return step;
    }

    /** One alarm's whole episode in the book: condition active, condition cleared, acknowledged by a person. */
    @Benchmark
    public void alarmBookRaiseClearAcknowledge(Blackhole bh) {
        bookCycle(bh);
    }

    private void bookCycle(Blackhole bh) {
        now = now.plus(CYCLE_APART);
        List<AlarmChange> raised = book.condition(new ConditionChange(raise.device(), raise.rule(), raise.kind(), now, raise.values(),
                raise.drill()));
        AlarmRecord alarm = raised.stream().flatMap(c -> c.alarm().stream()).findFirst().orElseThrow();
        List<AlarmChange> returned = book.condition(new ConditionChange(clear.device(), clear.rule(), clear.kind(), now.plusSeconds(5),
                clear.values(), clear.drill()));
        AlarmBook.Outcome acked = book.act(alarm.id(), acknowledge, now.plusSeconds(30), detail).orElseThrow();
        if (acked.refusal().isPresent()) {
            throw new IllegalStateException("acknowledge refused: " + acked.refusal().get());
        }
        cycles++;
        if (bh != null) {
            bh.consume(raised);
            bh.consume(returned);
            bh.consume(acked);
        }
    }

    @TearDown(Level.Trial)
    public void check() {
        if (book.openCount() != 0) {
            throw new IllegalStateException("alarms left open after " + cycles + " cycles: " + book.openCount());
        }
    }
}
