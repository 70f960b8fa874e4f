package io.dutyroom.adapters.mqtt.internal;

import java.util.Collection;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientPersistence;
import org.eclipse.paho.mqttv5.client.internal.ClientState;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Paho's asynchronous v5 client, made to say how long its outbox is.
 *
 * <p>Paho queues every control packet it sends (our acknowledgements, mostly) in an unbounded
 * list that its sender thread drains with a removal from the front, which costs the length of the
 * list: once that list grows, its drain slows as it grows. The hub must bound it
 * ({@link AckSequencer}), and Paho offers no count of it but its debug snapshot, which this reads.
 * The Paho version is pinned; {@link #unsentControlPackets()} fails, and so the adapter refuses to
 * start, if a later version no longer offers it.
 */
public final class PahoClient extends MqttAsyncClient {
    private static final String PENDING_FLOWS = "pendingFlows";

    public PahoClient(String serverUri, String clientId, MqttClientPersistence persistence) throws MqttException {
        super(serverUri, clientId, persistence);
        unsentControlPackets(); // fail now, not under load, if this Paho cannot tell
    }

    /** Control packets (acknowledgements, pings, subscriptions) waiting to be written to the connection. */
    public int unsentControlPackets() {
        if (!(comms.getClientState() instanceof ClientState state)) {
            throw new IllegalStateException("this Paho client keeps no ClientState; the adapter needs Paho 1.2.5");
        }
        Object flows;
        try {
            flows = state.getDebug().get(PENDING_FLOWS);
        } catch (NullPointerException closed) {
            return 0; // a closed client has no outbox (its lists are gone), which its snapshot cannot hold
        }
        if (flows instanceof Collection<?> pending) {
            return pending.size();
        }
        throw new IllegalStateException("this Paho client does not report its " + PENDING_FLOWS + "; the adapter needs Paho 1.2.5");
    }
}
