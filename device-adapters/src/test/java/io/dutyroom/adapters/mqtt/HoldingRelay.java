package io.dutyroom.adapters.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay between a client and its broker that can hold what the client sends (its
 * acknowledgements) while everything the broker sends still passes: the client's writes back up,
 * as they do behind a busy broker or a starved sender thread. Holding starts after a connection's
 * first bytes (its CONNECT) so that the client can still log in, and the relay's receiving buffer
 * is small, so what the kernel absorbs is small too.
 */
final class HoldingRelay implements AutoCloseable {
    private static final int SMALL_BUFFER = 4096;
    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private volatile boolean holding;
    private volatile long allowance;

    HoldingRelay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.setReceiveBufferSize(SMALL_BUFFER);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::accept, "holding-relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /**
     * Stops passing what clients send, once a connection has sent {@code allowanceBytes}: it waits in
     * the client and the kernel.
     */
    void holdAfter(long allowanceBytes) {
        allowance = allowanceBytes;
        holding = true;
    }

    void release() {
        synchronized (gate) {
            holding = false;
            gate.notifyAll();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket broker = new Socket("127.0.0.1", targetPort);
                open.add(client);
                open.add(broker);
                pump(client.getInputStream(), broker.getOutputStream(), true);
                pump(broker.getInputStream(), client.getOutputStream(), false);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(InputStream in, OutputStream out, boolean fromClient) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[SMALL_BUFFER];
            long passed = 0;
            try {
                while (true) {
                    int room = buffer.length;
                    if (fromClient) {
                        synchronized (gate) {
                            while (holding && passed >= allowance) {
                                gate.wait();
                            }
                            if (holding) {
                                room = (int) Math.min(room, allowance - passed);
                            }
                        }
                    }
                    int n = in.read(buffer, 0, room);
                    if (n < 0) {
                        return;
                    }
                    passed += n;
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the connection ended
            }
        }, "holding-relay-" + (fromClient ? "up" : "down"));
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        release();
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
