package io.dutyroom.hub.rules;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.model.Reading;
import io.dutyroom.hub.estate.EstateRegistry;
import io.dutyroom.hub.estate.RegisteredDevice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs every registered device's profile rules over its readings. Pure and single-threaded: the
 * caller passes the time and gets back the condition changes; it owns the thread (an event loop in
 * the hub, the test thread in unit tests). A reading re-evaluates only the rules that read it; a
 * tick re-evaluates rules waiting out a delay and rules over signals, whose values move with time.
 */
public final class RuleEngine {
    private final Map<DeviceId, DeviceRules> devices = new HashMap<>();
    /** The same devices in a fixed order, so a tick can be taken in slices. */
    private final List<DeviceRules> inOrder = new ArrayList<>();
    private final long[] evaluations = new long[1];

    public RuleEngine(EstateRegistry registry, Map<String, ProfileRules> compiled, Instant start) {
        for (RegisteredDevice d : registry.devices()) {
            ProfileRules rules = compiled.get(d.profile().id());
            if (rules != null && !rules.isEmpty()) {
                DeviceRules r = new DeviceRules(d, rules, start);
                devices.put(d.id(), r);
                inOrder.add(r);
            }
        }
    }

    /** Devices with rules: the range of {@link #tick(Instant, int, int)}. */
    public int deviceCount() {
        return inOrder.size();
    }

    /** Durable readings of a device arrived; unknown devices and devices without rules give nothing. */
    public List<ConditionChange> readings(DeviceId device, List<Reading> readings, Instant now, Optional<String> drill) {
        DeviceRules rules = devices.get(device);
        if (rules == null) {
            return List.of();
        }
        List<ConditionChange> out = new ArrayList<>(0);
        rules.evaluate(rules.record(readings, now, drill), now, false, out, evaluations);
        return out;
    }

    /** Time passed: delays may have run out and signal windows moved. */
    public List<ConditionChange> tick(Instant now) {
        return tick(now, 0, inOrder.size());
    }

    /**
     * The tick of the devices {@code from} (inclusive) to {@code to} (exclusive) of
     * {@link #deviceCount()}. An estate of thousands of devices with signal rules costs a large
     * part of a second to tick; taken in slices, the caller's event loop handles readings between
     * them instead of holding them back for the whole tick.
     */
    public List<ConditionChange> tick(Instant now, int from, int to) {
        List<ConditionChange> out = new ArrayList<>(0);
        for (int i = Math.max(0, from); i < Math.min(to, inOrder.size()); i++) {
            DeviceRules rules = inOrder.get(i);
            if (rules.timeSensitive()) {
                rules.evaluate(java.util.Set.of(), now, true, out, evaluations);
            }
        }
        return out;
    }

    /** Marks a condition active at start-up, because its alarm was active when the hub stopped. */
    public void restoreActive(DeviceId device, String ruleId, Instant since) {
        DeviceRules rules = devices.get(device);
        if (rules != null) {
            rules.restoreActive(ruleId, since);
        }
    }

    /** Rule evaluations so far, for the metrics. */
    public long evaluations() {
        return evaluations[0];
    }
}
