package io.dutyroom.hub.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The hub answers without log-in only to this machine: with {@code auth.enabled: false}, the HTTP
 * API must listen on a loopback address, or the hub does not start. Otherwise anyone on the
 * network could act as anyone, since the API would take the name in the request body on trust.
 */
public final class LoopbackRule {
    private LoopbackRule() {
    }

    /** Why the hub must not start with these settings; empty when it may. */
    public static Optional<String> check(boolean authEnabled, String httpHost) {
        if (authEnabled || isLoopback(httpHost)) {
            return Optional.empty();
        }
        return Optional.of("log-in is off (auth.enabled / DUTYROOM_AUTH_ENABLED is false) but the HTTP API would listen on '" + httpHost
                + "', beyond this machine: anyone who could reach it could act as anyone. Turn log-in on (remove DUTYROOM_AUTH_ENABLED,"
                + " or set auth.enabled: true) or listen on loopback only (DUTYROOM_HTTP_HOST=127.0.0.1).");
    }

    /**
     * Every address the host name stands for is a loopback one ({@code 127.0.0.0/8}, {@code ::1}).
     * {@code 0.0.0.0} is every interface, not loopback; a name that does not resolve is not trusted.
     */
    static boolean isLoopback(String host) {
        // Java resolves "" to loopback, but a server told to listen on "" may take every interface
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }
}
