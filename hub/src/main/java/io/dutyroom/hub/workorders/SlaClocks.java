package io.dutyroom.hub.workorders;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The time-limit clocks of one work order, one per step: when each started, when it is due, when it
 * was done, and which escalations it has already raised, so that a restart never raises one twice.
 * Pure: the caller passes the time, which is how the unit tests run them on a fake clock.
 *
 * <p>Respond and arrive run from the order's creation (or its reopening): the contractor's 30
 * minutes to reach a trapped passenger count from the call, not from the acceptance. Resolve runs
 * from the acceptance, as the maintenance time-limit table says; the return visit from the
 * resolution.
 */
public final class SlaClocks {
    /** Part of a limit gone when a step is "near" it and warns. */
    static final double WARN_AT = 0.8;

    /** How a step stands against its limit. */
    public enum Status {
        WAITING("waiting"), RUNNING("running"), DUE_SOON("due-soon"), OVERDUE("overdue"), MET("met"), MISSED("missed");

        private final String code;

        Status(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** A step that came near or went past its limit just now. */
    public record Escalation(SlaStep step, boolean breached, Instant dueAt) {
    }

    private record Clock(Instant startedAt, Instant dueAt, Optional<Instant> doneAt, boolean warned, boolean breached) {
        Instant warnAt() {
            long limitMs = Duration.between(startedAt, dueAt).toMillis();
            return startedAt.plusMillis((long) (limitMs * WARN_AT));
        }
    }

    private final Map<SlaStep, Clock> clocks = new EnumMap<>(SlaStep.class);

    /** Starts (or restarts) a step's clock at {@code at} with {@code limit}. */
    public void start(SlaStep step, Instant at, Duration limit) {
        clocks.put(step, new Clock(at, at.plus(limit), Optional.empty(), false, false));
    }

    /** Stops a running step's clock; a step never started, or already done, is left as it is. */
    public void done(SlaStep step, Instant at) {
        Clock c = clocks.get(step);
        if (c != null && c.doneAt().isEmpty()) {
            clocks.put(step, new Clock(c.startedAt(), c.dueAt(), Optional.of(at), c.warned(), c.breached()));
        }
    }

    /** Forgets a step's clock: after a reopening, resolve and return visit start again later. */
    public void clear(SlaStep step) {
        clocks.remove(step);
    }

    /**
     * The escalations due at {@code now}, each raised once: a warning when 80 % of a running step's
     * limit is gone, a breach when all of it is. A step found already past its limit breaches without
     * a separate warning.
     */
    public List<Escalation> escalate(Instant now) {
        List<Escalation> due = new ArrayList<>();
        for (Map.Entry<SlaStep, Clock> e : clocks.entrySet()) {
            Clock c = e.getValue();
            if (c.doneAt().isPresent() || c.breached()) {
                continue;
            }
            if (!now.isBefore(c.dueAt())) {
                e.setValue(new Clock(c.startedAt(), c.dueAt(), c.doneAt(), true, true));
                due.add(new Escalation(e.getKey(), true, c.dueAt()));
            } else if (!c.warned() && !now.isBefore(c.warnAt())) {
                e.setValue(new Clock(c.startedAt(), c.dueAt(), c.doneAt(), true, false));
                due.add(new Escalation(e.getKey(), false, c.dueAt()));
            }
        }
        return due;
    }

    public Status status(SlaStep step, Instant now) {
        Clock c = clocks.get(step);
        if (c == null) {
            return Status.WAITING;
        }
        if (c.doneAt().isPresent()) {
            return c.doneAt().get().isAfter(c.dueAt()) ? Status.MISSED : Status.MET;
        }
        if (!now.isBefore(c.dueAt())) {
            return Status.OVERDUE;
        }
        return now.isBefore(c.warnAt()) ? Status.RUNNING : Status.DUE_SOON;
    }

    public Optional<Instant> dueAt(SlaStep step) {
        return Optional.ofNullable(clocks.get(step)).map(Clock::dueAt);
    }

    /** The earliest due time of a running step. */
    public Optional<Instant> nextDue() {
        return clocks.values().stream().filter(c -> c.doneAt().isEmpty()).map(Clock::dueAt).min(Instant::compareTo);
    }

    /** When {@link #escalate} next has something to say: the earliest warning or breach still to come. */
    public Optional<Instant> nextEscalation() {
        return clocks.values().stream().filter(c -> c.doneAt().isEmpty() && !c.breached())
                .map(c -> c.warned() ? c.dueAt() : c.warnAt()).min(Instant::compareTo);
    }

    /** The stored form, also shown by the API with each step's status at {@code now}. */
    public JsonObject toJson(Optional<Instant> now) {
        JsonObject json = new JsonObject();
        for (Map.Entry<SlaStep, Clock> e : clocks.entrySet()) {
            Clock c = e.getValue();
            JsonObject step = new JsonObject()
                    .put("startedAt", c.startedAt().toString())
                    .put("dueAt", c.dueAt().toString())
                    .put("doneAt", c.doneAt().map(Instant::toString).orElse(null))
                    .put("warned", c.warned())
                    .put("breached", c.breached());
            now.ifPresent(t -> step.put("status", status(e.getKey(), t).code()));
            json.put(e.getKey().code(), step);
        }
        return json;
    }

    public static SlaClocks fromJson(JsonObject json) {
        SlaClocks sla = new SlaClocks();
        for (SlaStep step : SlaStep.values()) {
            JsonObject c = json.getJsonObject(step.code());
            if (c != null) {
                sla.clocks.put(step, new Clock(Instant.parse(c.getString("startedAt")), Instant.parse(c.getString("dueAt")),
                        Optional.ofNullable(c.getString("doneAt")).map(Instant::parse), c.getBoolean("warned", false), c.getBoolean("breached", false)));
            }
        }
        return sla;
    }
}
