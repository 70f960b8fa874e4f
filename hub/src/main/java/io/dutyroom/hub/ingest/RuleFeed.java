package io.dutyroom.hub.ingest;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.model.Reading;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where ingest sends what the rules must see: durable readings and connectivity changes of
 * registered devices. Ingest waits for each future before it lets the message go, which holds the
 * rules' queue to the adapter's window.
 */
public interface RuleFeed {
    RuleFeed NONE = new RuleFeed() {
        @Override
        public Future<Void> readings(DeviceId device, List<Reading> readings, Optional<String> drill) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> connectivity(DeviceId device, boolean online, Instant at) {
            return Future.succeededFuture();
        }
    };

    Future<Void> readings(DeviceId device, List<Reading> readings, Optional<String> drill);

    Future<Void> connectivity(DeviceId device, boolean online, Instant at);
}
