package io.dutyroom.adapters.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dutyroom.adapters.TelemetrySink;
import io.dutyroom.adapters.model.Inbound;
import io.dutyroom.adapters.model.Rejection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker restart while devices keep publishing: the hub must be back as soon as the broker is,
 * whatever the load (an estate's IT person saw about 60 s under 2,000 messages/s, 5 s when idle).
 */
class MqttAdapterReconnectIT {
    private static final String ROOT = "reconnect-it/dutyroom/v1";
    private static final int WINDOW = 200;
    /**
     * The adapter tries again at most 5 s apart, so it is back within about 5 s of the broker (plus
     * the connection and the first deliveries); with 30 s between attempts it could miss the broker
     * by up to half a minute, as CI once did here.
     */
    private static final Duration BACK_WITHIN = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private final AtomicLong accepted = new AtomicLong();
    private final ScheduledExecutorService database = Executors.newSingleThreadScheduledExecutor();

    /** Each message becomes durable 5 ms after it arrives, as the telemetry writer's commit would make it. */
    private final TelemetrySink sink = new TelemetrySink() {
        @Override
        public CompletionStage<Void> accept(Inbound item) {
            CompletableFuture<Void> durable = new CompletableFuture<>();
            database.schedule(() -> {
                accepted.incrementAndGet();
                durable.complete(null);
            }, 5, TimeUnit.MILLISECONDS);
            return durable;
        }

        @Override
        public void rejected(Rejection rejection) {
            throw new AssertionError("refused: " + rejection);
        }
    };

    @Test
    void aBrokerRestartUnderLoadIsFollowedByTheHubAsSoonAsTheBrokerIsBack() throws Exception {
        try (PrivateMosquitto broker = PrivateMosquitto.start(dir);
             MqttAdapter hub = new MqttAdapter(new MqttAdapterOptions(broker.url(), "reconnect-it-hub", "", "", ROOT, "", WINDOW,
                     Duration.ofMinutes(5), Duration.ofSeconds(30)), new PayloadDecoder(PayloadLimits.DEFAULTS, Clock.systemUTC()), sink,
                     Runnable::run);
             Devices devices = new Devices(broker.url())) {
            hub.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
            devices.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> accepted.get() > 4_000); // flowing at about 2,000 messages/s

            // WHEN the broker restarts under that load
            broker.restart();

            // THEN the hub is connected and storing again within the first reconnect attempts
            long before = accepted.get();
            await().atMost(BACK_WITHIN).untilAsserted(() -> {
                assertThat(hub.isConnected()).isTrue();
                assertThat(accepted.get()).isGreaterThan(before + 2_000);
            });
        } finally {
            database.shutdownNow();
        }
    }

    /** Devices publishing QoS 1 at about 2,000 messages/s, reconnecting on their own, dropping what cannot be sent meanwhile. */
    private static final class Devices implements AutoCloseable {
        private final MqttAsyncClient client;
        private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong sent = new AtomicLong();

        Devices(String url) throws MqttException {
            client = new MqttAsyncClient(url, "reconnect-it-devices", new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setAutomaticReconnect(true);
            options.setAutomaticReconnectDelay(1, 2);
            options.setReceiveMaximum(1000);
            client.connect(options).waitForCompletion(10_000);
        }

        void start() {
            clock.scheduleAtFixedRate(() -> {
                for (int i = 0; i < 20; i++) { // 20 every 10 ms
                    long n = sent.incrementAndGet();
                    MqttMessage m = new MqttMessage(("{\"values\": {\"p\": " + n + "}}").getBytes(StandardCharsets.UTF_8));
                    m.setQos(1);
                    try {
                        client.publish(ROOT + "/site/meter-" + (n % 20) + "/telemetry", m);
                    } catch (MqttException e) {
                        // disconnected or the window is full: a real meter drops the reading too
                    }
                }
            }, 0, 10, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws MqttException {
            clock.shutdownNow();
            try {
                client.disconnectForcibly(0, 1000, false);
            } finally {
                client.close(true);
            }
        }
    }
}
