package io.dutyroom.hub.http;

import io.vertx.core.json.JsonObject;

/**
 * The parts of the hub that {@code GET /health} reports on. Called on the event loop: each answers
 * from what it already knows, and none may block.
 */
public interface HealthReport {

    /** Broker connection: {@code url}, {@code connected}, {@code unacknowledged}. */
    JsonObject broker();

    /** Database: {@code url}, {@code up}, {@code flavour}. */
    JsonObject database();

    /** Writer: {@code queuedReadings}, {@code lagSeconds}. */
    JsonObject writer();

    /**
     * Ingest: {@code stalled} when messages have waited too long with none finishing, or the writer's
     * oldest reading has; {@code stalledSeconds}, the longer of the two waits.
     */
    JsonObject ingest();
}
