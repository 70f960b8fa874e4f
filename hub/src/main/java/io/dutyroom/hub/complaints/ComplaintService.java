package io.dutyroom.hub.complaints;

import io.dutyroom.hub.timeline.Severity;
import io.dutyroom.hub.timeline.Timeline;
import io.dutyroom.hub.timeline.TimelineEvent;
import io.dutyroom.hub.timeline.TimelineStore;
import io.dutyroom.hub.workorders.WorkOrder;
import io.dutyroom.hub.workorders.WorkOrderService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The complaint register (投诉 / 报修): records complaints, carries people's steps through the
 * {@link ComplaintLifecycle}, opens the work order of a repair, and watches the steps' time limits.
 *
 * <p>Every change is one database transaction: the complaint's row is read with a lock, changed,
 * written back with the timeline events that tell of it. The database, not this object, holds the
 * truth, so several hubs or a restart never raise one overdue step twice (the raised steps are in
 * the row).
 *
 * <p>Personal data: the resident's name and phone are in the row and nowhere else. Timeline events
 * carry them masked; log lines carry neither them nor the row, only the complaint's id.
 */
public final class ComplaintService extends VerticleBase {
    /** How much of a matter is kept to count recurrences by. */
    static final int MATTER_LENGTH = 200;

    static final String HUB = "dutyroom";
    private static final Logger LOG = LoggerFactory.getLogger(ComplaintService.class);

    private final ComplaintStore store;
    private final Timeline timeline;
    private final WorkerExecutor db;
    private final WorkOrderService workOrders;
    private final ComplaintLimits limits;
    private final Clock clock;
    private final ZoneId zone;
    private final Duration checkEvery;
    private final Counter recorded;
    private final Counter overdueSteps;
    private final AtomicBoolean checking = new AtomicBoolean();
    private long ticker = -1;

    /**
     * A complaint as the desk enters it. {@code matter} (what recurrence is counted by) defaults to
     * the summary; {@code source} is the device it is about, if any. The person who received it,
     * {@code receivedBy}, owns it (首问责任制).
     */
    public record NewComplaint(String site, String unit, Optional<String> building, Optional<String> floor, Optional<String> residentName,
                               Optional<String> residentPhone, ComplaintChannel channel, String summary, Optional<String> matter,
                               Optional<String> source, String receivedBy) {
        public NewComplaint {
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(receivedBy, "receivedBy");
        }

        /** Only the unit: the record's own {@code toString} would print the resident's name and phone. */
        @Override
        public String toString() {
            return "NewComplaint[site=" + site + ", unit=" + unit + ", channel=" + channel.code() + "]";
        }
    }

    /** The result of a step: the complaint as it now stands (masked), or why the step was refused. */
    public record Outcome(Optional<JsonObject> complaint, Optional<String> refusal) {
        static Outcome refused(String why) {
            return new Outcome(Optional.empty(), Optional.of(why));
        }

        static Outcome of(JsonObject complaint) {
            return new Outcome(Optional.of(complaint), Optional.empty());
        }
    }

    public ComplaintService(ComplaintStore store, Timeline timeline, WorkerExecutor db, WorkOrderService workOrders, ComplaintLimits limits,
                            Clock clock, ZoneId zone, Duration checkEvery, MeterRegistry metrics) {
        this.store = store;
        this.timeline = timeline;
        this.db = db;
        this.workOrders = workOrders;
        this.limits = limits;
        this.clock = clock;
        this.zone = zone;
        this.checkEvery = checkEvery;
        this.recorded = Counter.builder("dutyroom.complaints.recorded").description("complaints entered in the register").register(metrics);
        this.overdueSteps = Counter.builder("dutyroom.complaints.overdue").description("complaint steps raised overdue").register(metrics);
    }

    @Override
    public Future<?> start() {
        ticker = vertx.setPeriodic(checkEvery.toMillis(), id -> check());
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(ticker);
        return Future.succeededFuture();
    }

    public ComplaintLimits limits() {
        return limits;
    }

    // ---- recording ----

    /**
     * Enters a complaint in the register; its receiver owns it. The same matter from the same unit,
     * or about the same equipment, already complained about this calendar quarter makes it recurring.
     */
    public Future<JsonObject> record(NewComplaint n) {
        AtomicBoolean recurring = new AtomicBoolean();
        return timeline.transact((c, appender) -> {
            recurring.set(false); // a retried attempt starts over
            Instant now = clock.instant();
            Complaint k = new Complaint();
            k.id = ComplaintStore.nextId(c);
            k.site = n.site();
            k.unit = n.unit();
            k.building = n.building().orElse(null);
            k.floor = n.floor().orElse(null);
            k.residentName = n.residentName().orElse(null);
            k.residentPhone = n.residentPhone().orElse(null);
            k.channel = n.channel();
            k.summary = n.summary();
            String matter = ComplaintRecurrence.normalise(n.matter().orElse(n.summary()));
            // the matter is indexed and compared, not read: its first 200 characters say it
            k.matter = matter.length() > MATTER_LENGTH ? matter.substring(0, MATTER_LENGTH) : matter;
            k.source = n.source().orElse(null);
            k.state = ComplaintState.RECORDED;
            k.receivedBy = n.receivedBy();
            k.owner = n.receivedBy(); // 首问责任制: whoever received it answers for it
            k.limits = limits;
            k.receivedAt = now;
            k.updatedAt = now;
            ComplaintStore.lockMatter(c, k.site, k.unit, k.matter, n.source());
            k.recurrence = ComplaintStore.recurrence(c, k.site, k.unit, k.matter, n.source(), quarterStart(now)) + 1;
            ComplaintStore.insert(c, k);
            appender.append(event(k, ComplaintEvents.RECORDED, Severity.INFO, now, k.receivedBy, new JsonObject()
                    .put("matter", k.matter).put("source", k.source).put("recurrence", k.recurrence)
                    .put("limits", ComplaintStore.limitsJson(k.limits))));
            if (k.recurrence >= ComplaintRecurrence.RECURRING_FROM) {
                appender.append(event(k, ComplaintEvents.RECURRING, Severity.WARNING, now, HUB, new JsonObject()
                        .put("matter", k.matter).put("source", k.source).put("thisQuarter", k.recurrence)));
                recurring.set(true);
            }
            return k.toJson(now, false);
        }).recover(ComplaintService::withoutDetail).onSuccess(json -> {
            recorded.increment();
            if (recurring.get()) {
                LOG.info("complaints: {} is recurring this quarter", json.getString("id"));
            }
        });
    }

    // ---- reading a resident in full ----

    /**
     * The resident of complaint {@code id} in full, for calling them back, read by {@code by} (null
     * when log-in is off and nobody was named). The read and its {@link ComplaintEvents#RESIDENT_VIEWED}
     * event are one transaction: personal data is never served without the record of who asked for
     * it. The event says who and which complaint, with none of the resident's data, not even masked.
     * Empty when there is no such complaint.
     */
    public Future<Optional<Resident>> readResident(String id, String by) {
        return timeline.transact((c, appender) -> {
            Optional<Complaint> found = ComplaintStore.find(c, id);
            if (found.isEmpty()) {
                return Optional.<Resident>empty();
            }
            Complaint k = found.get();
            appender.append(TimelineEvent.of(clock.instant(), ComplaintEvents.RESIDENT_VIEWED, k.site, k.id, Severity.INFO, new JsonObject()
                    .put("complaintId", k.id).put("state", k.state.code()).put("owner", k.owner).put("unit", k.unit)
                    .put("building", k.building).put("floor", k.floor).put("by", by)));
            return Optional.of(k.resident());
        }).recover(ComplaintService::withoutDetail);
    }

    // ---- steps ----

    /** A step on a complaint; empty when there is no such complaint. */
    public Future<Optional<Outcome>> act(String id, ComplaintAction action) {
        return timeline.transact((c, appender) -> {
            Optional<Complaint> found = ComplaintStore.lock(c, id);
            if (found.isEmpty()) {
                return Optional.<Outcome>empty();
            }
            Complaint k = found.get();
            Instant now = clock.instant();
            ComplaintLifecycle.Transition t = ComplaintLifecycle.apply(k.state, k.owner, action);
            if (!t.allowed()) {
                return Optional.of(Outcome.refused(t.refusal().get()));
            }
            step(c, appender, k, t, action, now, new JsonObject());
            return Optional.of(Outcome.of(k.toJson(now, false)));
        }).recover(ComplaintService::withoutDetail);
    }

    /**
     * The Handle step of a repair request (报修): the department takes it up and a work order is
     * opened for the repair, linked to the complaint. The order's source is {@code source}, else the
     * complaint's equipment, else its unit; its policy {@code policy}, else {@code complaint-repair}.
     *
     * <p>The work order and the complaint are two separate transactions: the order is created first,
     * by the work-order service, and then the complaint is locked, moved to handling and given the
     * order's id. If the hub stops (or the database fails for good) between the two, the order exists
     * and is dispatched, but the complaint does not name it and stays at its step; handling it again
     * opens a second order. If the complaint changed in between so that it can no longer be handled
     * (someone else handled it first), the order is linked all the same, so it is not lost, and the
     * step is refused with a reason that names the order.
     */
    public Future<Optional<Outcome>> handleWithRepair(String id, String by, String note, Optional<String> source, Optional<String> policy) {
        ComplaintAction.Handle handle = new ComplaintAction.Handle(by, note);
        return db.executeBlocking(() -> store.find(id), false).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(Optional.<Outcome>empty());
            }
            Complaint before = found.get();
            ComplaintLifecycle.Transition check = ComplaintLifecycle.apply(before.state, before.owner, handle);
            if (!check.allowed()) {
                // refused before any order is opened
                return Future.succeededFuture(Optional.of(Outcome.refused(check.refusal().get())));
            }
            WorkOrderService.ManualOrder order = new WorkOrderService.ManualOrder(before.site,
                    source.or(() -> Optional.ofNullable(before.source)).orElse("unit " + before.unit),
                    Optional.ofNullable(before.building), Optional.ofNullable(before.floor), policy.orElse("complaint-repair"),
                    WorkOrder.Origin.COMPLAINT, before.summary, Optional.of(before.matter), Optional.empty(), by);
            return workOrders.create(order).compose(created -> {
                if (created.refusal().isPresent()) {
                    return Future.succeededFuture(Optional.of(Outcome.refused(created.refusal().get())));
                }
                String workOrderId = created.order().orElseThrow().getString("id");
                return linkRepair(id, handle, workOrderId);
            });
        }).recover(ComplaintService::withoutDetail);
    }

    private Future<Optional<Outcome>> linkRepair(String id, ComplaintAction.Handle handle, String workOrderId) {
        return timeline.transact((c, appender) -> {
            // not an SQLException: a complaint that is gone will not come back, so there is nothing to retry
            Complaint k = ComplaintStore.lock(c, id).orElseThrow(() -> new IllegalStateException("complaint " + id + " is gone"));
            Instant now = clock.instant();
            ComplaintLifecycle.Transition t = ComplaintLifecycle.apply(k.state, k.owner, handle);
            // a second repair request that lost the race keeps the first order on the complaint; its own
            // order is still told of on the timeline, so the desk can cancel it
            if (t.allowed() || k.workOrderId == null) {
                k.workOrderId = workOrderId;
            }
            if (t.allowed()) {
                step(c, appender, k, t, handle, now, new JsonObject().put("workOrderId", workOrderId));
            } else {
                k.updatedAt = now;
                ComplaintStore.update(c, k);
            }
            appender.append(event(k, ComplaintEvents.WORK_ORDER_LINKED, Severity.INFO, now, handle.by(),
                    new JsonObject().put("workOrderId", workOrderId)));
            if (!t.allowed()) {
                return Optional.of(Outcome.refused(t.refusal().get() + "; work order " + workOrderId
                        + " was opened for it and is linked to the complaint"));
            }
            return Optional.of(Outcome.of(k.toJson(now, false)));
        });
    }

    /**
     * Applies an allowed transition: the step's times, the new state and owner, the row written back,
     * the step's event, and for an escalation ({@code escalated}) the major mark and a
     * {@link ComplaintEvents#ESCALATED} event unless the step's own event is that.
     */
    private void step(Connection c, TimelineStore.Appender appender, Complaint k, ComplaintLifecycle.Transition t, ComplaintAction action,
                      Instant now, JsonObject extra) throws SQLException {
        JsonObject detail = record(k, t, action, now).mergeIn(extra);
        k.state = t.to();
        k.owner = t.owner();
        if (t.escalated()) {
            k.major = true;
        }
        k.updatedAt = now;
        ComplaintStore.update(c, k);
        boolean warning = t.escalated() || ComplaintEvents.ESCALATED.equals(t.event());
        appender.append(event(k, t.event(), warning ? Severity.WARNING : Severity.INFO, now, action.by(), detail));
        if (t.escalated() && !ComplaintEvents.ESCALATED.equals(t.event())) {
            appender.append(event(k, ComplaintEvents.ESCALATED, Severity.WARNING, now, action.by(), new JsonObject()
                    .put("reason", "judged major at " + action.name()).put("step", action.name())));
        }
    }

    /** Applies an allowed step's times and fields to the complaint; returns what its event records. */
    private static JsonObject record(Complaint k, ComplaintLifecycle.Transition t, ComplaintAction action, Instant now) {
        JsonObject detail = new JsonObject().put("from", k.state.code()).put("to", t.to().code());
        if (action instanceof ComplaintAction.Assign a) {
            detail.put("previousKind", k.kind == null ? null : k.kind.code()).put("previousDepartment", k.department).put("major", a.major());
            boolean anotherDepartment = k.department != null && !k.department.equals(a.department());
            if (k.assignedAt == null) {
                k.assignedAt = now; // first assignment: the resolve clock starts
            } else if (anotherDepartment) {
                newRound(k, now); // another department takes it up anew, with its full time
            }
            // judged again with the same department (say, a different kind): its clock runs on
            k.kind = a.kind();
            k.department = a.department();
        } else if (action instanceof ComplaintAction.Handle h) {
            detail.put("note", h.note());
        } else if (action instanceof ComplaintAction.Resolve r) {
            k.resolvedAt = now;
            k.result = r.result();
            detail.put("result", r.result());
        } else if (action instanceof ComplaintAction.ReturnVisit v) {
            k.satisfied = v.satisfied();
            k.returnVisitNote = v.note();
            detail.put("satisfied", v.satisfied()).put("note", v.note());
            if (v.satisfied()) {
                k.returnVisitedAt = now;
            } else {
                newRound(k, now); // not satisfied: back to the same department, with its full time
            }
        } else if (action instanceof ComplaintAction.Close) {
            k.closedAt = now;
        } else if (action instanceof ComplaintAction.Escalate e) {
            detail.put("reason", e.reason());
        } else if (action instanceof ComplaintAction.Reassign r) {
            detail.put("previousOwner", k.owner).put("newOwner", r.owner());
        }
        return detail;
    }

    /**
     * A new round (see {@link ComplaintTimes}): assigned now, resolution and return visit cleared,
     * and the raised resolve and return-visit steps forgotten, so a late step is raised again.
     */
    private static void newRound(Complaint k, Instant now) {
        k.assignedAt = now;
        k.resolvedAt = null;
        k.returnVisitedAt = null;
        k.overdue.remove(ComplaintClock.Step.RESOLVE.code());
        k.overdue.remove(ComplaintClock.Step.RETURN_VISIT.code());
    }

    // ---- the periodic check: steps past their limit ----

    private void check() {
        if (!checking.compareAndSet(false, true)) {
            return; // the last check is still running: the database is slow; skip rather than pile up
        }
        Instant now = clock.instant();
        db.executeBlocking(store::open, false)
                .compose(open -> {
                    Future<Void> all = Future.succeededFuture();
                    // only complaints with a step due are locked and looked at again
                    for (Complaint k : open) {
                        boolean due = ComplaintClock.nextDue(k.times(), k.limits, k.raisedOverdue()).map(at -> !at.isAfter(now)).orElse(false);
                        if (due) {
                            String id = k.id;
                            all = all.compose(v -> checkComplaint(id, now).recover(e -> {
                                LOG.error("complaints: checking {} failed: {}", id, firstLine(e));
                                return Future.succeededFuture();
                            }));
                        }
                    }
                    return all;
                })
                .onFailure(e -> LOG.error("complaints: the periodic check failed; it runs again in {}: {}", checkEvery, firstLine(e)))
                .onComplete(x -> checking.set(false));
    }

    private Future<Void> checkComplaint(String id, Instant now) {
        AtomicInteger raised = new AtomicInteger();
        return timeline.transact((c, appender) -> {
            raised.set(0); // a retried attempt starts over
            Optional<Complaint> found = ComplaintStore.lock(c, id);
            if (found.isEmpty() || !found.get().state.open()) {
                return null;
            }
            Complaint k = found.get();
            List<ComplaintClock.Overdue> due = ComplaintClock.overdue(k.times(), k.limits, k.raisedOverdue(), now);
            if (due.isEmpty()) {
                return null; // done, or raised by another hub, since it was read
            }
            due.forEach(o -> k.overdue.add(o.step().code()));
            ComplaintStore.update(c, k);
            for (ComplaintClock.Overdue o : due) {
                appender.append(event(k, ComplaintEvents.OVERDUE, Severity.WARNING, now, HUB, new JsonObject()
                        .put("step", o.step().code()).put("dueAt", o.dueAt().toString())));
            }
            raised.set(due.size());
            return null;
        }).onSuccess(x -> overdueSteps.increment(raised.get())).mapEmpty();
    }

    // ---- helpers ----

    private Instant quarterStart(Instant now) {
        return ComplaintReport.quarterStart(now, zone);
    }

    /**
     * The event of a step: its subject is the complaint, and its payload always says where the
     * complaint stands, with the resident masked. Never the full name or phone: the timeline is read
     * by everyone on duty, and exported.
     */
    static TimelineEvent event(Complaint k, String kind, Severity severity, Instant at, String by, JsonObject detail) {
        JsonObject payload = new JsonObject()
                .put("complaintId", k.id)
                .put("state", k.state.code())
                .put("owner", k.owner)
                .put("kind", k.kind == null ? null : k.kind.code())
                .put("department", k.department)
                .put("channel", k.channel.code())
                .put("major", k.major)
                .put("unit", k.unit)
                .put("building", k.building)
                .put("floor", k.floor)
                .put("summary", new JsonObject().put("zh", k.summary).put("en", k.summary))
                .put("resident", Complaint.residentJson(k.resident().masked()))
                .put("by", by);
        payload.mergeIn(detail);
        return TimelineEvent.of(at, kind, k.site, k.id, severity, payload);
    }

    /**
     * A failure as the hub may log it: a database error's first line and SQL state only. The rest of
     * a PostgreSQL message ("Detail: Failing row contains (…)") can quote the row, and with it the
     * resident's name and phone.
     */
    private static <T> Future<T> withoutDetail(Throwable e) {
        if (e instanceof SQLException sql) {
            return Future.failedFuture(new SQLException(firstLine(sql), sql.getSQLState()));
        }
        return Future.failedFuture(e);
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
