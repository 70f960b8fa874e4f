package io.dutyroom.hub.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Server-Sent Events response, as every live stream of the hub sends it: headers that keep
 * proxies from buffering, an opening comment, a keepalive comment every 15 s so that proxies keep the
 * connection, events written only while the client keeps up, and one clean-up however the stream
 * ends. A client that falls behind is dropped rather than buffered without bound: it reconnects and
 * catches up from the API.
 *
 * <p>Used on the event loop of the request only (its consumers and timers are registered there), so
 * it needs no locking.
 */
final class EventStream {
    static final long KEEPALIVE_MS = 15_000;
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

    private final Vertx vertx;
    private final HttpServerResponse response;
    private final StreamMeters meters;
    private final List<Runnable> cleanups = new ArrayList<>();
    private final long keepalive;
    private boolean closed;

    private EventStream(Vertx vertx, HttpServerResponse response, StreamMeters meters) {
        this.vertx = vertx;
        this.response = response;
        this.meters = meters;
        meters.connected();
        keepalive = vertx.setPeriodic(KEEPALIVE_MS, id -> {
            if (!response.writeQueueFull()) {
                response.write(": keepalive\n\n");
            }
        });
        // the client left, or the connection broke
        response.closeHandler(v -> close());
        // or it left before this stream opened (while the gate looked its session up): a close
        // handler set on a closed connection is never called
        if (response.closed()) {
            close();
        }
    }

    /** Answers the request with an open stream that starts with the comment {@code : greeting}. */
    static EventStream open(Vertx vertx, RoutingContext ctx, String greeting, StreamMeters meters) {
        HttpServerResponse response = ctx.response();
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.write(": " + greeting + "\n\n");
        return new EventStream(vertx, response, meters);
    }

    /** Runs {@code cleanup} when the stream ends, whichever way; at once if it has ended already. */
    void onClose(Runnable cleanup) {
        if (closed) {
            cleanup.run();
        } else {
            cleanups.add(cleanup);
        }
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Sends one event ({@code id} may be null: none); false when the stream has ended, or when the
     * client has fallen behind and is dropped instead.
     */
    boolean send(String event, String id, String data) {
        if (closed) {
            return false;
        }
        if (response.writeQueueFull()) {
            meters.dropped();
            response.reset();
            close();
            return false;
        }
        response.write((id == null ? "" : "id: " + id + "\n") + "event: " + event + "\ndata: " + data + "\n\n");
        return true;
    }

    /** Sends a last event and ends the response: the hub ends the stream, the client should not reconnect. */
    void end(String event, String data) {
        if (closed) {
            return;
        }
        response.end("event: " + event + "\ndata: " + data + "\n\n");
        close();
    }

    private void close() {
        if (closed) {
            return;
        }
        closed = true;
        vertx.cancelTimer(keepalive);
        meters.disconnected();
        // each clean-up on its own: one that fails must not leave a timer or a watch behind
        for (Runnable cleanup : cleanups) {
            try {
                cleanup.run();
            } catch (RuntimeException e) {
                LOG.warn("cleaning up a closed live stream failed", e);
            }
        }
        cleanups.clear();
    }
}
