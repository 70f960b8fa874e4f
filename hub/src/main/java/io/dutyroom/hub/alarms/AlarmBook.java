package io.dutyroom.hub.alarms;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.profile.LocalizedText;
import io.dutyroom.adapters.profile.MessageTemplate;
import io.dutyroom.adapters.profile.PointDefinition;
import io.dutyroom.adapters.profile.RulePriority;
import io.dutyroom.hub.estate.EstateRegistry;
import io.dutyroom.hub.estate.RegisteredDevice;
import io.dutyroom.hub.rules.ConditionChange;
import io.dutyroom.hub.timeline.Severity;
import io.dutyroom.hub.timeline.TimelineEvent;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The duty room's open alarms and everything that decides how they look: one alarm per source and
 * rule while it lasts, repeats counted on it, masks (shelved, suppressed by design, out of service)
 * applied, chattering, stale and flood detected. Single-threaded and free of I/O: every method
 * returns the {@link AlarmChange}s to make durable, in order; the caller owns the thread and the
 * clock.
 *
 * <p>Suppression by design has three causes: a rule's own {@code suppressedWhen}; a device in
 * comm-loss, whose process alarms are hidden behind its one comm-loss alarm; and a Modbus gateway
 * with every device behind it in comm-loss, whose devices' comm-loss alarms are hidden behind the
 * one gateway alarm.
 */
public final class AlarmBook {
    private final EstateRegistry registry;
    private final AlarmPolicy policy;
    private final Map<AlarmKey, Alarm> open = new HashMap<>();
    private final Map<String, Alarm> byId = new HashMap<>();
    private final Set<AlarmKey> designSuppressed = new HashSet<>();
    private final Set<DeviceId> offline = new HashSet<>();
    private final Set<String> gatewaysDown = new HashSet<>();
    private final Map<DeviceId, String> outOfService = new HashMap<>();
    private final Map<String, List<RegisteredDevice>> gateways = new HashMap<>();
    private final Map<AlarmKey, ArrayDeque<Instant>> activationTimes = new HashMap<>();
    private final Set<AlarmKey> chattering = new HashSet<>();
    private final FloodDetector flood;

    public AlarmBook(EstateRegistry registry, AlarmPolicy policy) {
        this.registry = registry;
        this.policy = policy;
        this.flood = new FloodDetector(policy.floodAbove(), policy.floodEndsBelow(), policy.floodWindow());
        for (RegisteredDevice d : registry.devices()) {
            d.modbus().ifPresent(link -> gateways.computeIfAbsent(gatewayId(link.endpoint().connection()), g -> new ArrayList<>()).add(d));
        }
        gateways.values().removeIf(devices -> devices.size() < 2); // one device behind a gateway: its own comm-loss says it all
    }

    // ---- conditions ------------------------------------------------------------------------------

    /** A rule's condition changed on a device. */
    public List<AlarmChange> condition(ConditionChange change) {
        RegisteredDevice device = change.device();
        AlarmKey key = new AlarmKey(device.site().value(), device.id().value(), change.rule().id());
        List<AlarmChange> out = new ArrayList<>(2);
        switch (change.kind()) {
            case ACTIVE -> {
                Alarm alarm = open.get(key);
                if (alarm == null) {
                    alarm = create(key, device, AlarmRule.of(change.rule().definition()), change.drill(), change.at(), change.values());
                } else {
                    // a repeat tells of the latest activation
                    alarm.values = valuesJson(change.values());
                    alarm.message = render(alarm.rule.message(), device, change.values());
                }
                apply(alarm, new AlarmInput.ConditionActive(), change.at(), new JsonObject(), out);
            }
            case CLEARED -> {
                Alarm alarm = open.get(key);
                if (alarm != null) {
                    apply(alarm, new AlarmInput.ConditionCleared(), change.at(), new JsonObject(), out);
                }
            }
            case SUPPRESSED -> {
                designSuppressed.add(key);
                remask(key, change.at(), out);
            }
            case UNSUPPRESSED -> {
                designSuppressed.remove(key);
                remask(key, change.at(), out);
            }
        }
        return out;
    }

    /** A device went offline or came back; comm-loss alarms and the masks behind them follow. */
    public List<AlarmChange> connectivity(RegisteredDevice device, boolean online, Instant at) {
        List<AlarmChange> out = new ArrayList<>();
        boolean changed = online ? offline.remove(device.id()) : offline.add(device.id());
        if (!changed) {
            return out;
        }
        String site = device.site().value();
        AlarmKey commLoss = new AlarmKey(site, device.id().value(), AlarmRule.COMM_LOSS);
        if (!online) {
            Alarm alarm = open.get(commLoss);
            if (alarm == null) {
                alarm = create(commLoss, device, AlarmRule.commLoss(device.profile().category()), Optional.empty(), at, Map.of());
            }
            apply(alarm, new AlarmInput.ConditionActive(), at, new JsonObject(), out);
        } else if (open.containsKey(commLoss)) {
            apply(open.get(commLoss), new AlarmInput.ConditionCleared(), at, new JsonObject(), out);
        }
        remaskDevice(device.id(), at, out);
        device.modbus().map(link -> gatewayId(link.endpoint().connection())).filter(gateways::containsKey)
                .ifPresent(gateway -> gatewayCheck(site, gateway, at, out));
        return out;
    }

    private void gatewayCheck(String site, String gateway, Instant at, List<AlarmChange> out) {
        List<RegisteredDevice> behind = gateways.get(gateway);
        boolean down = behind.stream().allMatch(d -> offline.contains(d.id()));
        if (down == gatewaysDown.contains(gateway)) {
            return;
        }
        AlarmKey key = new AlarmKey(site, gateway, AlarmRule.GATEWAY_COMM_LOSS);
        if (down) {
            gatewaysDown.add(gateway);
            RegisteredDevice first = behind.get(0);
            Alarm alarm = open.get(key);
            if (alarm == null) {
                alarm = new Alarm(UUID.randomUUID().toString(), key, first.building(), first.floor(),
                        new LocalizedText(gateway, gateway), AlarmRule.gatewayCommLoss(), Optional.empty(), at,
                        render(AlarmRule.gatewayCommLoss().message(), name -> "device".equals(name) ? gateway : null), new JsonObject());
                open.put(key, alarm);
                byId.put(alarm.id, alarm);
            }
            apply(alarm, new AlarmInput.ConditionActive(), at, new JsonObject(), out);
        } else {
            gatewaysDown.remove(gateway);
            if (open.containsKey(key)) {
                apply(open.get(key), new AlarmInput.ConditionCleared(), at, new JsonObject(), out);
            }
        }
        for (RegisteredDevice d : behind) {
            remask(new AlarmKey(site, d.id().value(), AlarmRule.COMM_LOSS), at, out);
        }
    }

    // ---- people's actions ------------------------------------------------------------------------

    /** The result of a person's action: the changes, or why it was refused. */
    public record Outcome(List<AlarmChange> changes, Optional<String> refusal, Optional<AlarmRecord> alarm) {
    }

    /** Acknowledge, reset, shelve or unshelve an open alarm, by a person. */
    public Optional<Outcome> act(String alarmId, AlarmInput input, Instant at, JsonObject detail) {
        Alarm alarm = byId.get(alarmId);
        if (alarm == null) {
            return Optional.empty();
        }
        List<AlarmChange> out = new ArrayList<>(2);
        Optional<String> refusal = apply(alarm, input, at, detail, out);
        return Optional.of(new Outcome(out, refusal, Optional.of(alarm.record())));
    }

    /** A person's comment on an open alarm: it goes on the timeline, the alarm is unchanged. */
    public Optional<Outcome> comment(String alarmId, String user, String text, Instant at) {
        Alarm alarm = byId.get(alarmId);
        if (alarm == null) {
            return Optional.empty();
        }
        TimelineEvent event = event(alarm, AlarmEvents.COMMENTED, Severity.INFO, at, new JsonObject().put("by", user).put("comment", text));
        return Optional.of(new Outcome(List.of(new AlarmChange(Optional.empty(), Optional.of(event))), Optional.empty(),
                Optional.of(alarm.record())));
    }

    /** Puts a device's alarms out of service (equipment under maintenance), now and until it returns. */
    public List<AlarmChange> removeFromService(DeviceId device, String user, String reason, Instant at) {
        List<AlarmChange> out = new ArrayList<>();
        if (outOfService.putIfAbsent(device, reason) == null) {
            for (Alarm a : alarmsOf(device.value())) {
                apply(a, new AlarmInput.RemoveFromService(user, reason), at, new JsonObject().put("by", user).put("reason", reason), out);
            }
        }
        return out;
    }

    public List<AlarmChange> returnToService(DeviceId device, String user, Instant at) {
        List<AlarmChange> out = new ArrayList<>();
        if (outOfService.remove(device) != null) {
            for (Alarm a : alarmsOf(device.value())) {
                apply(a, new AlarmInput.ReturnToService(user), at, new JsonObject().put("by", user), out);
            }
        }
        return out;
    }

    public boolean isOutOfService(DeviceId device) {
        return outOfService.containsKey(device);
    }

    // ---- time ------------------------------------------------------------------------------------

    /** Time passed: shelves expire, long-active alarms turn stale, floods end. */
    public List<AlarmChange> sweep(Instant now) {
        List<AlarmChange> out = new ArrayList<>();
        for (Alarm a : List.copyOf(open.values())) {
            if (a.status.shelf().isPresent() && !now.isBefore(a.status.shelf().get().until())) {
                apply(a, new AlarmInput.ShelfExpired(), now, new JsonObject(), out);
            }
            // stale: active without a break for too long, counted from its latest activation
            if (!a.stale && a.status.condition() && !now.isBefore(a.lastActivatedAt.plus(policy.staleAfter()))) {
                a.stale = true;
                out.add(new AlarmChange(Optional.of(a.record()), Optional.of(event(a, AlarmEvents.STALE, Severity.WARNING, now,
                        new JsonObject().put("activeSince", a.lastActivatedAt.toString())))));
            }
        }
        for (FloodDetector.Flood ended : flood.ended(now)) {
            out.add(new AlarmChange(Optional.empty(), Optional.of(TimelineEvent.of(now, AlarmEvents.FLOOD_ENDED, ended.site(), null,
                    Severity.INFO, new JsonObject().put("since", ended.since().toString()).put("firstOut", ended.firstOut())
                            .put("alarms", ended.alarms().size())))));
        }
        // a source is chattering until a whole window passes without an activation
        for (var it = activationTimes.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue().isEmpty() || e.getValue().peekLast().isBefore(now.minus(policy.chatterWindow()))) {
                chattering.remove(e.getKey());
                it.remove();
                Alarm a = open.get(e.getKey());
                if (a != null && a.chattering) {
                    a.chattering = false;
                    out.add(new AlarmChange(Optional.of(a.record()), Optional.empty()));
                }
            }
        }
        return out;
    }

    // ---- reading ---------------------------------------------------------------------------------

    /** Open alarms: by priority, then newest first. */
    public List<AlarmRecord> open() {
        return open.values().stream().map(Alarm::record)
                .sorted(Comparator.comparing((AlarmRecord r) -> r.rule().priority()).thenComparing(AlarmRecord::lastActivatedAt, Comparator.reverseOrder()))
                .toList();
    }

    public int openCount() {
        return open.size();
    }

    public Optional<AlarmRecord> find(String alarmId) {
        return Optional.ofNullable(byId.get(alarmId)).map(Alarm::record);
    }

    /** The flood of a site's duty position, if one is on. */
    public Optional<FloodDetector.Flood> flood(String site) {
        return flood.current(site);
    }

    public List<FloodDetector.Flood> floods() {
        return flood.current();
    }

    // ---- start-up --------------------------------------------------------------------------------

    /** Takes back an alarm that was open when the hub stopped. */
    public void restore(AlarmRecord record) {
        Alarm alarm = Alarm.restore(record);
        open.put(alarm.key, alarm);
        byId.put(alarm.id, alarm);
        record.status().outOfService().ifPresent(reason -> deviceOf(record.source()).ifPresent(d -> outOfService.put(d, reason)));
    }

    /** Takes back a device's connectivity at start-up, without producing events. */
    public void restoreOffline(DeviceId device) {
        offline.add(device);
        gateways.forEach((gateway, behind) -> {
            if (behind.stream().allMatch(d -> offline.contains(d.id()))) {
                gatewaysDown.add(gateway);
            }
        });
    }

    // ---- inside ----------------------------------------------------------------------------------

    private Optional<String> apply(Alarm alarm, AlarmInput input, Instant at, JsonObject detail, List<AlarmChange> out) {
        AlarmStateMachine.Step step = AlarmStateMachine.apply(alarm.status, input);
        if (step.refused()) {
            return step.refusal();
        }
        boolean changed = !step.next().equals(alarm.status);
        alarm.status = step.next();
        if (input instanceof AlarmInput.Acknowledge ack) {
            alarm.acknowledgedAt = at;
            alarm.acknowledgedBy = ack.user();
        }
        if (input instanceof AlarmInput.ConditionCleared && changed) {
            alarm.returnedAt = at;
        }
        Severity severity = step.activation() ? severityOf(alarm.rule.priority()) : Severity.INFO;
        boolean chatterStarted = false;
        if (step.activation()) {
            boolean first = alarm.activations == 0;
            alarm.activations++;
            alarm.lastActivatedAt = at;
            alarm.acknowledgedAt = null;
            alarm.acknowledgedBy = null;
            chatterStarted = chatter(alarm, at);
            if (first && alarm.drill.isEmpty()) {
                flood.raised(alarm.key.site(), new FloodDetector.Entry(at, alarm.id, alarm.building)).ifPresent(f -> out.add(floodStarted(f, at)));
            }
        }
        if (alarm.status.closed()) {
            alarm.closedAt = at;
            open.remove(alarm.key);
            byId.remove(alarm.id);
        }
        if (changed || step.event().isPresent()) {
            Optional<TimelineEvent> event = step.event().map(kind -> event(alarm, kind, severity, at, detail));
            out.add(new AlarmChange(Optional.of(alarm.record()), event, step.activation()));
        }
        if (chatterStarted) {
            out.add(new AlarmChange(Optional.empty(), Optional.of(event(alarm, AlarmEvents.CHATTERING, Severity.WARNING, at,
                    new JsonObject().put("activations", policy.chatterActivations()).put("within", policy.chatterWindow().toString())))));
        }
        return Optional.empty();
    }

    /** Counts an activation; true when it makes the alarm chattering. */
    private boolean chatter(Alarm alarm, Instant at) {
        ArrayDeque<Instant> times = activationTimes.computeIfAbsent(alarm.key, k -> new ArrayDeque<>());
        times.addLast(at);
        while (!times.isEmpty() && times.peekFirst().isBefore(at.minus(policy.chatterWindow()))) {
            times.pollFirst();
        }
        while (times.size() > policy.chatterActivations()) {
            times.pollFirst();
        }
        // chattering spans episodes: raise, clear, acknowledge and raise again is the usual pattern
        boolean started = times.size() >= policy.chatterActivations() && chattering.add(alarm.key);
        alarm.chattering = chattering.contains(alarm.key);
        return started;
    }

    private Alarm create(AlarmKey key, RegisteredDevice device, AlarmRule rule, Optional<String> drill, Instant at, Map<String, Object> values) {
        LocalizedText message = render(rule.message(), device, values);
        Alarm alarm = new Alarm(UUID.randomUUID().toString(), key, device.building(), device.floor(), nameOf(device), rule, drill, at,
                message, valuesJson(values));
        alarm.chattering = chattering.contains(key); // a chattering source stays marked on its next episode
        open.put(key, alarm);
        byId.put(alarm.id, alarm);
        // masks already in force apply from the start, quietly: the alarm was never in view
        Optional<String> oos = Optional.ofNullable(outOfService.get(device.id()));
        oos.ifPresent(reason -> alarm.status = alarm.status.withOutOfService(Optional.of(reason)));
        suppressionCause(key).ifPresent(cause -> alarm.status = alarm.status.withSuppression(Optional.of(cause)));
        return alarm;
    }

    /** Brings an alarm's design suppression in line with its causes. */
    private void remask(AlarmKey key, Instant at, List<AlarmChange> out) {
        Alarm alarm = open.get(key);
        if (alarm == null) {
            return;
        }
        Optional<String> cause = suppressionCause(key);
        if (cause.isPresent() && alarm.status.suppression().isEmpty()) {
            apply(alarm, new AlarmInput.Suppress(cause.get()), at, new JsonObject().put("cause", cause.get()), out);
        } else if (cause.isEmpty() && alarm.status.suppression().isPresent()) {
            apply(alarm, new AlarmInput.Unsuppress(), at, new JsonObject(), out);
        }
    }

    private void remaskDevice(DeviceId device, Instant at, List<AlarmChange> out) {
        for (Alarm a : alarmsOf(device.value())) {
            remask(a.key, at, out);
        }
    }

    private Optional<String> suppressionCause(AlarmKey key) {
        if (AlarmRule.GATEWAY_COMM_LOSS.equals(key.rule())) {
            return Optional.empty();
        }
        Optional<RegisteredDevice> device = deviceOf(key.source()).flatMap(registry::device);
        if (AlarmRule.COMM_LOSS.equals(key.rule())) {
            return device.flatMap(RegisteredDevice::modbus).map(link -> gatewayId(link.endpoint().connection()))
                    .filter(gatewaysDown::contains).map(g -> "gateway " + g + " is in comm-loss");
        }
        if (device.isPresent() && offline.contains(device.get().id())) {
            return Optional.of("device " + key.source() + " is in comm-loss");
        }
        if (designSuppressed.contains(key)) {
            return Optional.of("by design: " + key.rule() + " suppressedWhen holds");
        }
        return Optional.empty();
    }

    private List<Alarm> alarmsOf(String source) {
        return open.values().stream().filter(a -> a.key.source().equals(source)).toList();
    }

    private AlarmChange floodStarted(FloodDetector.Flood f, Instant at) {
        return new AlarmChange(Optional.empty(), Optional.of(TimelineEvent.of(at, AlarmEvents.FLOOD_STARTED, f.site(), null, Severity.CRITICAL,
                new JsonObject().put("firstOut", f.firstOut()).put("alarms", f.alarms().size())
                        .put("window", policy.floodWindow().toString()))));
    }

    private TimelineEvent event(Alarm a, String kind, Severity severity, Instant at, JsonObject detail) {
        JsonObject payload = new JsonObject()
                .put("alarmId", a.id)
                .put("rule", a.rule.id())
                .put("name", AlarmRecord.text(a.rule.name()))
                .put("priority", a.rule.priority().code())
                .put("state", a.status.state().code())
                .put("message", AlarmRecord.text(a.message))
                .put("activations", a.activations)
                .put("building", a.building)
                .put("floor", a.floor);
        a.drill.ifPresent(d -> payload.put("drill", d));
        payload.mergeIn(detail);
        return TimelineEvent.of(at, kind, a.key.site(), a.key.source(), severity == null ? severityOf(a.rule.priority()) : severity, payload);
    }

    /** The device an alarm source names; empty for a gateway. */
    public static Optional<DeviceId> deviceOf(String source) {
        if (source.startsWith("gateway:")) {
            return Optional.empty();
        }
        try {
            return Optional.of(DeviceId.of(source));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Severity severityOf(RulePriority priority) {
        return priority == RulePriority.URGENT || priority == RulePriority.HIGH ? Severity.CRITICAL : Severity.WARNING;
    }

    static String gatewayId(String connection) {
        return "gateway:" + connection;
    }

    private static LocalizedText render(LocalizedText template, RegisteredDevice device, Map<String, Object> values) {
        // a point or signal wins over a context name: an elevator's {floor} is where the car is
        Function<String, String> lookup = name -> values.containsKey(name) || device.profile().hasPoint(name)
                ? formatted(device, name, values.get(name))
                : switch (name) {
                    case "site" -> device.site().value();
                    case "building" -> device.building();
                    case "floor" -> device.floor();
                    default -> null;
                };
        LocalizedText deviceName = nameOf(device);
        return new LocalizedText(
                MessageTemplate.render(template.zh(), name -> "device".equals(name) ? deviceName.zh() : lookup.apply(name)),
                MessageTemplate.render(template.en(), name -> "device".equals(name) ? deviceName.en() : lookup.apply(name)));
    }

    /** The device's name in both languages; its id where the estate gives none. */
    private static LocalizedText nameOf(RegisteredDevice device) {
        LocalizedText name = device.name();
        String id = device.id().value();
        if (name == null) {
            return new LocalizedText(id, id);
        }
        return new LocalizedText(name.zh() == null ? id : name.zh(), name.en() == null ? id : name.en());
    }

    private static LocalizedText render(LocalizedText template, Function<String, String> lookup) {
        return new LocalizedText(MessageTemplate.render(template.zh(), lookup), MessageTemplate.render(template.en(), lookup));
    }

    /** A value as an engineer reads it: a coded state by its name, a number without float noise, with its unit. */
    private static String formatted(RegisteredDevice device, String name, Object value) {
        if (value == null) {
            return null;
        }
        Optional<PointDefinition> point = device.profile().point(name);
        if (value instanceof Long code && point.isPresent() && point.get().states().containsKey(code.intValue())) {
            return point.get().states().get(code.intValue());
        }
        String text = value instanceof Double d ? new java.math.BigDecimal(d).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString()
                : String.valueOf(value);
        return point.map(p -> p.unit().isEmpty() ? text : text + " " + p.unit()).orElse(text);
    }

    private static JsonObject valuesJson(Map<String, Object> values) {
        JsonObject json = new JsonObject();
        values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> json.put(e.getKey(), e.getValue()));
        return json;
    }
}
