package io.dutyroom.adapters.mqtt;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Devices publishing QoS 1 as fast as the broker takes them (the broker's window, not a round trip
 * per message, is the limit), to build a backlog quickly. Returns once the broker has acknowledged
 * every message.
 */
public final class FastPublisher {
    private FastPublisher() {
    }

    /** Publishes {@code count} messages; message {@code i} goes to {@code topic.apply(i)} with {@code payload.apply(i)}. */
    public static void publish(String url, String clientId, int count, IntFunction<String> topic, IntFunction<String> payload)
            throws MqttException {
        MqttAsyncClient publisher = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        publisher.connect(options).waitForCompletion(10_000);
        try {
            for (int i = 0; i < count; i++) {
                MqttMessage message = new MqttMessage(payload.apply(i).getBytes(StandardCharsets.UTF_8));
                message.setQos(1);
                while (true) {
                    try {
                        publisher.publish(topic.apply(i), message);
                        break;
                    } catch (MqttException e) {
                        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT
                                && e.getReasonCode() != MqttClientException.REASON_CODE_NO_MESSAGE_IDS_AVAILABLE) {
                            throw e;
                        }
                        Thread.onSpinWait(); // the window (or the packet ids) is full: acknowledgements free it
                    }
                }
            }
            await().atMost(120, TimeUnit.SECONDS).until(() -> publisher.getPendingTokens().length == 0);
        } finally {
            publisher.disconnect().waitForCompletion(10_000);
            publisher.close();
        }
    }
}
