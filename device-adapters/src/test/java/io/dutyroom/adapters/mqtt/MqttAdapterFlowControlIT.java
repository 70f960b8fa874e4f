package io.dutyroom.adapters.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dutyroom.adapters.TelemetrySink;
import io.dutyroom.adapters.model.Inbound;
import io.dutyroom.adapters.model.ReadingBatch;
import io.dutyroom.adapters.model.Rejection;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import io.dutyroom.adapters.mqtt.internal.PahoClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mechanism behind the hub that ran out of memory under sustained load, reproduced small.
 *
 * <p>Mosquitto 2.0 does not honour a subscriber's receive maximum while it has messages queued for
 * it: each in-order acknowledgement moves up to a receive maximum of queued messages into flight,
 * and on reconnect it sends everything in flight at once. So the broker does not wait for our
 * acknowledgements, and the hub's reading was never tied to them being written: Paho queued them
 * without bound, and a sender thread that fell behind (a busy core, a broker slow to read) fell
 * further behind with every message. Here a backlog is flooded into flight at a real Mosquitto,
 * and the acknowledgements of the hub that comes back are held on their way. (Holding them does not
 * make Paho's own list grow here: loopback's socket buffers take over a megabyte of them, some
 * 300,000, before Paho must keep any, measured. The bound on that list is tested on its own:
 * AckSequencerTest, and the second test below for what Paho keeps.)
 */
class MqttAdapterFlowControlIT {
    private static final int WINDOW = 100;
    private static final int BACKLOG = 60_000;
    private static final String ROOT = "flow-it/dutyroom/v1";
    /** The CONNECT and SUBSCRIBE of a connection pass the relay; its acknowledgements do not. */
    private static final int LOG_IN_BYTES = 256;

    @TempDir
    Path dir;

    private final AtomicLong accepted = new AtomicLong();
    private final BitSet seen = new BitSet(BACKLOG);
    private final TelemetrySink sink = new TelemetrySink() {
        @Override
        public CompletionStage<Void> accept(Inbound item) {
            accepted.incrementAndGet();
            int message = (int) ((ReadingBatch) item).readings().get(0).value();
            synchronized (seen) {
                seen.set(message);
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void rejected(Rejection rejection) {
            throw new AssertionError("refused: " + rejection);
        }
    };

    @Test
    void aBrokerFloodingPastTheReceiveMaximumIsTakenWithinTheWindowAndEachMessageOnce() throws Exception {
        try (PrivateMosquitto broker = PrivateMosquitto.start(dir); HoldingRelay relay = new HoldingRelay(broker.port())) {
            PayloadDecoder decoder = new PayloadDecoder(PayloadLimits.DEFAULTS, Clock.systemUTC());
            MqttAdapterOptions direct = options(broker.url());

            // GIVEN the hub's session at the broker, and a backlog queued for it while it was away
            try (MqttAdapter away = new MqttAdapter(direct, decoder, sink, Runnable::run)) {
                away.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            FastPublisher.publish(broker.url(), "flow-it-device", BACKLOG, i -> ROOT + "/site/meter-" + (i % 50) + "/telemetry",
                    i -> "{\"values\": {\"p\": " + i + "}}");
            // ... and a hub that took a little of it: each in-order acknowledgement released more into flight
            try (MqttAdapter brief = new MqttAdapter(direct, decoder, sink, Runnable::run)) {
                brief.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
                await().atMost(30, TimeUnit.SECONDS).until(() -> accepted.get() >= 20L * WINDOW);
            }
            long before = accepted.get();

            // WHEN the hub comes back, and not one of its acknowledgements reaches the broker
            relay.holdAfter(LOG_IN_BYTES);
            try (MqttAdapter adapter = new MqttAdapter(options(relay.url()), decoder, sink, Runnable::run)) {
                adapter.start().toCompletableFuture().get(30, TimeUnit.SECONDS);

                // THEN the broker sends far past the receive maximum regardless: the hub cannot leave its
                // memory to the broker's flow control, it must bound itself
                await().atMost(30, TimeUnit.SECONDS).until(() -> accepted.get() - before > 20L * WINDOW);
                assertThat(adapter.unacknowledged()).isLessThanOrEqualTo(WINDOW);

                // AND once the acknowledgements flow, the whole backlog is taken, every message
                relay.release();
                await().atMost(60, TimeUnit.SECONDS).until(() -> seenCount() == BACKLOG && adapter.unacknowledged() == 0);
                assertThat(adapter.unsentAcknowledgementsHighWater()).isLessThanOrEqualTo(2 * WINDOW + 32);
            }
        }
    }

    @Test
    void acknowledgementsThatCannotBeWrittenWaitInThePahoOutboxWhichTheAdapterCanSee() throws Exception {
        // Paho keeps every acknowledgement it cannot write yet in an unbounded list; PahoClient reads
        // its length, which is what lets the adapter stop reading (AckSequencer). Disconnected, the
        // list is not drained at all.
        try (PrivateMosquitto broker = PrivateMosquitto.start(dir)) {
            PahoClient client = new PahoClient(broker.url(), "flow-it-outbox", new MemoryPersistence());
            client.connect().waitForCompletion(10_000);
            assertThat(client.unsentControlPackets()).isZero();
            client.disconnect().waitForCompletion(10_000);
            for (int id = 1; id <= 5_000; id++) {
                client.messageArrivedComplete(id, 1);
            }
            assertThat(client.unsentControlPackets()).isEqualTo(5_000);
            client.close(true);
        }
    }

    private static MqttAdapterOptions options(String url) {
        return new MqttAdapterOptions(url, "flow-it-hub", "", "", ROOT, "", WINDOW, Duration.ofMinutes(5), Duration.ofSeconds(30));
    }

    private int seenCount() {
        synchronized (seen) {
            return seen.cardinality();
        }
    }
}
