package io.dutyroom.simulators.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Publish → alarm on the live stream and publish → work order created, on a running hub. Each
 * sample trips the duty pump of a probe pump set of its own ({@link HubIngester#PROBE_PREFIX}) at
 * QoS 1 and times, from just before the publish, the arrival of that device's {@code alarm.raised}
 * and {@code workorder.created} on {@code GET /api/v1/timeline/live}, the stream the duty-room
 * screen reads. A fresh device per sample means each trip raises a new alarm and opens a new order
 * (the shipped {@code pump-trip} rule and {@code water-pump-fault} policy), as a real trip does.
 */
final class LatencyProbe implements AutoCloseable {
    /** The latencies of one series of samples, in microseconds. */
    record Latencies(String load, int samples, int timeouts, Histogram alarm, Histogram workOrder) {
        String toJson() {
            return String.format(Locale.ROOT, "{\"load\": \"%s\", \"samples\": %d, \"timeouts\": %d, \"alarm\": %s, \"workOrder\": %s}",
                    load, samples, timeouts, json(alarm), json(workOrder));
        }

        static String json(Histogram h) {
            return String.format(Locale.ROOT, "{\"p50_ms\": %.2f, \"p95_ms\": %.2f, \"p99_ms\": %.2f, \"max_ms\": %.2f}",
                    h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
        }
    }

    /** What one sample waits for. */
    private record Awaited(long publishedAt, CompletableFuture<Long> alarm, CompletableFuture<Long> workOrder) {
    }

    private static final Map<String, String> HEALTHY = Map.of("pump1_running", "true", "pump1_fault", "false", "pump2_running", "false",
            "pump2_fault", "false", "outlet_pressure", "0.45", "tank_level", "3.2", "motor_current", "40", "vfd_frequency", "45", "run_hours", "1000");
    private static final Map<String, String> TRIPPED = Map.of("pump1_running", "false", "pump1_fault", "true", "pump2_running", "true",
            "pump2_fault", "false", "outlet_pressure", "0.44");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Awaited> awaited = new ConcurrentHashMap<>();
    private final int hubPort;
    private final MqttClient publisher;
    private CompletableFuture<HttpResponse<Stream<String>>> live;
    private int next;

    LatencyProbe(int hubPort, String brokerUrl) throws Exception {
        this.hubPort = hubPort;
        this.publisher = new MqttClient(brokerUrl, "bench-probe-" + ProcessHandle.current().pid(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        publisher.connect(o);
    }

    /** Sends every probe device its healthy values, so its rules have all their points, and opens the live stream. */
    void prepare() throws Exception {
        for (int i = 0; i < HubIngester.PROBE_DEVICES; i++) {
            publish(i, HEALTHY);
        }
        URI device = URI.create("http://127.0.0.1:" + hubPort + "/api/v1/devices/" + HubIngester.PROBE_PREFIX + "-" + (HubIngester.PROBE_DEVICES - 1));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!http.send(HttpRequest.newBuilder(device).build(), HttpResponse.BodyHandlers.ofString()).body().contains("outlet_pressure")) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the probe devices' values did not reach the hub in 30 s");
            }
            Thread.sleep(200); // the hub has no callback for "stored"
        }
        live = http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hubPort + "/api/v1/timeline/live")).build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> response = live.get(10, TimeUnit.SECONDS);
        Thread reader = new Thread(() -> {
            try {
                response.body().forEach(this::heard);
            } catch (java.io.UncheckedIOException e) {
                // the stream is closed when the probe is: nothing more to hear
            }
        }, "bench-live");
        reader.setDaemon(true);
        reader.start();
    }

    /** {@code samples} trips, one after the other, after {@code warmup} that are not counted. */
    Latencies measure(String load, int warmup, int samples) throws Exception {
        Histogram alarm = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        Histogram order = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        int timeouts = 0;
        for (int i = 0; i < warmup + samples; i++) {
            if (next >= HubIngester.PROBE_DEVICES) {
                throw new IllegalStateException("out of probe devices: at most " + HubIngester.PROBE_DEVICES + " samples per hub");
            }
            int device = next++;
            String id = HubIngester.PROBE_PREFIX + "-" + device;
            Awaited a = new Awaited(System.nanoTime(), new CompletableFuture<>(), new CompletableFuture<>());
            awaited.put(id, a);
            publish(device, TRIPPED);
            try {
                long alarmAt = a.alarm().get(10, TimeUnit.SECONDS);
                long orderAt = a.workOrder().get(10, TimeUnit.SECONDS);
                if (i >= warmup) {
                    alarm.recordValue(Math.max(0, (alarmAt - a.publishedAt()) / 1000));
                    order.recordValue(Math.max(0, (orderAt - a.publishedAt()) / 1000));
                }
            } catch (TimeoutException e) {
                timeouts++;
            } finally {
                awaited.remove(id);
            }
        }
        return new Latencies(load, samples, timeouts, alarm, order);
    }

    private void heard(String line) {
        long at = System.nanoTime();
        if (!line.startsWith("data:")) {
            return;
        }
        try {
            JsonNode event = json.readTree(line.substring(5));
            Awaited a = awaited.get(event.path("subject").asText());
            if (a == null) {
                return;
            }
            switch (event.path("kind").asText()) {
                case "alarm.raised" -> a.alarm().complete(at);
                case "workorder.created" -> a.workOrder().complete(at);
                default -> {
                }
            }
        } catch (IOException e) {
            System.err.println("bench: unreadable live event: " + e.getMessage());
        }
    }

    private void publish(int device, Map<String, String> values) throws Exception {
        StringBuilder payload = new StringBuilder("{\"ts\":").append(System.currentTimeMillis()).append(",\"values\":{");
        values.forEach((k, v) -> payload.append('"').append(k).append("\":").append(v).append(','));
        payload.setLength(payload.length() - 1);
        MqttMessage m = new MqttMessage(payload.append("}}").toString().getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        publisher.publish("dutyroom/v1/" + LoadShape.SITE + "/" + HubIngester.PROBE_PREFIX + "-" + device + "/telemetry", m);
    }

    @Override
    public void close() throws Exception {
        if (live != null) {
            live.thenAccept(r -> r.body().close());
            live.cancel(true);
        }
        publisher.disconnect();
        publisher.close();
    }
}
