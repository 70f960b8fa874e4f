package io.dutyroom.hub.it;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a dashboard's SQL into the SQL Grafana's PostgreSQL data source sends, so that the test runs
 * what Grafana would run. In Grafana's order: template variables (the front end, quoting multi-valued
 * ones for SQL), then {@code $__interval}, then the back end's macros ({@code $__timeFilter},
 * {@code $__timeGroup}, ...) as Grafana writes them, with or without the data source's TimescaleDB
 * switch. Whatever it does not know is an error, as it would be an error in Grafana.
 */
final class GrafanaMacros {
    /** A template variable's value: multi-valued (or All-capable) variables are quoted, others not. */
    record Value(List<String> values, boolean multi) {
        static Value single(String value) {
            return new Value(List.of(value), false);
        }

        static Value many(List<String> values) {
            return new Value(List.copyOf(values), true);
        }
    }

    // the shapes Grafana's front end reads as variables: $name and ${name}; ${name:format} is not used here
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(:[^}]*)?}|\\$(\\w+)");
    // Grafana's own macro pattern: $name(arguments), arguments without a closing parenthesis
    private static final Pattern MACRO = Pattern.compile("\\$([_a-zA-Z0-9]+)\\(([^)]*)\\)");
    private static final Pattern LEFT_OVER = Pattern.compile("\\$[{\\w]");
    private static final Pattern INTERVAL = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

    private final Instant from;
    private final Instant to;
    private final Duration interval;
    private final boolean timescaledb;

    /**
     * @param interval    the panel's {@code $__interval}, which Grafana works out from the range and
     *                    the panel's width
     * @param timescaledb the data source's TimescaleDB switch: {@code $__timeGroup} becomes {@code time_bucket}
     */
    GrafanaMacros(Instant from, Instant to, Duration interval, boolean timescaledb) {
        this.from = from;
        this.to = to;
        this.interval = interval;
        this.timescaledb = timescaledb;
    }

    String expand(String sql, Map<String, Value> variables) {
        String withVariables = replace(VARIABLE, sql, m -> {
            String name = m.group(1) != null ? m.group(1) : m.group(3);
            if (name.startsWith("__")) {
                return m.group(); // Grafana's own: $__interval below, macros after
            }
            if (m.group(2) != null) {
                throw new IllegalArgumentException("variable format " + m.group() + " is not used by the Dutyroom dashboards; write $" + name);
            }
            Value value = variables.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no template variable $" + name + " in " + variables.keySet());
            }
            return interpolate(value);
        });
        String withInterval = withVariables
                .replace("$__interval_ms", Long.toString(interval.toMillis()))
                .replace("$__interval", formatInterval(interval))
                .replace("$__unixEpochFrom()", Long.toString(from.getEpochSecond()))
                .replace("$__unixEpochTo()", Long.toString(to.getEpochSecond()));
        String expanded = replace(MACRO, withInterval, m -> {
            String name = m.group(1);
            // before Grafana 5.3, $__timeGroup(...) followed by a comma also named the column "time"
            if (name.equals("__timeGroup") && m.end() < withInterval.length() && withInterval.charAt(m.end()) == ',') {
                name = "__timeGroupAlias";
            }
            List<String> args = List.of(m.group(2).split(",", -1)).stream().map(String::trim).toList();
            return macro(name, args);
        });
        Matcher left = LEFT_OVER.matcher(expanded);
        if (left.find()) {
            throw new IllegalArgumentException("not expanded at '" + expanded.substring(left.start(), Math.min(expanded.length(), left.start() + 30)) + "'");
        }
        return expanded;
    }

    private String macro(String name, List<String> args) {
        return switch (name) {
            case "__time" -> column(name, args) + " AS \"time\"";
            case "__timeEpoch" -> "extract(epoch from " + column(name, args) + ") as \"time\"";
            case "__timeFilter" -> column(name, args) + " BETWEEN " + quoted(from) + " AND " + quoted(to);
            case "__timeFrom" -> quoted(from);
            case "__timeTo" -> quoted(to);
            case "__timeGroup" -> timeGroup(args);
            case "__timeGroupAlias" -> timeGroup(args) + " AS \"time\"";
            case "__unixEpochFilter" -> column(name, args) + " >= " + from.getEpochSecond() + " AND " + args.get(0) + " <= " + to.getEpochSecond();
            default -> throw new IllegalArgumentException("unknown macro $" + name);
        };
    }

    private String timeGroup(List<String> args) {
        if (args.size() < 2) {
            throw new IllegalArgumentException("$__timeGroup needs a column and an interval");
        }
        double seconds = parseInterval(args.get(1).replace("'", "")).toMillis() / 1000.0;
        if (timescaledb) {
            return String.format(Locale.ROOT, "time_bucket('%.3fs',%s)", seconds, args.get(0));
        }
        String s = BigDecimal.valueOf(seconds).stripTrailingZeros().toPlainString();
        return "floor(extract(epoch from " + args.get(0) + ")/" + s + ")*" + s;
    }

    private static String column(String macro, List<String> args) {
        if (args.isEmpty() || args.get(0).isEmpty()) {
            throw new IllegalArgumentException("missing time column argument for macro $" + macro);
        }
        return args.get(0);
    }

    /** As the front end writes a value into SQL: multi-valued ones quoted and joined, single ones as they are. */
    private static String interpolate(Value value) {
        if (!value.multi()) {
            return value.values().isEmpty() ? "" : value.values().get(0).replace("'", "''");
        }
        return value.values().stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(","));
    }

    /** Grafana writes times as RFC 3339 in UTC; PostgreSQL reads them as timestamptz. */
    private static String quoted(Instant t) {
        return "'" + t + "'";
    }

    /** As Grafana's gtime.FormatInterval: the largest whole unit, e.g. 5m, 2h, 1d. */
    static String formatInterval(Duration d) {
        long ms = d.toMillis();
        long[] sizes = {86_400_000L * 365, 86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
        String[] units = {"y", "d", "h", "m", "s", "ms"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms >= sizes[i]) {
                return ms / sizes[i] + units[i];
            }
        }
        return "1ms";
    }

    private static Duration parseInterval(String text) {
        Matcher m = INTERVAL.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("error parsing interval " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> with) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
