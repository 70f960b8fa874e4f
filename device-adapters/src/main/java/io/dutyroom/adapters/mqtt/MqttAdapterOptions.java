package io.dutyroom.adapters.mqtt;

import java.time.Duration;
import java.util.Objects;

/**
 * How the MQTT adapter connects and subscribes.
 *
 * @param serverUri      e.g. {@code tcp://127.0.0.1:1883}
 * @param clientId       stable across restarts, so the broker keeps the persistent session
 * @param username       empty for none
 * @param password       empty for none
 * @param topicRoot      the contract's root, {@code dutyroom/v1} by default
 * @param sharedGroup    when set, subscribe as {@code $share/<group>/...} so several hubs split the load
 * @param receiveMaximum the most messages the adapter holds unfinished; announced to the broker as the
 *                       MQTT 5 receive maximum and enforced by the adapter itself (not every broker
 *                       honours it): a slow writer holds acknowledgements and the broker the rest
 * @param sessionExpiry  how long the broker keeps our session (and queues for us) while we are away
 * @param keepAlive      MQTT keep-alive
 */
public record MqttAdapterOptions(String serverUri, String clientId, String username, String password,
                                 String topicRoot, String sharedGroup, int receiveMaximum,
                                 Duration sessionExpiry, Duration keepAlive) {

    public MqttAdapterOptions {
        Objects.requireNonNull(serverUri, "serverUri");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(topicRoot, "topicRoot");
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        sharedGroup = sharedGroup == null ? "" : sharedGroup;
        if (receiveMaximum < 1 || receiveMaximum > 65_535) {
            throw new IllegalArgumentException("receiveMaximum must be 1..65535");
        }
    }

    /** The subscription filter, shared when a group is set. */
    public String subscriptionFilter() {
        String filter = MqttTopic.filter(topicRoot);
        return sharedGroup.isEmpty() ? filter : "$share/" + sharedGroup + "/" + filter;
    }
}
