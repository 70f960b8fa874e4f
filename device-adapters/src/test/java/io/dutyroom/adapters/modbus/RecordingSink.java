package io.dutyroom.adapters.modbus;

import io.dutyroom.adapters.TelemetrySink;
import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.model.DeviceStatus;
import io.dutyroom.adapters.model.Inbound;
import io.dutyroom.adapters.model.Reading;
import io.dutyroom.adapters.model.ReadingBatch;
import io.dutyroom.adapters.model.Rejection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/** A sink that keeps what it is given, for tests to look at. */
final class RecordingSink implements TelemetrySink {
    final ConcurrentLinkedQueue<Inbound> items = new ConcurrentLinkedQueue<>();

    @Override
    public CompletionStage<Void> accept(Inbound item) {
        items.add(item);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void rejected(Rejection rejection) {
        throw new AssertionError("unexpected rejection " + rejection);
    }

    List<ReadingBatch> batches(DeviceId device) {
        return items.stream().filter(i -> i instanceof ReadingBatch && i.device().equals(device)).map(i -> (ReadingBatch) i).toList();
    }

    Optional<Map<String, Double>> latest(DeviceId device) {
        List<ReadingBatch> batches = batches(device);
        if (batches.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(batches.get(batches.size() - 1).readings().stream().collect(Collectors.toMap(Reading::point, Reading::value)));
    }

    List<DeviceStatus> statuses(DeviceId device) {
        return items.stream().filter(i -> i instanceof DeviceStatus && i.device().equals(device)).map(i -> (DeviceStatus) i).toList();
    }
}
