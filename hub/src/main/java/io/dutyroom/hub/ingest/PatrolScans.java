package io.dutyroom.hub.ingest;

import io.dutyroom.adapters.model.DeviceEvent;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Where ingest sends {@code patrol.scan} events from checkpoint readers and guards' phones. The
 * future holds the refusal when the scan names no known checkpoint or no guard.
 */
public interface PatrolScans {
    /** The event type a reader publishes for a scan. */
    String EVENT_TYPE = "patrol.scan";

    PatrolScans NONE = event -> Future.succeededFuture(Optional.of("this hub has no patrol routes"));

    Future<Optional<String>> scan(DeviceEvent event);
}
