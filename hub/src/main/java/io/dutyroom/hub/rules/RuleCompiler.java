package io.dutyroom.hub.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.dutyroom.adapters.profile.EquipmentProfile;
import io.dutyroom.adapters.profile.PointDefinition;
import io.dutyroom.adapters.profile.ProfileCatalogue;
import io.dutyroom.adapters.profile.RuleDefinition;
import io.dutyroom.adapters.profile.SignalDefinition;
import io.dutyroom.adapters.yaml.Problems;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compiles the rules of equipment profiles with CEL, once, at start-up. Each point is a typed
 * variable (float → double, int → int, bool → bool) and so is each signal; an expression must be a
 * bool. A rule that does not parse, names something the profile lacks, or mixes types fails start-up
 * with the file, line, rule and reason (an {@link io.dutyroom.adapters.yaml.InvalidConfigException}).
 */
public final class RuleCompiler {
    /** {@code pressure < 1} with a double point and an int literal is what an engineer writes; allow it. */
    private static final CelOptions OPTIONS = CelOptions.current().enableHeterogeneousNumericComparisons(true).build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

    private RuleCompiler() {
    }

    /** Compiles every profile's rules, reporting every problem of every profile at once. */
    public static Map<String, ProfileRules> compile(ProfileCatalogue catalogue) {
        Problems problems = new Problems();
        Map<String, ProfileRules> compiled = new HashMap<>();
        for (EquipmentProfile profile : catalogue.all()) {
            problems.collect(() -> compiled.put(profile.id(), compile(profile)));
        }
        problems.throwIfAny();
        return Map.copyOf(compiled);
    }

    /** Compiles one profile's rules. */
    public static ProfileRules compile(EquipmentProfile profile) {
        Map<String, CelType> variables = variables(profile);
        Set<String> signalNames = profile.signals().stream().map(SignalDefinition::name).collect(Collectors.toSet());
        CelCompilerBuilder builder = CelCompilerFactory.standardCelCompilerBuilder().setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS).setResultType(SimpleType.BOOL);
        variables.forEach(builder::addVar);
        CelCompiler compiler = builder.build();
        Problems problems = new Problems();
        List<CompiledRule> rules = new ArrayList<>();
        for (RuleDefinition rule : profile.rules()) {
            Set<String> reads = new HashSet<>();
            Optional<CelRuntime.Program> when = program(compiler, rule, "when", Optional.of(rule.when()), reads, problems);
            Optional<CelRuntime.Program> clearWhen = program(compiler, rule, "clearWhen", rule.clearWhen(), reads, problems);
            Optional<CelRuntime.Program> suppressedWhen = program(compiler, rule, "suppressedWhen", rule.suppressedWhen(), reads, problems);
            if (when.isPresent()) {
                boolean readsSignals = reads.stream().anyMatch(signalNames::contains);
                rules.add(new CompiledRule(rule, when.get(), clearWhen, suppressedWhen, reads, readsSignals));
            }
        }
        problems.throwIfAny();
        return new ProfileRules(profile, rules, profile.signals());
    }

    private static Map<String, CelType> variables(EquipmentProfile profile) {
        Map<String, CelType> vars = new HashMap<>();
        for (PointDefinition p : profile.points()) {
            vars.put(p.name(), switch (p.type()) {
                case BOOL -> SimpleType.BOOL;
                case INT -> SimpleType.INT;
                case FLOAT -> SimpleType.DOUBLE;
            });
        }
        for (SignalDefinition s : profile.signals()) {
            vars.put(s.name(), s.kind() == SignalDefinition.Kind.RISES ? SimpleType.INT : SimpleType.DOUBLE);
        }
        return vars;
    }

    private static Optional<CelRuntime.Program> program(CelCompiler compiler, RuleDefinition rule, String key, Optional<String> expression,
                                                        Set<String> reads, Problems problems) {
        if (expression.isEmpty()) {
            return Optional.empty();
        }
        String where = rule.origin() + ": rule '" + rule.id() + "' " + key + ": ";
        CelValidationResult result = compiler.compile(expression.get());
        if (result.hasError()) {
            for (CelIssue issue : result.getErrors()) {
                int column = issue.getSourceLocation().getColumn();
                problems.add(where + issue.getMessage() + (column >= 0 ? " (at column " + (column + 1) + " of '" + expression.get() + "')" : ""));
            }
            return Optional.empty();
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            ast.getReferenceMap().values().stream().map(ref -> ref.name()).filter(name -> !name.isEmpty()).forEach(reads::add);
            return Optional.of(RUNTIME.createProgram(ast));
        } catch (CelValidationException | CelEvaluationException e) {
            problems.add(where + e.getMessage());
            return Optional.empty();
        }
    }
}
