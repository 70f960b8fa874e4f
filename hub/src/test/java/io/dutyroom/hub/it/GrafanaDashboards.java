package io.dutyroom.hub.it;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The provisioned Grafana dashboards ({@code dashboards/grafana/dashboards}), read the way Grafana
 * reads them: template variables in their order, and every SQL query wherever Grafana keeps one (a
 * panel, a panel inside a collapsed row, a repeated panel, an annotation).
 */
final class GrafanaDashboards {
    /** Tests run with {@code hub/} as their working directory. */
    static final Path FOLDER = Path.of("../dashboards/grafana");

    record Dashboard(Path file, JsonObject json) {
        String title() {
            return json.getString("title");
        }

        /** Every panel but rows, rows' nested panels included. */
        List<JsonObject> panels() {
            List<JsonObject> out = new ArrayList<>();
            collect(json.getJsonArray("panels", new JsonArray()), out);
            return out;
        }

        List<Variable> variables() {
            return json.getJsonObject("templating", new JsonObject()).getJsonArray("list", new JsonArray()).stream()
                    .map(JsonObject.class::cast).map(Variable::of).toList();
        }

        List<Query> queries() {
            List<Query> out = new ArrayList<>();
            for (JsonObject panel : panels()) {
                for (Object t : panel.getJsonArray("targets", new JsonArray())) {
                    JsonObject target = (JsonObject) t;
                    out.add(new Query(title() + " / " + panel.getString("title"), target.getString("format"), target.getString("rawSql"),
                            Optional.ofNullable(panel.getString("repeat"))));
                }
            }
            for (Object a : json.getJsonObject("annotations", new JsonObject()).getJsonArray("list", new JsonArray())) {
                JsonObject annotation = (JsonObject) a;
                if (annotation.containsKey("target")) {
                    out.add(new Query(title() + " / annotation " + annotation.getString("name"), "table",
                            annotation.getJsonObject("target").getString("rawSql"), Optional.empty()));
                }
            }
            return out;
        }

        private static void collect(JsonArray panels, List<JsonObject> out) {
            for (Object p : panels) {
                JsonObject panel = (JsonObject) p;
                if ("row".equals(panel.getString("type"))) {
                    collect(panel.getJsonArray("panels", new JsonArray()), out);
                } else {
                    out.add(panel);
                }
            }
        }
    }

    /**
     * A template variable. {@code query} is the SQL of a query variable (Grafana keeps it as a string,
     * or, from version 10, as an object with {@code rawSql}), or a custom variable's comma-separated
     * options.
     */
    record Variable(String name, String type, boolean multi, boolean includeAll, String query, String current) {
        static Variable of(JsonObject v) {
            Object query = v.getValue("query");
            String text = query instanceof JsonObject q ? q.getString("rawSql") : (String) query;
            Object current = v.getJsonObject("current", new JsonObject()).getValue("value");
            return new Variable(v.getString("name"), v.getString("type"), v.getBoolean("multi", false), v.getBoolean("includeAll", false),
                    text, current instanceof String s ? s : null);
        }

        /** Quoted into SQL as a list: Grafana quotes every value of a multi-valued or All-capable variable. */
        boolean quoted() {
            return multi || includeAll;
        }
    }

    /** One SQL query: its panel (or annotation), the format Grafana reads its result in, and the variable it repeats over. */
    record Query(String panel, String format, String sql, Optional<String> repeat) {
    }

    private GrafanaDashboards() {
    }

    static List<Dashboard> load() {
        try (Stream<Path> files = Files.list(FOLDER.resolve("dashboards"))) {
            List<Dashboard> out = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                out.add(new Dashboard(file, new JsonObject(Files.readString(file))));
            }
            if (out.isEmpty()) {
                throw new IllegalStateException("no dashboards in " + FOLDER.toAbsolutePath());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the dashboards in " + FOLDER.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }
}
