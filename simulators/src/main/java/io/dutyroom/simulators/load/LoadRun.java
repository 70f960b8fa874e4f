package io.dutyroom.simulators.load;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Publishes one {@link LoadPlan}: paced in 10 ms ticks, devices taken in turn, each connection
 * holding at most {@code inflight} unacknowledged QoS 1 messages (so a slow broker slows the run
 * down instead of filling memory). {@link #stop()} ends it early.
 */
public final class LoadRun {
    private static final long TICK_NANOS = 10_000_000L;

    private final LoadPlan plan;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    /** Each device's last timestamp; the publishing thread only. */
    private final long[] lastTimestamp;
    private volatile boolean stopped;

    public LoadRun(LoadPlan plan) {
        this.plan = plan;
        this.lastTimestamp = new long[plan.devices()];
    }

    public void stop() {
        stopped = true;
    }

    /**
     * Messages the broker has acknowledged so far (QoS 1), while the run goes on: the soak watches a
     * backlog grow by it, where the rate asked for says nothing once the broker holds the publisher back.
     */
    public long acknowledged() {
        return acknowledged.get();
    }

    public LoadResult run() throws MqttException, InterruptedException {
        List<MqttAsyncClient> connections = new ArrayList<>();
        List<Semaphore> windows = new ArrayList<>();
        try {
            for (int i = 0; i < plan.clients(); i++) {
                MqttAsyncClient c = new MqttAsyncClient(plan.url(), plan.prefix() + "-pub-" + i + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime(),
                        new MemoryPersistence());
                MqttConnectionOptions o = new MqttConnectionOptions();
                o.setCleanStart(true);
                o.setMaxReconnectDelay(1000);
                c.connect(o).waitForCompletion(10_000);
                connections.add(c);
                windows.add(new Semaphore(plan.inflight()));
            }
            long offered = 0;
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(plan.seconds());
            double perTick = plan.rate() / 100.0;
            double due = 0;
            long next = start;
            long sequence = 0;
            while (!stopped && System.nanoTime() < end) {
                due += perTick;
                while (due >= 1) {
                    due -= 1;
                    int device = (int) (sequence % plan.devices());
                    int conn = device % plan.clients();
                    publish(connections.get(conn), windows.get(conn), device, sequence);
                    offered++;
                    sequence++;
                }
                next += TICK_NANOS;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            for (Semaphore window : windows) {
                window.tryAcquire(plan.inflight(), 30, TimeUnit.SECONDS);
            }
            long sent = plan.qos() == 1 ? acknowledged.get() : offered;
            return new LoadResult(offered, plan.qos() == 1 ? acknowledged.get() : 0, failed.get(), sent * plan.valuesPerMessage(), elapsed);
        } finally {
            for (MqttAsyncClient c : connections) {
                try {
                    c.disconnect().waitForCompletion(5_000);
                } catch (MqttException e) {
                    // closing anyway: a run that ends is not worth failing over a slow DISCONNECT
                }
                c.close();
            }
        }
    }

    private void publish(MqttAsyncClient client, Semaphore window, int device, long sequence) throws MqttException, InterruptedException {
        MqttMessage message = new MqttMessage(payload(sequence, timestamp(device)).getBytes(StandardCharsets.UTF_8));
        message.setQos(plan.qos());
        // at QoS 0 the window still bounds what Paho holds before it is written to the socket
        window.acquire();
        client.publish(plan.topic(device), message, null, new MqttActionListener() {
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
    }

    /**
     * The device's timestamp for its next message: the clock, but always after the device's last one.
     * A reading is keyed by device, point and timestamp, so two messages of a device in one
     * millisecond would be one reading stored twice, not two readings.
     */
    private long timestamp(int device) {
        long ts = Math.max(System.currentTimeMillis(), lastTimestamp[device] + 1);
        lastTimestamp[device] = ts;
        return ts;
    }

    /** A message's payload: each base value varied by up to ±1 % in a slow saw, so it stays healthy. */
    private String payload(long sequence, long ts) {
        StringBuilder payload = new StringBuilder(64 + plan.valuesPerMessage() * 24).append("{\"ts\":").append(ts).append(",\"values\":{");
        if (plan.values().isEmpty()) {
            for (int p = 0; p < plan.points(); p++) {
                payload.append(p == 0 ? "" : ",").append("\"p").append(p).append("\":").append(sequence % 1000 / 10.0);
            }
        } else {
            double wiggle = (sequence % 200 - 100) / 10_000.0;
            boolean first = true;
            for (Map.Entry<String, String> v : plan.values().entrySet()) {
                payload.append(first ? "" : ",").append('"').append(v.getKey()).append("\":");
                first = false;
                String base = v.getValue();
                if (base.equals("true") || base.equals("false")) {
                    payload.append(base);
                } else {
                    payload.append(Math.round(Double.parseDouble(base) * (1 + wiggle) * 1000) / 1000.0);
                }
            }
        }
        return payload.append("}}").toString();
    }
}
