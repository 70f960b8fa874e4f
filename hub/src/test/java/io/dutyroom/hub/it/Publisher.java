package io.dutyroom.hub.it;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** A device's side of the wire: a plain Paho client that publishes and waits for the broker's ack. */
public final class Publisher implements AutoCloseable {
    private final MqttClient client;

    public Publisher(String url, String clientId) {
        try {
            client = new MqttClient(url, clientId, new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setReceiveMaximum(1000);
            client.connect(options);
        } catch (MqttException e) {
            throw new IllegalStateException("publisher cannot connect to " + url + ": " + e.getMessage(), e);
        }
    }

    public void publish(String topic, String payload) {
        publish(topic, payload, 1, false);
    }

    /**
     * Publishes and waits for the broker's acknowledgement. Paho's own count of publishes in flight
     * can lag the acknowledgements it has already reported, and then refuses the next publish
     * (32202) before sending it; that publish is simply offered again until Paho takes it.
     */
    public void publish(String topic, String payload, int qos, boolean retained) {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(qos);
        message.setRetained(retained);
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .ignoreExceptionsMatching(e -> e instanceof MqttException m && m.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT)
                .until(() -> {
                    client.publish(topic, message);
                    return true;
                });
    }

    @Override
    public void close() {
        try {
            client.disconnect();
            client.close();
        } catch (MqttException e) {
            // the broker closes it anyway
        }
    }
}
