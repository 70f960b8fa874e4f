package io.dutyroom.hub.bench;

import io.dutyroom.hub.config.HubConfig;
import io.dutyroom.hub.launcher.Hub;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * End-to-end alarm latency: a device's telemetry published over MQTT until its alarm arrives on the
 * live stream. Starts a hub in-process the way the integration tests do (an external broker and
 * PostgreSQL, its own schema, topic root and estate of access doors), listens on
 * {@code GET /api/v1/timeline/live?site=bench}, and for each sample publishes
 * {@code forced_open: true} at QoS 1 and times it to the door-forced activation event
 * ({@code alarm.raised}, or {@code alarm.repeated}) of that device; then clears the condition and
 * acknowledges the alarm through the API so the next sample raises a new one. Optionally a
 * background publisher sends one-value telemetry of other (registered) doors at a fixed rate while
 * sampling. Loopback only, bounded in time; drops its schema at the end. Run with
 * bench/alarm-latency.sh.
 */
public final class AlarmLatencyProbe {
    private static final String SITE = "bench";
    private static final String BACKGROUND_SITE = "bench-bg";
    private static final Set<String> ACTIVATIONS = Set.of("alarm.raised", "alarm.repeated");
    private static final Set<String> ENDS = Set.of("alarm.returned", "alarm.cleared");

    // ---- options -------------------------------------------------------------------------------

    private int samples = 500;
    private int warmup = 20;
    private int devices = 20;
    private int background;
    private int backgroundDevices = 500;
    private int backgroundClients = 2;
    private int inflight = 20;
    private long pauseMillis;
    private long timeoutMillis = 10_000;
    private long maxSeconds = 300;
    private String mqttUrl = "tcp://127.0.0.1:1883";
    private String dbUrl = "jdbc:postgresql://127.0.0.1:5432/test";
    private String dbUser = "postgres";
    private String dbPassword = "";
    private boolean keepSchema;

    // ---- state -----------------------------------------------------------------------------------

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    /** What the sampler waits for on the live stream; the stream's reader completes it. */
    private volatile Expectation expected;

    private record Arrival(long nanos, JsonObject event) {
    }

    private record Expectation(String subject, Set<String> kinds, CompletableFuture<Arrival> arrived) {
    }

    public static void main(String[] args) throws Exception {
        AlarmLatencyProbe probe = new AlarmLatencyProbe();
        if (!probe.parse(args)) {
            System.exit(2);
        }
        System.exit(probe.run());
    }

    private boolean parse(String[] args) {
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    usage();
                    return false;
                }
                if (a.equals("--keep-schema")) {
                    keepSchema = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--samples" -> samples = Integer.parseInt(v);
                    case "--warmup" -> warmup = Integer.parseInt(v);
                    case "--devices" -> devices = Integer.parseInt(v);
                    case "--background" -> background = Integer.parseInt(v);
                    case "--background-devices" -> backgroundDevices = Integer.parseInt(v);
                    case "--background-clients" -> backgroundClients = Integer.parseInt(v);
                    case "--inflight" -> inflight = Integer.parseInt(v);
                    case "--pause-ms" -> pauseMillis = Long.parseLong(v);
                    case "--timeout-ms" -> timeoutMillis = Long.parseLong(v);
                    case "--max-seconds" -> maxSeconds = Long.parseLong(v);
                    case "--mqtt" -> mqttUrl = v;
                    case "--db" -> dbUrl = v;
                    case "--db-user" -> dbUser = v;
                    case "--db-password" -> dbPassword = v;
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (samples < 1 || warmup < 0 || devices < 1 || background < 0 || backgroundDevices < 1 || backgroundClients < 1 || inflight < 1
                    || timeoutMillis < 100 || maxSeconds < 1 || maxSeconds > 1800 || pauseMillis < 0) {
                throw new IllegalArgumentException("--samples, --devices, --background-devices, --background-clients, --inflight >= 1; "
                        + "--warmup, --background, --pause-ms >= 0; --timeout-ms >= 100; --max-seconds 1..1800");
            }
            if (!mqttUrl.matches("tcp://(127\\.\\d+\\.\\d+\\.\\d+|localhost|\\[::1\\]):\\d+")) {
                throw new IllegalArgumentException("loopback only: --mqtt must be tcp://127.x.x.x:port or localhost");
            }
            if (!dbUrl.matches("jdbc:postgresql://(127\\.\\d+\\.\\d+\\.\\d+|localhost|\\[::1\\])(:\\d+)?/.*")) {
                throw new IllegalArgumentException("loopback only: --db must be jdbc:postgresql://127.x.x.x[:port]/db or localhost");
            }
            return true;
        } catch (IllegalArgumentException e) {
            System.err.println("alarm-latency: " + e.getMessage());
            usage();
            return false;
        }
    }

    private static void usage() {
        System.err.println("""
                usage: AlarmLatencyProbe [options]
                  --samples N              measured samples (500)
                  --warmup N               samples first, not counted (20)
                  --devices N              access doors sampled in turn (20)
                  --background R           background telemetry, messages/s, 0 = none (0)
                  --background-devices N   registered doors that background telemetry comes from (500)
                  --background-clients N   background MQTT connections (2)
                  --inflight N             unacknowledged QoS 1 publishes per background connection,
                                           at most the broker's receive maximum (Mosquitto default: 20) (20)
                  --pause-ms N             pause between samples (0)
                  --timeout-ms N           longest wait for one event (10000)
                  --max-seconds N          stop sampling after this long (300)
                  --mqtt URL               broker (tcp://127.0.0.1:1883)
                  --db URL                 PostgreSQL (jdbc:postgresql://127.0.0.1:5432/test)
                  --db-user U, --db-password P (postgres, empty)
                  --keep-schema            leave the hub's schema in the database""");
    }

    // ---- run -------------------------------------------------------------------------------------

    private int run() throws Exception {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        String schema = "bench_" + id;
        String topicRoot = "bench-" + id.substring(0, 8) + "/dutyroom/v1";
        Path work = Files.createTempDirectory("dutyroom-alarm-latency");
        Path estate = Files.writeString(work.resolve("estate.yaml"), estateYaml());
        Map<String, String> env = new HashMap<>();
        env.put("DUTYROOM_MQTT_URL", mqttUrl);
        env.put("DUTYROOM_MQTT_TOPIC_ROOT", topicRoot);
        env.put("DUTYROOM_MQTT_CLIENT_ID", "hub-" + schema);
        env.put("DUTYROOM_DB_URL", dbUrl);
        env.put("DUTYROOM_DB_USER", dbUser);
        env.put("DUTYROOM_DB_PASSWORD", dbPassword);
        env.put("DUTYROOM_DB_SCHEMA", schema);
        env.put("DUTYROOM_DB_TIMESCALE", "off");
        env.put("DUTYROOM_HTTP_PORT", "0");
        env.put("DUTYROOM_AUTH_ENABLED", "false"); // acknowledges name their "user"; loopback only
        env.put("DUTYROOM_DATA_DIR", Files.createDirectory(work.resolve("data")).toString());
        env.put("DUTYROOM_ESTATE", estate.toString());

        System.out.printf(Locale.ROOT, "alarm-latency: hub on schema %s, topic root %s, broker %s; %d doors sampled, %s%n", schema, topicRoot,
                mqttUrl, devices, background == 0 ? "no background load" : background + " background msg/s from " + backgroundDevices + " doors");
        Hub hub = null;
        InputStream live = null;
        MqttClient publisher = null;
        Background load = null;
        try {
            long bootStart = System.nanoTime();
            hub = Hub.start(HubConfig.load(Optional.empty(), env), Optional.empty(), Clock.systemUTC());
            System.out.printf(Locale.ROOT, "alarm-latency: hub up at %s in %.1f s%n", hub.httpUrl(), (System.nanoTime() - bootStart) / 1e9);
            live = openLiveFeed(hub.httpUrl());

            publisher = new MqttClient(mqttUrl, "bench-probe-" + id, new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            publisher.connect(options);

            if (background > 0) {
                load = new Background(topicRoot, id);
                load.start();
                Thread.sleep(2_000); // let the hub reach its steady state under the load first
            }
            return sample(hub, publisher, topicRoot, load);
        } finally {
            if (load != null) {
                load.stop();
            }
            if (publisher != null) {
                closeQuietly(publisher);
            }
            if (live != null) {
                try {
                    live.close();
                } catch (IOException ignored) {
                    // the hub closes it too
                }
            }
            if (hub != null) {
                hub.close();
            }
            if (!keepSchema) {
                dropSchema(schema);
            }
            deleteTree(work);
        }
    }

    private String estateYaml() {
        StringBuilder y = new StringBuilder("sites:\n");
        y.append("  - id: ").append(SITE).append("\n    buildings:\n      - id: b1\n        floors: [\"1\"]\n        devices:\n");
        for (int i = 1; i <= devices; i++) {
            y.append("          - {id: ").append(door(i)).append(", profile: access-door, floor: \"1\"}\n");
        }
        if (background > 0) {
            y.append("  - id: ").append(BACKGROUND_SITE).append("\n    buildings:\n      - id: b2\n        floors: [\"1\"]\n        devices:\n");
            for (int i = 0; i < backgroundDevices; i++) {
                y.append("          - {id: ").append(backgroundDoor(i)).append(", profile: access-door, floor: \"1\"}\n");
            }
        }
        return y.toString();
    }

    private static String door(int i) {
        return String.format(Locale.ROOT, "door-%04d", i);
    }

    private static String backgroundDoor(int i) {
        return String.format(Locale.ROOT, "bg-door-%05d", i);
    }

    private int sample(Hub hub, MqttClient publisher, String topicRoot, Background load) throws Exception {
        Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        Histogram puback = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        int timeouts = 0;
        int failures = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        int total = warmup + samples;
        int done = 0;
        boolean outOfTime = false;
        for (int i = 0; i < total; i++) {
            if (System.nanoTime() > deadline) {
                outOfTime = true;
                break;
            }
            String device = door(i % devices + 1);
            String topic = topicRoot + "/" + SITE + "/" + device + "/telemetry";
            // the first sample waits longer: the hub's subscription and the JIT are still settling
            long wait = i == 0 ? Math.max(timeoutMillis, 30_000) : timeoutMillis;

            CompletableFuture<Arrival> raised = expect(device, ACTIVATIONS);
            long sent = System.nanoTime();
            publish(publisher, topic, true);
            long acked = System.nanoTime();
            Arrival activation;
            try {
                activation = raised.get(wait, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                timeouts++;
                System.out.printf("alarm-latency: sample %d (%s): no activation within %d ms%n", i, device, wait);
                publish(publisher, topic, false);
                continue;
            }
            if (i >= warmup) {
                latency.recordValue(Math.min(latency.getHighestTrackableValue(), Math.max(0, (activation.nanos() - sent) / 1_000)));
                puback.recordValue(Math.min(puback.getHighestTrackableValue(), Math.max(0, (acked - sent) / 1_000)));
                done++;
            }

            // end the alarm: condition cleared, then acknowledged by a person, so the next raise is a new alarm
            String alarmId = activation.event().getJsonObject("payload", new JsonObject()).getString("alarmId");
            CompletableFuture<Arrival> returned = expect(device, ENDS);
            publish(publisher, topic, false);
            try {
                returned.get(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                failures++;
                System.out.printf("alarm-latency: sample %d (%s): the alarm did not return within %d ms%n", i, device, timeoutMillis);
                continue;
            }
            if (alarmId != null) {
                HttpResponse<String> ack = http.send(HttpRequest.newBuilder(URI.create(hub.httpUrl() + "/api/v1/alarms/" + alarmId + "/acknowledge"))
                        .timeout(Duration.ofMillis(timeoutMillis)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"bench\"}")).build(), HttpResponse.BodyHandlers.ofString());
                if (ack.statusCode() != 200) {
                    failures++;
                    System.out.printf("alarm-latency: sample %d (%s): acknowledge answered %d: %s%n", i, device, ack.statusCode(), ack.body());
                }
            } else {
                failures++;
            }
            if (pauseMillis > 0) {
                Thread.sleep(pauseMillis);
            }
        }
        expected = null;

        System.out.println();
        System.out.printf(Locale.ROOT, "publish -> alarm on /api/v1/timeline/live: %d samples (after %d warm-up), %d timed out, %d other failures%s%n",
                done, warmup, timeouts, failures, outOfTime ? ", stopped at --max-seconds" : "");
        if (load != null) {
            load.stop(); // its acknowledgements in, before the counts are told
            System.out.println("  background: " + load.summary());
        }
        if (done > 0) {
            printRow("alarm latency", latency);
            printRow("  (broker PUBACK)", puback);
            System.out.printf(Locale.ROOT,
                    "{\"samples\": %d, \"timeouts\": %d, \"background\": %d, \"p50_ms\": %.3f, \"p95_ms\": %.3f, \"p99_ms\": %.3f, \"max_ms\": %.3f, \"mean_ms\": %.3f}%n",
                    done, timeouts, background, ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(95)),
                    ms(latency.getValueAtPercentile(99)), ms(latency.getMaxValue()), latency.getMean() / 1000.0);
        }
        return done > 0 && timeouts == 0 && failures == 0 ? 0 : 1;
    }

    private static void printRow(String label, Histogram h) {
        System.out.printf(Locale.ROOT, "  %-18s ms: min %.2f  p50 %.2f  p90 %.2f  p95 %.2f  p99 %.2f  max %.2f  mean %.2f%n", label,
                ms(h.getMinValue()), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(95)),
                ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()), h.getMean() / 1000.0);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    private CompletableFuture<Arrival> expect(String subject, Set<String> kinds) {
        CompletableFuture<Arrival> f = new CompletableFuture<>();
        expected = new Expectation(subject, kinds, f);
        return f;
    }

    /** A door's reading: forced open, or shut and locked again. QoS 1, returns at the broker's PUBACK. */
    private static void publish(MqttClient client, String topic, boolean forced) throws MqttException, InterruptedException {
        String payload = "{\"ts\":" + System.currentTimeMillis() + ",\"values\":{\"forced_open\":" + forced + ",\"door_open\":" + forced
                + ",\"locked\":" + !forced + ",\"held_open\":false,\"reader_online\":true}}";
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        for (int attempt = 0; ; attempt++) {
            try {
                client.publish(topic, message);
                return;
            } catch (MqttException e) {
                // Paho's in-flight count can lag the acknowledgements it has reported (see it/Publisher)
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || attempt >= 1000) {
                    throw e;
                }
                Thread.sleep(1);
            }
        }
    }

    // ---- the live feed -------------------------------------------------------------------------

    /** Opens the live stream of the benchmark's site and starts reading it; returns once it is flowing. */
    private InputStream openLiveFeed(String base) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/timeline/live?site=" + SITE))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IllegalStateException("GET /api/v1/timeline/live answered " + response.statusCode());
        }
        InputStream body = response.body();
        CountDownLatch open = new CountDownLatch(1);
        Thread reader = new Thread(() -> read(body, open), "live-feed-reader");
        reader.setDaemon(true);
        reader.start();
        if (!open.await(10, TimeUnit.SECONDS)) {
            body.close();
            throw new IllegalStateException("the live feed sent nothing within 10 s");
        }
        return body;
    }

    private void read(InputStream body, CountDownLatch open) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                long now = System.nanoTime();
                open.countDown();
                if (!line.startsWith("data: ")) {
                    continue;
                }
                Expectation e = expected;
                if (e == null) {
                    continue;
                }
                JsonObject event = new JsonObject(line.substring("data: ".length()));
                if (e.subject().equals(event.getString("subject")) && e.kinds().contains(event.getString("kind"))) {
                    e.arrived().complete(new Arrival(now, event));
                }
            }
        } catch (IOException | RuntimeException e) {
            // closed at the end of the run, or the hub went away: the sampler times out and says so
        }
    }

    // ---- background load -----------------------------------------------------------------------

    /** One-value telemetry of registered doors at a fixed rate, paced in 10 ms ticks, QoS 1 with a bounded window. */
    private final class Background {
        private final String topicRoot;
        private final String id;
        private final List<MqttAsyncClient> clients = new ArrayList<>();
        private final List<Semaphore> windows = new ArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong offered = new AtomicLong();
        private final AtomicLong acknowledged = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private Thread thread;
        private long started;
        private long stopped;
        private boolean finished;

        Background(String topicRoot, String id) {
            this.topicRoot = topicRoot;
            this.id = id;
        }

        void start() throws MqttException {
            for (int i = 0; i < backgroundClients; i++) {
                MqttAsyncClient c = new MqttAsyncClient(mqttUrl, "bench-bg-" + i + "-" + id, new MemoryPersistence());
                MqttConnectionOptions o = new MqttConnectionOptions();
                o.setCleanStart(true);
                c.connect(o).waitForCompletion(10_000);
                clients.add(c);
                windows.add(new Semaphore(inflight));
            }
            thread = new Thread(this::loop, "background-load");
            thread.setDaemon(true);
            started = System.nanoTime();
            thread.start();
        }

        private void loop() {
            long tick = 10_000_000L;
            double perTick = background / 100.0;
            double due = 0;
            long next = System.nanoTime();
            long sequence = 0;
            try {
                while (running.get()) {
                    due += perTick;
                    while (due >= 1 && running.get()) {
                        due -= 1;
                        int device = (int) (sequence % backgroundDevices);
                        int conn = device % clients.size();
                        publish(clients.get(conn), windows.get(conn), backgroundDoor(device));
                        sequence++;
                    }
                    next += tick;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        TimeUnit.NANOSECONDS.sleep(sleep);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void publish(MqttAsyncClient client, Semaphore window, String device) throws InterruptedException {
            MqttMessage message = new MqttMessage(("{\"ts\":" + System.currentTimeMillis() + ",\"values\":{\"reader_online\":true}}")
                    .getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            // a full window means the broker is behind: wait, but never past the end of the run
            while (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                if (!running.get()) {
                    return;
                }
            }
            offered.incrementAndGet();
            try {
                client.publish(topicRoot + "/" + BACKGROUND_SITE + "/" + device + "/telemetry", message, null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        acknowledged.incrementAndGet();
                        window.release();
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable cause) {
                        failed.incrementAndGet();
                        window.release();
                    }
                });
            } catch (MqttException e) {
                failed.incrementAndGet();
                window.release();
            }
        }

        /** Stops publishing and waits for the broker's acknowledgements still due; once. */
        void stop() {
            if (finished) {
                return;
            }
            finished = true;
            running.set(false);
            if (thread != null) {
                try {
                    thread.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            stopped = System.nanoTime();
            for (Semaphore w : windows) {
                try {
                    w.tryAcquire(inflight, 10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            for (MqttAsyncClient c : clients) {
                try {
                    c.disconnect().waitForCompletion(5_000);
                } catch (MqttException ignored) {
                    // closing anyway
                }
                try {
                    c.close();
                } catch (MqttException ignored) {
                    // nothing more to do
                }
            }
        }

        String summary() {
            double seconds = ((finished ? stopped : System.nanoTime()) - started) / 1e9;
            return String.format(Locale.ROOT, "target %d msg/s; offered %d, broker-acknowledged %d, failed %d over %.1f s = %.0f msg/s offered",
                    background, offered.get(), acknowledged.get(), failed.get(), seconds, offered.get() / seconds);
        }
    }

    // ---- clean-up --------------------------------------------------------------------------------

    private void dropSchema(String schema) {
        try (Connection c = DriverManager.getConnection(dbUrl, dbUser, dbPassword); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("alarm-latency: could not drop schema " + schema + ": " + e.getMessage());
        }
    }

    private static void closeQuietly(MqttClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect(5_000);
            }
        } catch (MqttException ignored) {
            // closing anyway
        }
        try {
            client.close();
        } catch (MqttException ignored) {
            // nothing more to do
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temp file left behind
                }
            });
        } catch (IOException ignored) {
            // nothing to delete
        }
    }
}
