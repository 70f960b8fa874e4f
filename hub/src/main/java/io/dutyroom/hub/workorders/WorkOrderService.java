package io.dutyroom.hub.workorders;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.profile.RulePriority;
import io.dutyroom.hub.alarms.AlarmBook;
import io.dutyroom.hub.alarms.AlarmRecord;
import io.dutyroom.hub.alarms.AlarmService;
import io.dutyroom.hub.timeline.Severity;
import io.dutyroom.hub.timeline.Timeline;
import io.dutyroom.hub.timeline.TimelineEvent;
import io.dutyroom.hub.timeline.TimelineStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens work orders for alarms whose rule names a policy, dispatches them to the engineer on duty,
 * carries people's actions through the {@link WorkOrderLifecycle}, and watches the time limits.
 *
 * <p>Every change is one database transaction: the order's row is read with a lock, changed, written
 * back with the timeline events that tell of it, and only then notified. The database, not this
 * object, holds the truth, so several hubs or a restart never open a second order for one source
 * (a unique index) nor raise one escalation twice (the marks are in the row).
 */
public final class WorkOrderService extends VerticleBase {
    /** The same fault on the same equipment this many times in a quarter is a recurrence (procedures). */
    public static final int RECURRENCE_FLAG = 3;
    /** The skill that marks whom escalations go to, besides the engineer holding the order. */
    public static final String SUPERVISOR_SKILL = "supervisor";
    static final String HUB = "dutyroom";
    private static final Logger LOG = LoggerFactory.getLogger(WorkOrderService.class);

    private final WorkOrderPolicies policies;
    private final DutyRoster roster;
    private final WorkOrderStore store;
    private final Timeline timeline;
    private final WorkerExecutor db;
    private final AlarmService alarms;
    private final Notifier notifier;
    private final Clock clock;
    private final Duration checkEvery;
    private final List<String> sites;
    private final Counter opened;
    private final Counter escalations;
    private final Dispatcher dispatcher = new Dispatcher();
    private final AtomicBoolean checking = new AtomicBoolean();
    private long ticker = -1;
    private Instant lastCheck;

    /** A new order from the desk, a complaint or a patrol finding. */
    public record ManualOrder(String site, String source, Optional<String> building, Optional<String> floor, String policy,
                              WorkOrder.Origin origin, String summary, Optional<String> fault, Optional<String> assignee, String by) {
    }

    /** The result of an action: the order as it now stands, or why the action was refused. */
    public record Outcome(Optional<JsonObject> order, Optional<String> refusal) {
        static Outcome refused(String why) {
            return new Outcome(Optional.empty(), Optional.of(why));
        }
    }

    public WorkOrderService(WorkOrderPolicies policies, DutyRoster roster, WorkOrderStore store, Timeline timeline, WorkerExecutor db,
                            AlarmService alarms, Notifier notifier, Clock clock, Duration checkEvery, List<String> sites, MeterRegistry metrics) {
        this.policies = policies;
        this.roster = roster;
        this.store = store;
        this.timeline = timeline;
        this.db = db;
        this.alarms = alarms;
        this.notifier = notifier;
        this.clock = clock;
        this.checkEvery = checkEvery;
        this.sites = List.copyOf(sites);
        this.opened = Counter.builder("dutyroom.workorders.opened").description("work orders opened, by alarm or by hand").register(metrics);
        this.escalations = Counter.builder("dutyroom.workorders.escalations").description("time-limit warnings and breaches").register(metrics);
    }

    @Override
    public Future<?> start() {
        lastCheck = clock.instant();
        ticker = vertx.setPeriodic(checkEvery.toMillis(), id -> check());
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(ticker);
        return Future.succeededFuture();
    }

    public DutyRoster roster() {
        return roster;
    }

    public WorkOrderPolicies policies() {
        return policies;
    }

    // ---- orders from alarms ----

    /**
     * An alarm was announced. Its rule's policy opens an order for the source, or the alarm joins the
     * source's open order. A fresh activation on a resolved order means the problem is back: the
     * order is reopened. An alarm that was active all along and only came back in view (unshelved,
     * returned to service, or found at start-up) opens no order if it ever had one: that order was
     * closed or cancelled on purpose.
     */
    public Future<Optional<String>> alarmAnnounced(AlarmRecord alarm, boolean fresh) {
        Optional<WorkOrderPolicy> policy = alarm.rule().workOrder().flatMap(policies::find);
        if (policy.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        WorkOrderPolicy p = policies.forSite(alarm.site(), policy.get());
        List<JsonObject> notes = new ArrayList<>();
        AtomicBoolean isNew = new AtomicBoolean();
        return timeline.transact((c, appender) -> {
            notes.clear(); // a retried attempt starts over
            isNew.set(false);
            Instant now = clock.instant();
            Optional<WorkOrder> open = WorkOrderStore.lockOpenFor(c, alarm.site(), alarm.source(), alarm.drill());
            if (open.isEmpty() && !fresh && WorkOrderStore.hasOrder(c, alarm.id())) {
                return Optional.<String>empty();
            }
            if (open.isPresent()) {
                return Optional.of(link(c, appender, open.get(), alarm, fresh, now, notes));
            }
            WorkOrder o = newOrder(c, p, alarm.site(), alarm.source(), WorkOrder.Origin.ALARM, now, HUB);
            o.alarmId = alarm.id();
            o.linkedAlarms.add(alarm.id());
            o.fault = alarm.rule().id();
            o.summary = new JsonObject().put("zh", alarm.message().zh()).put("en", alarm.message().en());
            o.building = alarm.building();
            o.floor = alarm.floor();
            o.drill = alarm.drill().orElse(null);
            o.recurrence = o.drill == null ? WorkOrderStore.recurrence(c, o.site, o.source, o.fault, quarterStart(now)) + 1 : 1;
            if (!WorkOrderStore.insert(c, o)) {
                // another hub opened the source's order a moment ago: join it
                WorkOrder theirs = WorkOrderStore.lockOpenFor(c, alarm.site(), alarm.source(), alarm.drill()).orElseThrow(
                        () -> new SQLException("work order of " + alarm.source() + " neither inserted nor found", "40001"));
                return Optional.of(link(c, appender, theirs, alarm, fresh, now, notes));
            }
            appender.append(event(o, WorkOrderEvents.CREATED, Severity.WARNING, now, HUB, new JsonObject()
                    .put("alarmId", alarm.id()).put("rule", alarm.rule().id()).put("limits", WorkOrderStore.limitsJson(o.limits))));
            created(c, appender, o, p, now, Optional.empty(), notes);
            isNew.set(true);
            return Optional.of(o.id);
        }).onSuccess(id -> {
            notes.forEach(notifier::send);
            if (isNew.get()) {
                opened.increment();
            }
        }).onFailure(e -> LOG.error("work orders: no order for alarm {} of {}: {}", alarm.id(), alarm.source(), e.getMessage()));
    }

    private String link(Connection c, TimelineStore.Appender appender, WorkOrder o, AlarmRecord alarm, boolean fresh, Instant now,
                        List<JsonObject> notes) throws SQLException {
        boolean linked = !o.linkedAlarms.contains(alarm.id());
        boolean back = fresh && (o.state == WorkOrderState.RESOLVED || o.state == WorkOrderState.VERIFIED);
        if (!linked && !back) {
            return o.id; // the same alarm again while its order runs: nothing new
        }
        if (linked) {
            o.linkedAlarms.add(alarm.id());
        }
        o.updatedAt = now;
        if (back) {
            // the fault is back before the order was closed: another round, with the engineer who knows it
            String reason = "alarm " + alarm.rule().id() + " raised again";
            WorkOrderLifecycle.Transition t = WorkOrderLifecycle.apply(o.state, o.assignee(), new WorkOrderAction.Reopen(HUB, reason));
            JsonObject detail = new JsonObject().put("from", o.state.code()).put("to", t.to().code()).put("reason", reason)
                    .put("alarmId", alarm.id());
            reopen(o, now);
            o.state = t.to();
            WorkOrderStore.update(c, o);
            appender.append(event(o, WorkOrderEvents.REOPENED, Severity.WARNING, now, HUB, detail));
            roster.engineer(o.assignee).ifPresent(e -> notes.add(notification("reopened", o, now).put("recipients", people(List.of(e)))));
        } else {
            WorkOrderStore.update(c, o);
            appender.append(event(o, WorkOrderEvents.ALARM_LINKED, Severity.INFO, now, HUB,
                    new JsonObject().put("alarmId", alarm.id()).put("rule", alarm.rule().id())));
        }
        return o.id;
    }

    // ---- orders by hand ----

    public Future<Outcome> create(ManualOrder m) {
        Optional<WorkOrderPolicy> policy = policies.find(m.policy());
        if (policy.isEmpty()) {
            return Future.succeededFuture(Outcome.refused("no work-order policy '" + m.policy() + "'"));
        }
        WorkOrderPolicy p = policies.forSite(m.site(), policy.get());
        if (m.assignee().isPresent() && roster.engineer(m.assignee().get()).isEmpty()) {
            return Future.succeededFuture(Outcome.refused("no engineer '" + m.assignee().get() + "' in the duty roster"));
        }
        List<JsonObject> notes = new ArrayList<>();
        return timeline.transact((c, appender) -> {
            notes.clear(); // a retried attempt starts over
            Instant now = clock.instant();
            WorkOrder o = newOrder(c, p, m.site(), m.source(), m.origin(), now, m.by());
            o.fault = m.fault().orElse(p.id());
            o.summary = new JsonObject().put("zh", m.summary()).put("en", m.summary());
            o.building = m.building().orElse(null);
            o.floor = m.floor().orElse(null);
            o.recurrence = WorkOrderStore.recurrence(c, o.site, o.source, o.fault, quarterStart(now)) + 1;
            WorkOrderStore.insert(c, o);
            appender.append(event(o, WorkOrderEvents.CREATED, Severity.INFO, now, m.by(),
                    new JsonObject().put("origin", m.origin().code()).put("limits", WorkOrderStore.limitsJson(o.limits))));
            created(c, appender, o, p, now, m.assignee(), notes);
            return new Outcome(Optional.of(o.toJson(now)), Optional.empty());
        }).onSuccess(o -> {
            opened.increment();
            notes.forEach(notifier::send);
        });
    }

    private static WorkOrder newOrder(Connection c, WorkOrderPolicy p, String site, String source, WorkOrder.Origin origin, Instant now,
                                      String by) throws SQLException {
        WorkOrder o = new WorkOrder();
        o.id = WorkOrderStore.nextId(c);
        o.site = site;
        o.source = source;
        o.origin = origin;
        o.policy = p.id();
        o.category = p.category();
        o.priority = p.priority().code();
        o.skill = p.skill();
        o.limits = p.limits();
        o.state = WorkOrderState.CREATED;
        o.createdAt = now;
        o.updatedAt = now;
        o.createdBy = by;
        o.outOfService = p.outOfService();
        o.sla.start(SlaStep.RESPOND, now, o.limits.respond());
        o.sla.start(SlaStep.ARRIVE, now, o.limits.arrive());
        return o;
    }

    /** After the insert: dispatch, the people also told, and the recurrence flag; all in the same transaction. */
    private void created(Connection c, TimelineStore.Appender appender, WorkOrder o, WorkOrderPolicy p, Instant now,
                         Optional<String> chosen, List<JsonObject> notes) throws SQLException {
        dispatch(c, appender, o, p, now, chosen, notes);
        List<Engineer> told = dispatcher.toNotify(p, onDuty(o.site, now));
        if (!told.isEmpty()) {
            appender.append(event(o, WorkOrderEvents.NOTIFIED, Severity.INFO, now, HUB, new JsonObject().put("people", people(told))));
            notes.add(notification("notified", o, now).put("recipients", people(told)));
        }
        if (o.recurrence >= RECURRENCE_FLAG) {
            appender.append(event(o, WorkOrderEvents.RECURRING, Severity.WARNING, now, HUB,
                    new JsonObject().put("fault", o.fault).put("thisQuarter", o.recurrence)));
            notes.add(notification("recurring", o, now).put("thisQuarter", o.recurrence));
        }
    }

    /** Gives a created order to the on-duty engineer with the skill, least loaded first; says so when there is none. */
    private boolean dispatch(Connection c, TimelineStore.Appender appender, WorkOrder o, WorkOrderPolicy p, Instant now,
                             Optional<String> chosen, List<JsonObject> notes) throws SQLException {
        Optional<Engineer> engineer = chosen.isPresent() ? roster.engineer(chosen.get())
                : dispatcher.choose(p, onDuty(o.site, now), WorkOrderStore.openByAssignee(c));
        if (engineer.isEmpty()) {
            if (o.undispatchedAt == null) {
                // said once; a later check dispatches it quietly when someone with the skill comes on duty
                o.undispatchedAt = now;
                WorkOrderStore.update(c, o);
                appender.append(event(o, WorkOrderEvents.UNDISPATCHED, Severity.WARNING, now, HUB,
                        new JsonObject().put("skill", p.skill()).put("reason", "nobody on duty has the skill " + p.skill())));
                notes.add(notification("undispatched", o, now).put("skill", p.skill()));
            }
            return false;
        }
        o.state = WorkOrderState.DISPATCHED;
        o.assignee = engineer.get().id();
        o.updatedAt = now;
        WorkOrderStore.update(c, o);
        appender.append(event(o, WorkOrderEvents.DISPATCHED, Severity.INFO, now, HUB,
                new JsonObject().put("assignee", o.assignee).put("skill", p.skill())));
        notes.add(notification("dispatched", o, now).put("recipients", people(List.of(engineer.get()))));
        return true;
    }

    // ---- people's actions ----

    /** An action on an order; empty when there is no such order. */
    public Future<Optional<Outcome>> act(String id, WorkOrderAction action) {
        if (action instanceof WorkOrderAction.Dispatch d && roster.engineer(d.assignee()).isEmpty()) {
            return Future.succeededFuture(Optional.of(Outcome.refused("no engineer '" + d.assignee() + "' in the duty roster")));
        }
        List<JsonObject> notes = new ArrayList<>();
        List<Runnable> after = new ArrayList<>();
        return timeline.transact((c, appender) -> {
            notes.clear(); // a retried attempt starts over
            after.clear();
            Optional<WorkOrder> found = WorkOrderStore.lock(c, id);
            if (found.isEmpty()) {
                return Optional.<Outcome>empty();
            }
            WorkOrder o = found.get();
            Instant now = clock.instant();
            WorkOrderLifecycle.Transition t = WorkOrderLifecycle.apply(o.state, o.assignee(), action);
            if (!t.allowed()) {
                return Optional.of(Outcome.refused(t.refusal().get()));
            }
            JsonObject detail = record(o, t, action, now, after);
            o.state = t.to();
            o.assignee = t.assignee().orElse(null);
            o.updatedAt = now;
            WorkOrderStore.update(c, o);
            appender.append(event(o, t.event(), Severity.INFO, now, action.by(), detail));
            if (action instanceof WorkOrderAction.Dispatch) {
                roster.engineer(o.assignee).ifPresent(e -> notes.add(notification("dispatched", o, now).put("recipients", people(List.of(e)))));
            }
            return Optional.of(new Outcome(Optional.of(o.toJson(now)), Optional.empty()));
        }).onSuccess(outcome -> {
            notes.forEach(notifier::send);
            after.forEach(Runnable::run);
        });
    }

    /** Applies an allowed action's times and clocks to the order; returns what its event records. */
    private JsonObject record(WorkOrder o, WorkOrderLifecycle.Transition t, WorkOrderAction action, Instant now, List<Runnable> after) {
        JsonObject detail = new JsonObject().put("from", o.state.code()).put("to", t.to().code());
        if (action instanceof WorkOrderAction.Dispatch d) {
            detail.put("assignee", d.assignee()).put("previous", o.assignee);
        } else if (action instanceof WorkOrderAction.Accept) {
            // an order handed on keeps its first acceptance and its resolve clock: a new engineer
            // does not buy the order more time, nor clear an escalation already raised
            if (o.acceptedAt == null) {
                o.acceptedAt = now;
            }
            o.sla.done(SlaStep.RESPOND, now);
            if (o.sla.dueAt(SlaStep.RESOLVE).isEmpty()) {
                o.sla.start(SlaStep.RESOLVE, now, o.limits.resolve());
            }
        } else if (action instanceof WorkOrderAction.Arrive) {
            o.onSiteAt = now;
            o.sla.done(SlaStep.ARRIVE, now);
            if (o.outOfService) {
                deviceOf(o).ifPresent(d -> after.add(() -> alarms.removeFromService(d, action.by(), "work order " + o.id + ": engineer on site")));
            }
        } else if (action instanceof WorkOrderAction.Resolve r) {
            o.resolvedAt = now;
            o.resolution = r.note();
            o.sla.done(SlaStep.RESOLVE, now);
            o.sla.start(SlaStep.RETURN_VISIT, now, o.limits.returnVisit());
            detail.put("note", r.note());
            backInService(o, action, after);
        } else if (action instanceof WorkOrderAction.ReturnVisit v) {
            o.rating = v.rating();
            o.sla.done(SlaStep.RETURN_VISIT, now);
            detail.put("rating", v.rating()).put("fixed", v.fixed()).put("note", v.note());
            if (v.fixed()) {
                o.verifiedAt = now;
            } else {
                reopen(o, now);
            }
        } else if (action instanceof WorkOrderAction.Reopen r) {
            detail.put("reason", r.reason());
            reopen(o, now);
        } else if (action instanceof WorkOrderAction.Close) {
            o.closedAt = now;
        } else if (action instanceof WorkOrderAction.Cancel cancel) {
            o.closedAt = now;
            o.cancelReason = cancel.reason();
            detail.put("reason", cancel.reason());
            backInService(o, action, after);
        }
        return detail;
    }

    /** Another round: the clocks to respond and arrive run again from now; the work is not done. */
    private static void reopen(WorkOrder o, Instant now) {
        o.reopenCount++;
        o.acceptedAt = null;
        o.onSiteAt = null;
        o.resolvedAt = null;
        o.verifiedAt = null;
        o.sla.start(SlaStep.RESPOND, now, o.limits.respond());
        o.sla.start(SlaStep.ARRIVE, now, o.limits.arrive());
        o.sla.clear(SlaStep.RESOLVE);
        o.sla.clear(SlaStep.RETURN_VISIT);
    }

    private void backInService(WorkOrder o, WorkOrderAction action, List<Runnable> after) {
        if (o.outOfService && o.onSiteAt != null) {
            deviceOf(o).ifPresent(d -> after.add(() -> alarms.returnToService(d, action.by())));
        }
    }

    /** A comment, or an attachment given as a link, recorded on the order's timeline. */
    public Future<Optional<Outcome>> annotate(String id, String by, String text, Optional<String> link) {
        return timeline.transact((c, appender) -> {
            Optional<WorkOrder> found = WorkOrderStore.lock(c, id);
            if (found.isEmpty()) {
                return Optional.<Outcome>empty();
            }
            WorkOrder o = found.get();
            Instant now = clock.instant();
            JsonObject detail = new JsonObject().put("text", text);
            if (link.isPresent()) {
                JsonObject attachment = new JsonObject().put("url", link.get()).put("name", text).put("by", by).put("at", now.toString());
                o.attachments.add(attachment);
                o.updatedAt = now;
                WorkOrderStore.update(c, o);
                detail.put("url", link.get());
            }
            appender.append(event(o, link.isPresent() ? WorkOrderEvents.ATTACHED : WorkOrderEvents.COMMENTED, Severity.INFO, now, by, detail));
            return Optional.of(new Outcome(Optional.of(o.toJson(now)), Optional.empty()));
        });
    }

    // ---- the periodic check: time limits, late dispatch, shift handover ----

    private void check() {
        if (!checking.compareAndSet(false, true)) {
            return; // the last check is still running: the database is slow; skip rather than pile up
        }
        Instant now = clock.instant();
        Instant since = lastCheck;
        lastCheck = now;
        db.executeBlocking(store::open, false)
                .compose(open -> {
                    Future<Void> all = Future.succeededFuture();
                    // only orders with something due are locked and looked at again
                    for (WorkOrder o : open) {
                        if (o.state == WorkOrderState.CREATED || o.sla.nextEscalation().map(t -> !t.isAfter(now)).orElse(false)) {
                            all = all.compose(v -> checkOrder(o.id, now).recover(e -> {
                                LOG.error("work orders: checking {} failed: {}", o.id, e.getMessage());
                                return Future.succeededFuture();
                            }));
                        }
                    }
                    for (ShiftInstance next : roster.handoversBetween(since, now)) {
                        for (String site : sites) {
                            if (roster.covers(site)) {
                                all = all.compose(v -> handover(site, next, now));
                            }
                        }
                    }
                    return all;
                })
                .onFailure(e -> LOG.error("work orders: the periodic check failed; it runs again in {}", checkEvery, e))
                .onComplete(x -> checking.set(false));
    }

    private Future<Void> checkOrder(String id, Instant now) {
        List<JsonObject> notes = new ArrayList<>();
        return timeline.transact((c, appender) -> {
            notes.clear(); // a retried attempt starts over
            Optional<WorkOrder> found = WorkOrderStore.lock(c, id);
            if (found.isEmpty() || !found.get().state.open()) {
                return 0;
            }
            WorkOrder o = found.get();
            if (o.state == WorkOrderState.CREATED) {
                dispatch(c, appender, o, policyOf(o), now, Optional.empty(), notes);
            }
            List<SlaClocks.Escalation> due = o.sla.escalate(now);
            if (due.isEmpty()) {
                return 0;
            }
            WorkOrderStore.update(c, o);
            List<Engineer> supervisors = onDuty(o.site, now).stream().filter(x -> x.has(SUPERVISOR_SKILL)).toList();
            for (SlaClocks.Escalation e : due) {
                String kind = e.breached() ? WorkOrderEvents.SLA_BREACHED : WorkOrderEvents.SLA_WARNING;
                appender.append(event(o, kind, e.breached() ? Severity.CRITICAL : Severity.WARNING, now, HUB, new JsonObject()
                        .put("step", e.step().code()).put("dueAt", e.dueAt().toString()).put("assignee", o.assignee)
                        .put("escalatedTo", people(supervisors))));
                List<Engineer> recipients = new ArrayList<>(supervisors);
                roster.engineer(o.assignee).filter(x -> !supervisors.contains(x)).ifPresent(recipients::add);
                notes.add(notification(e.breached() ? "sla-breached" : "sla-warning", o, now).put("step", e.step().code())
                        .put("dueAt", e.dueAt().toString()).put("recipients", people(recipients)));
            }
            return due.size();
        }).onSuccess(n -> {
            notes.forEach(notifier::send);
            escalations.increment(n);
        }).mapEmpty();
    }

    /**
     * A shift begins: the site's open orders it takes over, on the timeline (交接班). Recorded once
     * per site and shift start, however many hubs run, with the orders as they stand now.
     */
    private Future<Void> handover(String site, ShiftInstance next, Instant now) {
        return timeline.transact((c, appender) -> {
            if (WorkOrderStore.claimHandover(c, site, next.start(), next.shiftId())) {
                appender.append(handoverEvent(site, WorkOrderStore.open(c), next, now, HUB, Optional.empty()));
            }
            return null;
        }).mapEmpty();
    }

    /**
     * The outgoing engineer's handover record: what happened on the shift in their words, and the
     * site's open orders as they stand, passed to the shift now on duty.
     */
    public Future<JsonObject> handOver(String site, String by, String note) {
        return timeline.transact((c, appender) -> {
            Instant now = clock.instant();
            List<WorkOrder> open = WorkOrderStore.open(c);
            ShiftInstance next = roster.shiftAt(now);
            return appender.append(handoverEvent(site, open, next, now, by, Optional.of(note))).toJson();
        });
    }

    private TimelineEvent handoverEvent(String site, List<WorkOrder> open, ShiftInstance next, Instant now, String by, Optional<String> note) {
        JsonArray orders = new JsonArray();
        open.stream().filter(o -> o.site.equals(site) && o.state.open() && o.drill == null).forEach(o -> orders.add(new JsonObject()
                .put("id", o.id).put("state", o.state.code()).put("assignee", o.assignee).put("priority", o.priority)
                .put("summary", o.summary).put("source", o.source)));
        JsonObject payload = new JsonObject().put("by", by)
                .put("shift", next.shiftId()).put("shiftStart", next.start().toString()).put("shiftEnd", next.end().toString())
                .put("onDuty", people(onDuty(site, next.start()))).put("openOrders", orders);
        note.ifPresent(n -> payload.put("note", n));
        return TimelineEvent.of(now, WorkOrderEvents.SHIFT_HANDOVER, site, next.shiftId(), Severity.INFO, payload);
    }

    // ---- helpers ----

    /** Who is on duty for a site: nobody, when the roster covers other sites only. */
    private List<Engineer> onDuty(String site, Instant at) {
        return roster.covers(site) ? roster.onDuty(at) : List.of();
    }

    /**
     * The order's policy for dispatching; an order whose policy was since removed from the
     * configuration still has its skill and limits on its row, and goes on with those.
     */
    private WorkOrderPolicy policyOf(WorkOrder o) {
        return policies.find(o.policy).map(p -> policies.forSite(o.site, p))
                .orElseGet(() -> new WorkOrderPolicy(o.policy, null, o.category, RulePriority.parse(o.priority).orElse(RulePriority.MEDIUM),
                        o.skill, List.of(), o.limits, o.outOfService));
    }

    private static Optional<DeviceId> deviceOf(WorkOrder o) {
        return AlarmBook.deviceOf(o.source);
    }

    private Instant quarterStart(Instant now) {
        return WorkOrderReport.quarterStart(now, roster.zone());
    }

    private static TimelineEvent event(WorkOrder o, String kind, Severity severity, Instant at, String by, JsonObject detail) {
        JsonObject payload = new JsonObject()
                .put("workOrderId", o.id)
                .put("policy", o.policy)
                .put("category", o.category.code())
                .put("priority", o.priority)
                .put("state", o.state.code())
                .put("assignee", o.assignee)
                .put("summary", o.summary)
                .put("building", o.building)
                .put("floor", o.floor)
                .put("by", by);
        if (o.drill != null) {
            payload.put("drill", o.drill);
        }
        payload.mergeIn(detail);
        return TimelineEvent.of(at, kind, o.site, o.source, severity, payload);
    }

    private static JsonObject notification(String type, WorkOrder o, Instant at) {
        return new JsonObject().put("type", type).put("ts", at.toString()).put("site", o.site).put("workOrder", new JsonObject()
                .put("id", o.id).put("policy", o.policy).put("category", o.category.code()).put("priority", o.priority)
                .put("state", o.state.code()).put("assignee", o.assignee).put("summary", o.summary).put("source", o.source)
                .put("building", o.building).put("floor", o.floor).put("drill", o.drill));
    }

    private static JsonArray people(List<Engineer> engineers) {
        JsonArray out = new JsonArray();
        engineers.forEach(e -> out.add(new JsonObject().put("id", e.id()).put("name", e.name() == null ? null
                : new JsonObject().put("zh", e.name().zh()).put("en", e.name().en())).put("phone", e.phone())));
        return out;
    }
}
