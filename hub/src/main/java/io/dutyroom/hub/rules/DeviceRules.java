package io.dutyroom.hub.rules;

import io.dutyroom.adapters.model.Quality;
import io.dutyroom.adapters.model.Reading;
import io.dutyroom.adapters.profile.PointDefinition;
import io.dutyroom.adapters.profile.SignalDefinition;
import io.dutyroom.hub.estate.RegisteredDevice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The rules of one device: its current values, its signals' history, and each rule's condition. */
final class DeviceRules {
    private final RegisteredDevice device;
    private final ProfileRules rules;
    private final Map<String, Object> values = new HashMap<>();
    private final Map<String, List<SignalHistory>> signalsByPoint = new HashMap<>();
    private final List<SignalHistory> signals = new ArrayList<>();
    private final RuleCondition[] conditions;
    /** Some rule reads a signal: every tick may change it, so the tick need not look further. */
    private final boolean readsSignals;
    private Optional<String> drill = Optional.empty();

    DeviceRules(RegisteredDevice device, ProfileRules rules, Instant start) {
        this.device = device;
        this.rules = rules;
        for (SignalDefinition s : rules.signals()) {
            SignalHistory history = new SignalHistory(s, start);
            signals.add(history);
            signalsByPoint.computeIfAbsent(s.point(), p -> new ArrayList<>()).add(history);
        }
        this.conditions = new RuleCondition[rules.rules().size()];
        for (int i = 0; i < conditions.length; i++) {
            conditions[i] = new RuleCondition();
        }
        this.readsSignals = rules.rules().stream().anyMatch(CompiledRule::readsSignals);
    }

    RegisteredDevice device() {
        return device;
    }

    /** Takes durable readings; returns the names whose values changed (points and signals derived from them). */
    Set<String> record(List<Reading> readings, Instant now, Optional<String> drill) {
        this.drill = drill;
        Set<String> changed = new java.util.HashSet<>();
        for (Reading r : readings) {
            Optional<PointDefinition> point = device.profile().point(r.point());
            if (point.isEmpty()) {
                continue;
            }
            if (r.quality() == Quality.COMM_FAILURE) {
                values.remove(r.point()); // a placeholder is no evidence: rules reading it wait
            } else {
                values.put(r.point(), typed(point.get(), r.value()));
                for (SignalHistory s : signalsByPoint.getOrDefault(r.point(), List.of())) {
                    if (r.quality() == Quality.GOOD) {
                        s.record(r.value(), now);
                    }
                    changed.add(s.definition().name());
                }
            }
            changed.add(r.point());
        }
        return changed;
    }

    /** Evaluates the rules reading any of {@code changed} (all when null), plus those with time running. */
    void evaluate(Set<String> changed, Instant now, boolean tick, List<ConditionChange> out, long[] evaluations) {
        boolean signalsFresh = false;
        List<CompiledRule> all = rules.rules();
        for (int i = 0; i < all.size(); i++) {
            CompiledRule rule = all.get(i);
            RuleCondition condition = conditions[i];
            boolean due = changed == null || condition.pending() || (tick && rule.readsSignals()) || readsAny(rule, changed);
            if (!due) {
                continue;
            }
            if (!signalsFresh && rule.readsSignals()) {
                refreshSignals(now);
                signalsFresh = true;
            }
            evaluations[0]++;
            Optional<Boolean> raises = rule.raises(values);
            Optional<Boolean> clears = rule.clears(values, raises);
            condition.update(raises, clears, now, rule.definition().onDelay(), rule.definition().offDelay())
                    .ifPresent(active -> out.add(change(rule, active ? ConditionChange.Kind.ACTIVE : ConditionChange.Kind.CLEARED, now)));
            condition.suppress(rule.suppressed(values))
                    .ifPresent(on -> out.add(change(rule, on ? ConditionChange.Kind.SUPPRESSED : ConditionChange.Kind.UNSUPPRESSED, now)));
        }
    }

    /** Whether a tick can change anything here: a delay is running or a rule reads a signal. */
    boolean timeSensitive() {
        if (readsSignals) {
            return true;
        }
        for (int i = 0; i < conditions.length; i++) {
            if (conditions[i].pending()) {
                return true;
            }
        }
        return false;
    }

    void restoreActive(String ruleId, Instant since) {
        for (int i = 0; i < conditions.length; i++) {
            if (rules.rules().get(i).id().equals(ruleId)) {
                conditions[i].restoreActive(since);
            }
        }
    }

    private ConditionChange change(CompiledRule rule, ConditionChange.Kind kind, Instant now) {
        return new ConditionChange(device, rule, kind, now, Map.copyOf(values), drill);
    }

    private void refreshSignals(Instant now) {
        for (SignalHistory s : signals) {
            Optional<Object> v = s.value(now);
            if (v.isPresent()) {
                values.put(s.definition().name(), v.get());
            } else {
                values.remove(s.definition().name());
            }
        }
    }

    private static boolean readsAny(CompiledRule rule, Set<String> changed) {
        for (String name : changed) {
            if (rule.reads().contains(name)) {
                return true;
            }
        }
        return false;
    }

    private static Object typed(PointDefinition point, double value) {
        return switch (point.type()) {
            case BOOL -> value != 0;
            case INT -> Math.round(value);
            case FLOAT -> value;
        };
    }
}
