package io.dutyroom.hub.drills;

import io.dutyroom.hub.outbound.OutboundHttp;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

/**
 * The simulator's control API as the hub sees it: the scenarios it offers and starting one in a
 * building. Asynchronous (the JDK client's own thread, never an event loop), with a time-out, and
 * at most {@value #MAX_IN_FLIGHT} requests under way: past that a request fails at once rather than
 * queue behind a simulator that has stopped answering.
 */
public final class SimulationControl implements AutoCloseable {
    static final int MAX_IN_FLIGHT = 8;

    private final URI url;
    private final Duration timeout;
    private final OutboundHttp http;
    private final HttpClient client;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

    /** A drill the simulator started: its id and the device playing each role. */
    public record Started(String id, Map<String, String> devices) {
    }

    /**
     * The simulator did not do it. {@code status} is its HTTP status when it answered (400: it found
     * the request wrong; 409: it has no device for a role there), empty when it did not answer.
     */
    public static final class Failure extends RuntimeException {
        private final Optional<Integer> status;

        Failure(Optional<Integer> status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public Optional<Integer> status() {
            return status;
        }

        /** The simulator answered and refused the request itself. */
        public boolean refused() {
            return status.map(s -> s == 400 || s == 409).orElse(false);
        }
    }

    public SimulationControl(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.http = new OutboundHttp("dutyroom-simulation", timeout);
        this.client = http.client();
    }

    public URI url() {
        return url;
    }

    /** The scenarios the simulator offers. */
    public CompletableFuture<List<Scenario>> scenarios() {
        return send(HttpRequest.newBuilder(URI.create(url + "/drills")).timeout(timeout).GET().build()).thenApply(answer -> {
            List<Scenario> scenarios = new ArrayList<>();
            JsonArray list = answer.getJsonArray("scenarios");
            if (list == null) {
                throw new Failure(Optional.empty(), "the simulator at " + url + " lists no scenarios with names; is it older than this hub?");
            }
            for (Object o : list) {
                if (o instanceof JsonObject s && s.getValue("id") instanceof String id && s.getValue("roles") instanceof JsonObject roles) {
                    Map<String, String> byRole = new HashMap<>();
                    roles.forEach(e -> byRole.put(e.getKey(), String.valueOf(e.getValue())));
                    JsonObject name = s.getValue("name") instanceof JsonObject n ? n : new JsonObject();
                    scenarios.add(new Scenario(id, new JsonObject().put("zh", name.getString("zh", id)).put("en", name.getString("en", id)), byRole));
                }
            }
            return List.copyOf(scenarios);
        });
    }

    /** Starts a scenario in a building of a site; the simulator binds each role to a device there. */
    public CompletableFuture<Started> start(String scenario, String site, String building) {
        JsonObject body = new JsonObject().put("drill", scenario).put("site", site).put("building", building);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/drills")).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
        return send(request).thenApply(answer -> {
            if (!(answer.getValue("drill") instanceof String id) || id.isBlank()) {
                throw new Failure(Optional.empty(), "the simulator at " + url + " started the drill but did not say its id");
            }
            Map<String, String> devices = new HashMap<>();
            if (answer.getValue("devices") instanceof JsonObject d) {
                d.forEach(e -> devices.put(e.getKey(), String.valueOf(e.getValue())));
            }
            return new Started(id, devices);
        });
    }

    private CompletableFuture<JsonObject> send(HttpRequest request) {
        if (!inFlight.tryAcquire()) {
            return CompletableFuture.failedFuture(new Failure(Optional.empty(),
                    MAX_IN_FLIGHT + " requests to the simulator at " + url + " are under way already; try again shortly"));
        }
        CompletableFuture<HttpResponse<byte[]>> sent;
        try {
            sent = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (RuntimeException e) { // the client refuses before sending, e.g. after close()
            inFlight.release();
            return CompletableFuture.failedFuture(new Failure(Optional.empty(), "the simulator at " + url + " cannot be asked: " + e.getMessage()));
        }
        return sent.handle((response, error) -> {
            inFlight.release();
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                String why = cause instanceof HttpTimeoutException ? "no answer within " + timeout.toMillis() + " ms"
                        : cause instanceof IOException ? "it does not answer (" + describe(cause) + ")" : describe(cause);
                throw new Failure(Optional.empty(), "the simulator's control API at " + url + ": " + why);
            }
            return answer(response);
        });
    }

    private JsonObject answer(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        byte[] bytes = response.body();
        JsonObject json;
        try {
            json = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
        } catch (DecodeException | ClassCastException e) {
            json = null;
        }
        if (status == 200 && json != null) {
            return json;
        }
        String said = json != null && json.getValue("error") instanceof String e ? e : "HTTP " + status + " without an explanation";
        throw new Failure(Optional.of(status), status == 200 ? "the simulator at " + url + " answered something other than JSON" : said);
    }

    private static String describe(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    @Override
    public void close() {
        http.close();
    }
}
