package io.dutyroom.hub.ingest;

import io.dutyroom.adapters.TelemetrySink;
import io.dutyroom.adapters.model.Inbound;
import io.dutyroom.adapters.model.Rejection;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Hands adapter output to ingest over the local event bus ({@value IngestVerticle#ADDRESS}). */
public final class EventBusSink implements TelemetrySink {
    private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true).setCodecName(LocalCodec.NAME);

    private final Vertx vertx;
    private final IngestMetrics metrics;

    public EventBusSink(Vertx vertx, IngestMetrics metrics) {
        this.vertx = vertx;
        this.metrics = metrics;
    }

    @Override
    public CompletionStage<Void> accept(Inbound item) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            vertx.eventBus().send(IngestVerticle.ADDRESS, new Envelope(item, done), LOCAL);
        } catch (RuntimeException e) {
            done.completeExceptionally(e); // ingest has stopped: the item stays with its source
        }
        return done;
    }

    @Override
    public void rejected(Rejection rejection) {
        metrics.rejected(rejection);
    }
}
