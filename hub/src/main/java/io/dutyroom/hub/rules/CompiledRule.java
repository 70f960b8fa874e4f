package io.dutyroom.hub.rules;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import io.dutyroom.adapters.profile.RuleDefinition;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A rule of a profile ready to run: its condition programs and the variables they read, so that a
 * reading only re-evaluates the rules it can change.
 */
public final class CompiledRule {
    private final RuleDefinition definition;
    private final CelRuntime.Program when;
    private final Optional<CelRuntime.Program> clearWhen;
    private final Optional<CelRuntime.Program> suppressedWhen;
    private final Set<String> reads;
    private final boolean readsSignals;

    CompiledRule(RuleDefinition definition, CelRuntime.Program when, Optional<CelRuntime.Program> clearWhen,
                 Optional<CelRuntime.Program> suppressedWhen, Set<String> reads, boolean readsSignals) {
        this.definition = definition;
        this.when = when;
        this.clearWhen = clearWhen;
        this.suppressedWhen = suppressedWhen;
        this.reads = Set.copyOf(reads);
        this.readsSignals = readsSignals;
    }

    public RuleDefinition definition() {
        return definition;
    }

    public String id() {
        return definition.id();
    }

    /** The points and signals any of the rule's expressions read. */
    public Set<String> reads() {
        return reads;
    }

    /** Whether the rule reads a signal, whose value moves with time even when no reading comes. */
    boolean readsSignals() {
        return readsSignals;
    }

    /** Whether the raise condition holds; empty while a value it needs is unknown. */
    Optional<Boolean> raises(Map<String, Object> values) {
        return eval(when, values);
    }

    /** Whether the clear condition holds: {@code clearWhen} if declared, else not {@code when}. */
    Optional<Boolean> clears(Map<String, Object> values, Optional<Boolean> raises) {
        return clearWhen.isPresent() ? eval(clearWhen.get(), values) : raises.map(r -> !r);
    }

    /** Whether the alarm is suppressed by design now; false when the rule declares no such condition. */
    Optional<Boolean> suppressed(Map<String, Object> values) {
        return suppressedWhen.isPresent() ? eval(suppressedWhen.get(), values) : Optional.of(false);
    }

    private static Optional<Boolean> eval(CelRuntime.Program program, Map<String, Object> values) {
        try {
            // a variable with no value yet evaluates to an "unknown" rather than a bool. The values are
            // looked up where they are: eval(Map) would copy the device's whole map into an immutable
            // one for every condition, which was most of a wide meter's rule cost
            CelVariableResolver lookUp = name -> Optional.ofNullable(values.get(name));
            return program.eval(lookUp) instanceof Boolean b ? Optional.of(b) : Optional.empty();
        } catch (CelEvaluationException e) {
            return Optional.empty(); // a value the expression needs has not arrived yet (or went bad)
        }
    }

    @Override
    public String toString() {
        return "CompiledRule[" + definition.id() + "]";
    }
}
