package io.dutyroom.hub.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks, before anything slow starts, that a port the hub is about to listen on is free. */
public final class PortProbe {
    private PortProbe() {
    }

    /**
     * @param what   what would listen there, e.g. "the HTTP API"
     * @param envVar the environment variable that moves it elsewhere
     */
    public static void requireFree(String host, int port, String what, String envVar) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new StartupException("port " + port + " on " + host + " for " + what + " is already in use"
                    + " (is another Dutyroom hub or another server running?). Stop it, or choose another port with " + envVar + ".");
        }
    }

    /** A port that was free a moment ago, for components that must be told a number up front. */
    public static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StartupException("no free port on " + host + ": " + e.getMessage());
        }
    }
}
