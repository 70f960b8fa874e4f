package io.dutyroom.hub.outbound;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A JDK HTTP client for the hub's calls out (webhooks, the simulator's control API) on its own daemon
 * thread, so that answers are never handled on an event loop. Closing lets calls in flight finish
 * for up to two seconds, then stops them.
 */
public final class OutboundHttp implements AutoCloseable {
    private final ExecutorService executor;
    private final HttpClient client;

    public OutboundHttp(String threadName, Duration connectTimeout) {
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).executor(executor).build();
    }

    public HttpClient client() {
        return client;
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
