package io.dutyroom.adapters.mqtt;

import io.dutyroom.adapters.TelemetrySink;
import io.dutyroom.adapters.model.Inbound;
import io.dutyroom.adapters.model.RejectReason;
import io.dutyroom.adapters.model.Rejection;
import io.dutyroom.adapters.mqtt.internal.AckSequencer;
import io.dutyroom.adapters.mqtt.internal.PahoClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the v1 topic contract from an MQTT broker with the Eclipse Paho v5 client.
 *
 * <p>Persistent session (clean start off, session expiry set), QoS 1 subscription, automatic
 * reconnect with resubscription, and manual acknowledgement: a QoS 1 message is acknowledged only
 * after the sink says its content is durable, and acknowledgements leave in arrival order. Paho's
 * callback thread only registers the message and hands it to the dispatcher; decoding and delivery
 * happen there.
 *
 * <p>Memory is bounded whatever the broker does: at most a window of unfinished messages and about
 * a window of acknowledgements waiting in Paho's outbox ({@link AckSequencer}); beyond that the
 * adapter stops reading and the broker keeps the backlog.
 */
public final class MqttAdapter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttAdapter.class);

    private final MqttAdapterOptions options;
    private final PayloadDecoder decoder;
    private final TelemetrySink sink;
    private final Executor dispatcher;
    private final AtomicBoolean connected = new AtomicBoolean();
    private final PahoClient client;
    private final AckSequencer acks;
    private volatile boolean paused;

    /**
     * @param dispatcher where messages are decoded and delivered; the hub passes its Vert.x context,
     *                   so nothing but registration happens on Paho's thread
     */
    public MqttAdapter(MqttAdapterOptions options, PayloadDecoder decoder, TelemetrySink sink, Executor dispatcher) {
        this.options = options;
        this.decoder = decoder;
        this.sink = sink;
        this.dispatcher = dispatcher;
        try {
            this.client = new PahoClient(options.serverUri(), options.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("MQTT broker URL '" + options.serverUri() + "' is not usable: " + e.getMessage(), e);
        }
        this.acks = new AckSequencer(this::acknowledge, options.receiveMaximum(), client::unsentControlPackets);
        client.setManualAcks(true);
        client.setCallback(new Callback());
    }

    /**
     * Connects and subscribes; fails with a message naming the broker when either cannot be done.
     *
     * <p>When the broker resumes our session it already holds the subscription, and it may first
     * deliver everything it queued while we were away: millions of messages ahead of the answer to a
     * new SUBSCRIBE. So a resumed session is ready at the broker's CONNACK and the subscription is
     * confirmed in the background; only a new session waits for it.
     */
    public CompletionStage<Void> start() {
        CompletableFuture<Void> started = new CompletableFuture<>();
        try {
            client.connect(connectionOptions(), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    if (token.getSessionPresent()) {
                        connected.set(true);
                        started.complete(null);
                        subscribe().whenComplete((v, err) -> {
                            if (err != null) {
                                LOG.error("[mqtt {}] confirming the subscription failed: {}", options.serverUri(), describe(err));
                            }
                        });
                        return;
                    }
                    subscribe().whenComplete((v, err) -> {
                        if (err == null) {
                            started.complete(null);
                        } else {
                            started.completeExceptionally(err);
                        }
                    });
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    started.completeExceptionally(new IllegalStateException(
                            "cannot connect to the MQTT broker at " + options.serverUri() + ": " + describe(cause), cause));
                }
            });
        } catch (MqttException e) {
            started.completeExceptionally(new IllegalStateException(
                    "cannot connect to the MQTT broker at " + options.serverUri() + ": " + describe(e), e));
        }
        return started;
    }

    public boolean isConnected() {
        return connected.get();
    }

    /** Messages received and not yet finished (durable or refused). */
    public int unacknowledged() {
        return acks.pending();
    }

    /** Seconds that received messages have waited with none finishing; 0 when none waits. */
    public double stalledSeconds() {
        return acks.stalledNanos() / 1e9;
    }

    /** Acknowledgements (and other control packets) waiting in the MQTT client to be written. */
    public int unsentAcknowledgements() {
        return client.unsentControlPackets();
    }

    /** The most acknowledgements seen waiting in the MQTT client at once (sampled). */
    public int unsentAcknowledgementsHighWater() {
        return acks.outboxHighWater();
    }

    public String serverUri() {
        return options.serverUri();
    }

    /**
     * Disconnects without acknowledging what is still pending: the broker keeps it in our session and
     * delivers it again when the hub comes back.
     */
    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2_000).waitForCompletion(3_000);
            }
        } catch (MqttException e) {
            LOG.debug("[mqtt {}] disconnect: {}", options.serverUri(), e.getMessage());
        } finally {
            connected.set(false);
            try {
                client.close(true);
            } catch (MqttException e) {
                LOG.debug("[mqtt {}] close: {}", options.serverUri(), e.getMessage());
            }
        }
    }

    private MqttConnectionOptions connectionOptions() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(options.sessionExpiry().toSeconds());
        o.setAutomaticReconnect(true);
        // doubling from 1 s, but never more than 5 s apart: with 30 s, a broker back a moment after
        // an attempt left the duty room blind for up to half a minute more (seen after a restart
        // under load); an attempt every 5 s costs an absent broker nothing
        o.setAutomaticReconnectDelay(1, 5);
        o.setKeepAliveInterval((int) options.keepAlive().toSeconds());
        o.setReceiveMaximum(options.receiveMaximum());
        o.setConnectionTimeout(10);
        if (!options.username().isEmpty()) {
            o.setUserName(options.username());
            o.setPassword(options.password().getBytes(StandardCharsets.UTF_8));
        }
        return o;
    }

    private CompletableFuture<Void> subscribe() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            client.subscribe(new MqttSubscription[] {new MqttSubscription(options.subscriptionFilter(), 1)}, null,
                    new MqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            int[] codes = token.getReasonCodes();
                            if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                                done.completeExceptionally(new IllegalStateException("the MQTT broker at " + options.serverUri()
                                        + " refused the subscription to " + options.subscriptionFilter() + " (reason code " + codes[0] + ")"));
                            } else {
                                connected.set(true);
                                done.complete(null);
                            }
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable cause) {
                            done.completeExceptionally(new IllegalStateException("cannot subscribe to " + options.subscriptionFilter()
                                    + " at " + options.serverUri() + ": " + describe(cause), cause));
                        }
                    }, new MqttProperties());
        } catch (MqttException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private void acknowledge(int messageId, int qos) {
        try {
            client.messageArrivedComplete(messageId, qos);
        } catch (MqttException e) {
            // The connection is gone; the broker will redeliver, which is the safe side.
            LOG.debug("[mqtt {}] ack of message {} not sent: {}", options.serverUri(), messageId, e.getMessage());
        }
    }

    private void handle(String topic, MqttMessage message, AckSequencer.Slot slot) {
        if (paused) {
            acks.complete(slot, false); // shutting down: the broker keeps it for the next session
            return;
        }
        Inbound item;
        try {
            item = decode(topic, message.getPayload());
        } catch (RuntimeException e) {
            LOG.error("[mqtt {}] message on {} could not be decoded", options.serverUri(), topic, e);
            item = null;
        }
        if (item == null) {
            acks.complete(slot, true); // refused input is never going to succeed: do not have it redelivered
            return;
        }
        try {
            sink.accept(item).whenComplete((v, err) -> acks.complete(slot, err == null));
        } catch (RuntimeException e) {
            LOG.error("[mqtt {}] message on {} could not be handed to the hub", options.serverUri(), topic, e);
            acks.complete(slot, false);
        }
    }

    /**
     * Stops taking messages (those still arriving are left to the broker) and waits up to
     * {@code timeoutMillis} for the ones in hand to finish, so their acknowledgements go out
     * before {@link #close()}. True when everything in hand finished.
     */
    public boolean drain(long timeoutMillis) throws InterruptedException {
        paused = true;
        return acks.awaitIdle(timeoutMillis);
    }

    private Inbound decode(String topicName, byte[] payload) {
        var topic = MqttTopic.parse(options.topicRoot(), topicName);
        if (topic.isEmpty()) {
            sink.rejected(new Rejection(RejectReason.BAD_TOPIC, topicName,
                    "topic does not follow " + options.topicRoot() + "/{site}/{device}/{telemetry|event|status}"));
            return null;
        }
        MqttTopic t = topic.get();
        Decoded<? extends Inbound> decoded = switch (t.kind()) {
            case TELEMETRY -> decoder.telemetry(t.site(), t.device(), payload, topicName);
            case EVENT -> decoder.event(t.site(), t.device(), payload, topicName);
            case STATUS -> decoder.status(t.site(), t.device(), payload, topicName);
        };
        decoded.rejections().forEach(sink::rejected);
        return decoded.item().orElse(null);
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown reason";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return root == cause ? message : cause.getMessage() + " (" + message + ")";
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
            // Paho's thread: take a place in the window (waiting here, when it is full, is the
            // back-pressure: Paho stops reading the socket), then hand over. Nothing else here.
            AckSequencer.Slot slot = acks.register(message.getId(), message.getQos());
            dispatcher.execute(() -> handle(topic, message, slot));
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                // connected now: a resumed session delivers its queue ahead of the SUBACK (see start)
                connected.set(true);
                LOG.info("[mqtt {}] reconnected; resubscribing", serverUri);
                subscribe().whenComplete((v, err) -> {
                    if (err != null) {
                        LOG.error("[mqtt {}] resubscription failed: {}", serverUri, err.getMessage());
                    }
                });
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            connected.set(false);
            acks.reset();
            LOG.warn("[mqtt {}] connection lost ({}); reconnecting", options.serverUri(),
                    response.getException() != null ? describe(response.getException()) : response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("[mqtt {}] protocol error: {}", options.serverUri(), exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // the adapter publishes nothing
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
