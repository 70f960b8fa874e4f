package io.dutyroom.hub.it;

import io.dutyroom.hub.it.GrafanaDashboards.Dashboard;
import io.dutyroom.hub.it.GrafanaDashboards.Query;
import io.dutyroom.hub.it.GrafanaDashboards.Variable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens the dashboards on a database as Grafana does: each dashboard's variables in order, each from
 * its query's first column (every value for a multi-valued one, as with "All" selected; the chosen
 * or the first value for a single one), then every query with those values, a repeated panel once
 * per value. Failures are collected, with the SQL that failed, so one run names every broken query.
 */
final class DashboardRun {
    /** What one query returned: its column names, and its rows. */
    record Result(String sql, List<String> columns, List<List<Object>> rows) {
        List<Object> column(String name) {
            int i = index(name);
            return rows.stream().map(r -> r.get(i)).toList();
        }

        /** The sum of a numeric column, nulls as nothing. */
        double sum(String name) {
            return column(name).stream().filter(v -> v != null).mapToDouble(v -> ((Number) v).doubleValue()).sum();
        }

        /** The rows whose column {@code key} holds {@code value}, as maps of column to value. */
        List<Map<String, Object>> where(String key, Object value) {
            int i = index(key);
            return rows.stream().filter(r -> value.equals(r.get(i))).map(this::asMap).toList();
        }

        private int index(String name) {
            int i = columns.indexOf(name);
            if (i < 0) {
                throw new AssertionError("no column '" + name + "' in " + columns + " of:\n" + sql);
            }
            return i;
        }

        Map<String, Object> asMap(List<Object> row) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                map.put(columns.get(i), row.get(i));
            }
            return map;
        }
    }

    final Map<String, Result> results = new LinkedHashMap<>();
    final Map<String, List<String>> variables = new LinkedHashMap<>();
    final List<String> failures = new ArrayList<>();
    /** The time-series queries, by panel: Grafana needs a "time" column, in ascending order. */
    final Map<String, Result> timeSeries = new LinkedHashMap<>();

    private final Connection connection;
    private final GrafanaMacros macros;

    DashboardRun(Connection connection, GrafanaMacros macros) {
        this.connection = connection;
        this.macros = macros;
    }

    /** @param chosen the value to pick for a single-valued variable, by its name, instead of the first */
    DashboardRun open(Dashboard dashboard, Map<String, String> chosen) {
        Map<String, GrafanaMacros.Value> values = new LinkedHashMap<>();
        for (Variable v : dashboard.variables()) {
            List<String> options = options(dashboard, v, values);
            variables.put(dashboard.title() + " / $" + v.name(), options);
            if (v.quoted()) {
                values.put(v.name(), GrafanaMacros.Value.many(options));
            } else {
                String pick = chosen.containsKey(v.name()) ? chosen.get(v.name()) : v.current() != null ? v.current() : options.isEmpty() ? "" : options.get(0);
                values.put(v.name(), GrafanaMacros.Value.single(pick));
            }
        }
        for (Query q : dashboard.queries()) {
            if (q.repeat().isPresent()) {
                String over = q.repeat().get();
                for (String value : values.get(over).values()) {
                    Map<String, GrafanaMacros.Value> one = new LinkedHashMap<>(values);
                    one.put(over, new GrafanaMacros.Value(List.of(value), values.get(over).multi()));
                    run(q.panel().replace("$" + over, value), q, one);
                }
            } else {
                run(q.panel(), q, values);
            }
        }
        return this;
    }

    private List<String> options(Dashboard dashboard, Variable v, Map<String, GrafanaMacros.Value> known) {
        switch (v.type()) {
            case "query" -> {
                Result r = execute(dashboard.title() + " / $" + v.name(), v.query(), known);
                return r == null ? List.of() : r.rows().stream().map(row -> String.valueOf(row.get(0))).toList();
            }
            case "custom" -> {
                return List.of(v.query().split("\\s*,\\s*"));
            }
            case "constant", "textbox" -> {
                return List.of(v.query());
            }
            default -> throw new IllegalArgumentException(dashboard.title() + ": variable type " + v.type() + " is not supported by this test");
        }
    }

    private void run(String name, Query q, Map<String, GrafanaMacros.Value> values) {
        Result r = execute(name, q.sql(), values);
        if (r == null) {
            return;
        }
        results.put(name, r);
        if ("time_series".equals(q.format())) {
            timeSeries.put(name, r);
        }
    }

    private Result execute(String name, String rawSql, Map<String, GrafanaMacros.Value> values) {
        String sql;
        try {
            sql = macros.expand(rawSql, values);
        } catch (IllegalArgumentException e) {
            failures.add(name + ": " + e.getMessage() + "\n" + rawSql);
            return null;
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++) {
                    Object value = rs.getObject(i);
                    row.add(value instanceof java.sql.Timestamp ? rs.getObject(i, OffsetDateTime.class) : value);
                }
                rows.add(Collections.unmodifiableList(row));
            }
            return new Result(sql, List.copyOf(columns), List.copyOf(rows));
        } catch (SQLException e) {
            failures.add(name + ": " + e.getMessage() + "\n" + sql);
            return null;
        }
    }
}
