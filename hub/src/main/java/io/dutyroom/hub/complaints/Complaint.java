package io.dutyroom.hub.complaints;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One complaint of the register as read from its row inside a transaction: the service changes it
 * there and writes it back, so it is never shared between threads. {@link #toJson} is what the API
 * shows.
 *
 * <p>There is deliberately no {@code toString}: the row holds the resident's name and phone, and a
 * row printed into a log line would put them in the logs.
 */
public final class Complaint {
    String id;
    String site;
    String unit;
    String building;
    String floor;
    /** Personal data: never logged, masked everywhere but {@code /resident}. */
    String residentName;
    /** Personal data: never logged, masked everywhere but {@code /resident}. */
    String residentPhone;
    ComplaintChannel channel;
    /** Null until the desk judges its nature. */
    ComplaintKind kind;
    String department;
    String summary;
    /** Normalised ({@link ComplaintRecurrence#normalise}): what recurrence is counted by. */
    String matter;
    /** The device the complaint is about, if any. */
    String source;
    ComplaintState state;
    String owner;
    String receivedBy;
    boolean major;
    /** The limits it was recorded under: a later change of configuration does not move its deadlines. */
    ComplaintLimits limits;
    Instant receivedAt;
    Instant assignedAt;
    Instant resolvedAt;
    Instant returnVisitedAt;
    Instant closedAt;
    Boolean satisfied;
    String result;
    String returnVisitNote;
    /** The step codes ({@link ComplaintClock.Step#code}) already raised overdue in the current round. */
    Set<String> overdue = new LinkedHashSet<>();
    String workOrderId;
    int recurrence = 1;
    Instant updatedAt;
    long version;

    public String id() {
        return id;
    }

    public String site() {
        return site;
    }

    public String unit() {
        return unit;
    }

    public ComplaintState state() {
        return state;
    }

    public String owner() {
        return owner;
    }

    public ComplaintLimits limits() {
        return limits;
    }

    /** The resident, in full. Personal data: only for {@code /resident}; mask it anywhere else. */
    public Resident resident() {
        return new Resident(residentName, residentPhone, unit);
    }

    public Set<String> raisedOverdue() {
        return Set.copyOf(overdue);
    }

    public boolean recurring() {
        return recurrence >= ComplaintRecurrence.RECURRING_FROM;
    }

    /** The times of the current round, for {@link ComplaintClock}. */
    public ComplaintTimes times() {
        return new ComplaintTimes(receivedAt, Optional.ofNullable(assignedAt), Optional.ofNullable(resolvedAt),
                Optional.ofNullable(returnVisitedAt));
    }

    /**
     * The complaint as the API shows it. {@code personal} false masks the resident's name and phone
     * ({@link PersonalData}); the unit is kept in full. {@code steps} has each timed step of the
     * current round: when it started, when it is due, when it was done, whether it is overdue now and
     * whether that was already raised.
     */
    public JsonObject toJson(Instant now, boolean personal) {
        Resident resident = personal ? resident() : resident().masked();
        return new JsonObject()
                .put("id", id)
                .put("site", site)
                .put("unit", unit)
                .put("building", building)
                .put("floor", floor)
                .put("resident", residentJson(resident))
                .put("channel", channel.code())
                .put("kind", kind == null ? null : kind.code())
                .put("department", department)
                .put("summary", summary)
                .put("matter", matter)
                .put("source", source)
                .put("state", state.code())
                .put("owner", owner)
                .put("receivedBy", receivedBy)
                .put("major", major)
                .put("receivedAt", text(receivedAt))
                .put("assignedAt", text(assignedAt))
                .put("resolvedAt", text(resolvedAt))
                .put("returnVisitedAt", text(returnVisitedAt))
                .put("closedAt", text(closedAt))
                .put("satisfied", satisfied)
                .put("result", result)
                .put("returnVisitNote", returnVisitNote)
                .put("workOrderId", workOrderId)
                .put("recurrence", recurrence)
                .put("recurring", recurring())
                .put("updatedAt", text(updatedAt))
                .put("steps", steps(now));
    }

    /** Name and phone as given (already masked or not), with the unit. */
    static JsonObject residentJson(Resident r) {
        return new JsonObject().put("name", r.name()).put("phone", r.phone()).put("unit", r.unit());
    }

    private JsonObject steps(Instant now) {
        ComplaintTimes times = times();
        // a closed complaint's return visit is done, so nothing runs and nothing is overdue
        List<ComplaintClock.Step> late = ComplaintClock.overdue(times, limits, Set.of(), now).stream().map(ComplaintClock.Overdue::step).toList();
        JsonObject steps = new JsonObject();
        for (ComplaintClock.Step step : ComplaintClock.Step.values()) {
            Optional<Instant> started = switch (step) {
                case ASSIGN -> Optional.of(times.recorded());
                case RESOLVE -> times.assigned();
                case RETURN_VISIT -> times.resolved();
            };
            Optional<Instant> done = switch (step) {
                case ASSIGN -> times.assigned();
                case RESOLVE -> times.resolved();
                case RETURN_VISIT -> times.returnVisited();
            };
            if (started.isEmpty()) {
                continue; // its clock has not started in this round
            }
            steps.put(step.code(), new JsonObject()
                    .put("startedAt", started.get().toString())
                    .put("dueAt", started.get().plus(limits.limit(step)).toString())
                    .put("doneAt", done.map(Instant::toString).orElse(null))
                    .put("overdue", late.contains(step))
                    .put("raised", overdue.contains(step.code())));
        }
        return steps;
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
