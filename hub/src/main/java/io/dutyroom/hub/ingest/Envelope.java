package io.dutyroom.hub.ingest;

import io.dutyroom.adapters.model.Inbound;
import java.util.concurrent.CompletableFuture;

/**
 * An inbound item travelling to ingest on the event bus, with the future its adapter waits on:
 * completed when the item is durable, failed when the hub could not take it.
 */
record Envelope(Inbound item, CompletableFuture<Void> done) {
}
