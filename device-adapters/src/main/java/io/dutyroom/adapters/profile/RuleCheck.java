package io.dutyroom.adapters.profile;

import io.dutyroom.adapters.model.PointName;
import io.dutyroom.adapters.yaml.Durations;
import io.dutyroom.adapters.yaml.Problems;
import io.dutyroom.adapters.yaml.YamlDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks the {@code signals} and {@code rules} of a profile file and turns them into definitions.
 * Everything that can be checked without compiling the expressions is checked here, with the file and
 * line; the hub's rule compiler type-checks the expressions themselves.
 */
final class RuleCheck {
    private static final int MAX_DELAY_HOURS = 24 * 7;

    private RuleCheck() {
    }

    /** The signals of a profile file, as raw YAML. */
    record SignalFile(String name, String rises, String change, String age, String window) {
    }

    /** A rule of a profile file, as raw YAML. */
    record RuleFile(String id, LocalizedText name, String priority, String when, String clearWhen, String suppressedWhen,
                    String onDelay, String offDelay, Boolean latch, LocalizedText message, String workOrder) {
    }

    static List<SignalDefinition> signals(YamlDocument doc, List<SignalFile> files, List<PointDefinition> points, Problems problems) {
        Map<String, PointDefinition> byName = points.stream().collect(Collectors.toMap(PointDefinition::name, Function.identity(), (a, b) -> a));
        List<SignalDefinition> signals = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < files.size(); i++) {
            SignalFile s = files.get(i);
            String at = "/signals/" + i;
            if (s.name() == null || !PointName.isValid(s.name())) {
                problems.at(doc, at + "/name", "a signal needs a name of 1-64 letters, digits, '.', '_' or '-'");
                continue;
            }
            if (byName.containsKey(s.name()) || !names.add(s.name())) {
                problems.at(doc, at + "/name", "'" + s.name() + "' is already a point or signal of this profile");
            }
            List<SignalDefinition.Kind> kinds = new ArrayList<>();
            if (s.rises() != null) kinds.add(SignalDefinition.Kind.RISES);
            if (s.change() != null) kinds.add(SignalDefinition.Kind.CHANGE);
            if (s.age() != null) kinds.add(SignalDefinition.Kind.AGE);
            if (kinds.size() != 1) {
                problems.at(doc, at, "a signal is exactly one of rises, change or age");
                continue;
            }
            SignalDefinition.Kind kind = kinds.get(0);
            String point = switch (kind) {
                case RISES -> s.rises();
                case CHANGE -> s.change();
                case AGE -> s.age();
            };
            String pointAt = at + "/" + kind.name().toLowerCase(java.util.Locale.ROOT);
            PointDefinition p = byName.get(point);
            if (p == null) {
                problems.at(doc, pointAt, "no point '" + point + "' in this profile");
                continue;
            }
            if (kind == SignalDefinition.Kind.RISES && p.type() != ValueType.BOOL) {
                problems.at(doc, pointAt, "rises counts a bool point going true; '" + point + "' is " + p.type().name().toLowerCase(java.util.Locale.ROOT));
            }
            if (kind == SignalDefinition.Kind.CHANGE && p.type() == ValueType.BOOL) {
                problems.at(doc, pointAt, "change needs a number point; '" + point + "' is bool");
            }
            Duration window = Duration.ZERO;
            if (kind == SignalDefinition.Kind.AGE) {
                if (s.window() != null) {
                    problems.at(doc, at + "/window", "age has no window");
                }
            } else {
                Optional<Duration> w = s.window() == null ? Optional.empty() : Durations.parse(s.window());
                if (w.isEmpty() || w.get().isZero() || w.get().isNegative() || w.get().toHours() > MAX_DELAY_HOURS) {
                    problems.at(doc, at + "/window", "a window like 30s, 10m or 1h is required (at most 7d)");
                    continue;
                }
                window = w.get();
            }
            signals.add(new SignalDefinition(s.name(), kind, point, window, doc.where(at)));
        }
        return signals;
    }

    static List<RuleDefinition> rules(YamlDocument doc, List<RuleFile> files, List<PointDefinition> points,
                                      List<SignalDefinition> signals, Problems problems) {
        Set<String> placeholders = new HashSet<>(MessageTemplate.CONTEXT);
        points.forEach(p -> placeholders.add(p.name()));
        signals.forEach(s -> placeholders.add(s.name()));
        List<RuleDefinition> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < files.size(); i++) {
            RuleFile r = files.get(i);
            String at = "/rules/" + i;
            int before = problems.count();
            if (r.id() == null || !PointName.isValid(r.id())) {
                problems.at(doc, at + "/id", "a rule needs an id of 1-64 letters, digits, '.', '_' or '-'");
            } else if (!ids.add(r.id())) {
                problems.at(doc, at + "/id", "rule '" + r.id() + "' is declared twice");
            }
            if (r.name() == null || blank(r.name().zh()) || blank(r.name().en())) {
                problems.at(doc, at + "/name", "a rule needs a name in zh and en");
            }
            Optional<RulePriority> priority = r.priority() == null ? Optional.empty() : RulePriority.parse(r.priority());
            if (priority.isEmpty()) {
                problems.at(doc, at + "/priority", "priority must be urgent, high, medium or low");
            }
            if (blank(r.when())) {
                problems.at(doc, at + "/when", "a rule needs a when condition");
            }
            Duration onDelay = delay(doc, at + "/onDelay", r.onDelay(), problems);
            Duration offDelay = delay(doc, at + "/offDelay", r.offDelay(), problems);
            if (r.message() == null || blank(r.message().zh()) || blank(r.message().en())) {
                problems.at(doc, at + "/message", "a rule needs a message in zh and en");
            } else {
                for (String text : List.of(r.message().zh(), r.message().en())) {
                    for (String name : MessageTemplate.placeholders(text)) {
                        if (!placeholders.contains(name)) {
                            problems.at(doc, at + "/message", "{" + name + "} is not a point, a signal or one of " + MessageTemplate.CONTEXT);
                        }
                    }
                }
            }
            if (r.workOrder() != null && !PointName.isValid(r.workOrder())) {
                problems.at(doc, at + "/workOrder", "a work-order policy id is 1-64 letters, digits, '.', '_' or '-'");
            }
            if (problems.count() == before) {
                rules.add(new RuleDefinition(r.id(), r.name(), priority.get(), r.when(), Optional.ofNullable(r.clearWhen()),
                        Optional.ofNullable(r.suppressedWhen()), onDelay, offDelay, Boolean.TRUE.equals(r.latch()), r.message(),
                        Optional.ofNullable(r.workOrder()), doc.where(at)));
            }
        }
        return rules;
    }

    private static Duration delay(YamlDocument doc, String at, String text, Problems problems) {
        if (text == null) {
            return Duration.ZERO;
        }
        Optional<Duration> d = Durations.parse(text);
        if (d.isEmpty() || d.get().isNegative() || d.get().toHours() > MAX_DELAY_HOURS) {
            problems.at(doc, at, "'" + text + "' is not a delay like 0s, 30s or 5m (at most 7d)");
            return Duration.ZERO;
        }
        return d.get();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
