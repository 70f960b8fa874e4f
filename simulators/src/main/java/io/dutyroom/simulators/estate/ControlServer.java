package io.dutyroom.simulators.estate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The running simulator's control API, on loopback only: {@code POST /faults} injects a fault,
 * {@code POST /drills} starts a drill (in a {@code building}, when given), {@code GET /drills} lists
 * the shipped ones with their names and roles. The {@code inject} and {@code drill} commands, and
 * the hub's drills, are its clients. A bad request is 400; a drill the building has no equipment for
 * is 409.
 */
public final class ControlServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> ARGS = new TypeReference<>() { };
    private static final Duration DRILL_TAIL = Duration.ofSeconds(10);

    private final HttpServer server;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "sim-control");
        t.setDaemon(true);
        return t;
    });

    private ControlServer(HttpServer server) {
        this.server = server;
    }

    public static ControlServer start(SimulatedEstate estate, int port, Clock clock) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        ControlServer control = new ControlServer(server);
        server.setExecutor(control.executor);
        server.createContext("/faults", exchange -> control.handle(exchange, body -> {
            Map<String, Object> args = body.has("args") ? JSON.convertValue(body.get("args"), ARGS) : Map.of();
            estate.inject(text(body, "device"), text(body, "fault"), args, body.hasNonNull("drill") ? body.get("drill").asText() : null);
            return Map.of("injected", text(body, "fault"), "device", text(body, "device"));
        }));
        server.createContext("/drills", exchange -> {
            if ("GET".equals(exchange.getRequestMethod())) {
                control.reply(exchange, 200, Map.of("drills", Drill.SHIPPED, "scenarios", scenarios()));
                return;
            }
            control.handle(exchange, body -> {
                Map<String, String> devices = new HashMap<>();
                body.path("devices").fields().forEachRemaining(e -> devices.put(e.getKey(), e.getValue().asText()));
                DrillRunner.Place place = new DrillRunner.Place(optionalText(body, "site"), optionalText(body, "building"));
                DrillRunner.Started started = DrillRunner.start(estate, Drill.shipped(text(body, "drill")), devices, place, clock, DRILL_TAIL);
                return Map.of("drill", started.id(), "devices", started.devices());
            });
        });
        server.start();
        return control;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private interface Action {
        Map<String, ?> run(JsonNode body);
    }

    private void handle(HttpExchange exchange, Action action) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            reply(exchange, 405, Map.of("error", "use POST with a JSON body"));
            return;
        }
        try {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            reply(exchange, 200, action.run(body == null ? JSON.createObjectNode() : body));
        } catch (IllegalArgumentException e) {
            reply(exchange, 400, Map.of("error", e.getMessage()));
        } catch (DrillRunner.Unfit e) {
            reply(exchange, 409, Map.of("error", e.getMessage()));
        } catch (IOException e) {
            reply(exchange, 400, Map.of("error", "body is not JSON: " + e.getMessage()));
        } catch (RuntimeException e) {
            reply(exchange, 500, Map.of("error", "the simulator could not do it: " + e));
        }
    }

    private void reply(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Each shipped scenario: id, name ({zh, en}) and the equipment profile of each role. */
    private static List<Map<String, Object>> scenarios() {
        List<Map<String, Object>> scenarios = new ArrayList<>();
        for (String id : Drill.SHIPPED) {
            Drill drill = Drill.shipped(id);
            Map<String, Object> scenario = new LinkedHashMap<>();
            scenario.put("id", drill.id());
            scenario.put("name", drill.name() == null ? Map.of() : drill.name());
            scenario.put("roles", drill.roles());
            scenarios.add(scenario);
        }
        return scenarios;
    }

    private static Optional<String> optionalText(JsonNode body, String field) {
        if (!body.hasNonNull(field)) {
            return Optional.empty();
        }
        if (!body.get(field).isTextual() || body.get(field).asText().isBlank()) {
            throw new IllegalArgumentException("'" + field + "' must be a non-empty string");
        }
        return Optional.of(body.get(field).asText());
    }

    private static String text(JsonNode body, String field) {
        if (!body.hasNonNull(field) || body.get(field).asText().isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is required");
        }
        return body.get(field).asText();
    }

    /** Stops answering; closing twice is harmless. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
