package io.dutyroom.hub.ingest;

import io.dutyroom.adapters.model.DeviceEvent;
import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.model.DeviceStatus;
import io.dutyroom.adapters.model.Inbound;
import io.dutyroom.adapters.model.Quality;
import io.dutyroom.adapters.model.Reading;
import io.dutyroom.adapters.model.ReadingBatch;
import io.dutyroom.adapters.model.RejectReason;
import io.dutyroom.adapters.model.Rejection;
import io.dutyroom.hub.estate.EstateRegistry;
import io.dutyroom.hub.estate.RegisteredDevice;
import io.dutyroom.hub.storage.SqlErrors;
import io.dutyroom.hub.storage.StorageRefusedException;
import io.dutyroom.hub.storage.TelemetryWriter;
import io.dutyroom.hub.timeline.EventKind;
import io.dutyroom.hub.timeline.Severity;
import io.dutyroom.hub.timeline.Timeline;
import io.dutyroom.hub.timeline.TimelineEvent;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Ingest: takes what adapters deliver on {@value #ADDRESS}, checks it against the estate registry,
 * hands readings to the writer, and when they are durable updates device state and releases the
 * adapter's acknowledgement. A reading delivered again (QoS 1 after a crash) is stored once and
 * moves state and rules once: only the readings the writer reports new go on. Device connectivity changes go onto the timeline.
 *
 * <p>Runs on one event-loop context. When the writer's queue is full, batches wait in a backlog and
 * are fed to the writer as it drains. The backlog is as large as the adapters' window of unfinished
 * messages, so it cannot overflow; if it ever did, input would be refused (counted as
 * {@code overloaded}) and, being unacknowledged, delivered again by the broker.
 */
public final class IngestVerticle extends VerticleBase {
    public static final String ADDRESS = "telemetry.batch";

    private final EstateRegistry registry;
    private final DeviceState state;
    private final TelemetryWriter writer;
    private final Timeline timeline;
    private final RuleFeed rules;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final Duration offlineAfter;
    private final PatrolScans patrols;
    private final WatchedDevices watched;
    private final int backlogLimit;  // = the MQTT adapter's window of unfinished messages
    private final ArrayDeque<Waiting> backlog = new ArrayDeque<>();
    private MessageConsumer<Envelope> consumer;
    private LiveReadings live;
    private long silenceTimer = -1;

    public IngestVerticle(EstateRegistry registry, DeviceState state, TelemetryWriter writer, Timeline timeline, RuleFeed rules,
                          IngestMetrics metrics, Clock clock, Duration offlineAfter, int backlogLimit) {
        this(registry, state, writer, timeline, rules, PatrolScans.NONE, new WatchedDevices(), metrics, clock, offlineAfter, backlogLimit);
    }

    /** @param watched the devices watched live; their recorded readings are published ({@link LiveReadings}) */
    public IngestVerticle(EstateRegistry registry, DeviceState state, TelemetryWriter writer, Timeline timeline, RuleFeed rules,
                          PatrolScans patrols, WatchedDevices watched, IngestMetrics metrics, Clock clock, Duration offlineAfter,
                          int backlogLimit) {
        this.patrols = patrols;
        this.watched = watched;
        this.registry = registry;
        this.state = state;
        this.writer = writer;
        this.timeline = timeline;
        this.rules = rules;
        this.metrics = metrics;
        this.clock = clock;
        this.offlineAfter = offlineAfter;
        this.backlogLimit = backlogLimit;
    }

    @Override
    public Future<?> start() {
        vertx.eventBus().registerCodec(new LocalCodec());
        live = new LiveReadings(vertx.eventBus(), watched, state);
        writer.onSpace(() -> context.runOnContext(v -> drainBacklog()));
        consumer = vertx.eventBus().localConsumer(ADDRESS, message -> handle(message.body()));
        long checkEvery = Math.max(1_000, Math.min(30_000, offlineAfter.toMillis() / 4));
        silenceTimer = vertx.setPeriodic(checkEvery, id -> markSilentDevicesOffline());
        return consumer.completion();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(silenceTimer);
        vertx.eventBus().unregisterCodec(LocalCodec.NAME);
        backlog.forEach(w -> w.envelope.done().completeExceptionally(new IllegalStateException("hub stopping")));
        backlog.clear();
        return consumer.unregister();
    }

    private void handle(Envelope envelope) {
        try {
            if (envelope.item() instanceof ReadingBatch batch) {
                readings(batch, envelope);
            } else if (envelope.item() instanceof DeviceStatus status) {
                status(status, envelope.done());
            } else if (envelope.item() instanceof DeviceEvent event) {
                event(event, envelope.done());
            }
        } catch (RuntimeException e) {
            envelope.done().completeExceptionally(e);
            throw e;
        }
    }

    private void readings(ReadingBatch batch, Envelope envelope) {
        metrics.received("telemetry");
        if (wrongSite(batch, envelope.done())) {
            return;
        }
        Optional<RegisteredDevice> device = registry.device(batch.device());
        List<Reading> accepted;
        if (device.isPresent()) {
            state.received(batch.device(), clock.instant());
            accepted = knownPoints(batch, device.get());
        } else {
            noteUnregistered(batch, new JsonObject().put("points", batch.readings().stream().map(Reading::point).distinct().toList()));
            accepted = admittedUnregistered(batch);
        }
        if (accepted.isEmpty()) {
            envelope.done().complete(null);
            return;
        }
        Waiting waiting = new Waiting(batch, accepted, envelope);
        if (!backlog.isEmpty() || !submit(waiting)) {
            if (backlog.size() >= backlogLimit) {
                metrics.rejected(new Rejection(RejectReason.OVERLOADED, batch.site() + "/" + batch.device(),
                        "writer queue and ingest backlog are full; the broker will deliver it again"));
                envelope.done().completeExceptionally(new IllegalStateException("overloaded"));
                return;
            }
            backlog.addLast(waiting);
            metrics.backlogWait(backlog.size());
        }
    }

    /** An unregistered device's readings, within the bounds on such devices and their point names. */
    private List<Reading> admittedUnregistered(ReadingBatch batch) {
        List<Reading> admitted = new ArrayList<>(batch.size());
        for (Reading r : batch.readings()) {
            if (state.admitsUnregistered(batch.device(), r.point())) {
                admitted.add(r.withQuality(Quality.UNREGISTERED));
            } else {
                metrics.rejected(new Rejection(RejectReason.UNREGISTERED_LIMIT, batch.site() + "/" + batch.device(),
                        "point '" + r.point() + "' of an unregistered device is beyond the bounds (" + DeviceState.MAX_UNREGISTERED_POINTS
                                + " points per device, " + DeviceState.MAX_UNREGISTERED + " devices); register the device in the estate file"));
            }
        }
        return admitted;
    }

    private List<Reading> knownPoints(ReadingBatch batch, RegisteredDevice device) {
        List<Reading> known = new ArrayList<>(batch.size());
        for (Reading r : batch.readings()) {
            if (device.profile().hasPoint(r.point())) {
                known.add(r);
            } else {
                metrics.rejected(new Rejection(RejectReason.UNKNOWN_POINT, batch.site() + "/" + batch.device(),
                        "point '" + r.point() + "' is not in profile " + device.profile().id()));
            }
        }
        return known;
    }

    /** Offers a batch to the writer; false when the writer has no room now. */
    private boolean submit(Waiting w) {
        CompletableFuture<List<Reading>> written = writer.offer(w.readings);
        if (written == null) {
            return false;
        }
        metrics.accepted(w.readings.size());
        written.whenComplete((stored, err) -> context.runOnContext(x -> {
            if (err instanceof StorageRefusedException refused) {
                // bad data, not a passing outage: count it and let the message go, as for any bad input
                metrics.rejected(new Rejection(RejectReason.STORAGE_REFUSED, w.batch.site() + "/" + w.batch.device(), refused.getMessage()));
                w.envelope.done().complete(null);
                return;
            }
            if (err != null) {
                w.envelope.done().completeExceptionally(err);
                return;
            }
            if (stored.isEmpty()) {
                // delivered again and stored before: state and rules have seen it already
                w.envelope.done().complete(null);
                return;
            }
            Instant now = clock.instant();
            state.record(w.batch.device(), stored, now, w.batch.drill());
            live.recorded(w.batch.device(), stored);
            if (stored.get(0).quality() != Quality.UNREGISTERED) {
                connectivity(w.batch.site().value(), w.batch.device().value(), DeviceState.Connectivity.ONLINE, now, "data")
                        .transform(ignored -> rules.readings(w.batch.device(), stored, w.batch.drill()))
                        .onComplete(ignored -> w.envelope.done().complete(null));
            } else {
                w.envelope.done().complete(null);
            }
        }));
        return true;
    }

    private void drainBacklog() {
        while (!backlog.isEmpty() && submit(backlog.peekFirst())) {
            backlog.pollFirst();
        }
        metrics.backlogSize(backlog.size());
    }

    /** A registered device speaking under another site's topics is refused: its events would land on the wrong site. */
    private boolean wrongSite(Inbound item, CompletableFuture<Void> done) {
        Optional<RegisteredDevice> device = registry.device(item.device());
        if (device.isEmpty() || device.get().site().equals(item.site())) {
            return false;
        }
        metrics.rejected(new Rejection(RejectReason.SITE_MISMATCH, item.site() + "/" + item.device(),
                "device " + item.device() + " is registered at site " + device.get().site() + ", not " + item.site()));
        done.complete(null);
        return true;
    }

    /** The first time an unregistered device is heard from, the timeline says so. */
    private void noteUnregistered(Inbound item, JsonObject detail) {
        if (registry.device(item.device()).isEmpty() && state.noteUnregistered(item.site(), item.device())) {
            timeline.append(TimelineEvent.of(clock.instant(), EventKind.DEVICE_UNREGISTERED_SEEN, item.site().value(),
                    item.device().value(), Severity.WARNING, detail));
        }
    }

    private void status(DeviceStatus status, CompletableFuture<Void> done) {
        metrics.received("status");
        if (wrongSite(status, done)) {
            return;
        }
        noteUnregistered(status, new JsonObject().put("status", status.online() ? "online" : "offline"));
        var next = status.online() ? DeviceState.Connectivity.ONLINE : DeviceState.Connectivity.OFFLINE;
        connectivity(status.site().value(), status.device().value(), next, status.ts(), status.cause())
                .onComplete(r -> complete(done, r.cause()));
    }

    private void event(DeviceEvent event, CompletableFuture<Void> done) {
        metrics.received("event");
        if (wrongSite(event, done)) {
            return;
        }
        if (PatrolScans.EVENT_TYPE.equals(event.type())) {
            // a checkpoint reader or a guard's phone: the patrol's record, not a device's event
            patrols.scan(event).onComplete(r -> {
                if (r.succeeded() && r.result().isPresent()) {
                    metrics.rejected(new Rejection(RejectReason.BAD_PATROL_SCAN, event.site() + "/" + event.device(), r.result().get()));
                }
                complete(done, r.cause());
            });
            return;
        }
        noteUnregistered(event, new JsonObject().put("event", event.type()));
        JsonObject payload = new JsonObject().put("type", event.type()).put("data", new JsonObject(event.dataJson()));
        event.drill().ifPresent(drill -> payload.put("drill", drill));
        timeline.append(TimelineEvent.of(event.ts(), EventKind.DEVICE_EVENT, event.site().value(), event.device().value(),
                        Severity.INFO, payload))
                .onComplete(r -> complete(done, r.cause()));
    }

    /** Applies a connectivity change and, when it is one, appends it to the timeline. */
    private Future<?> connectivity(String site, String device, DeviceState.Connectivity next, Instant at, String cause) {
        if (!state.connectivity(DeviceId.of(device), next, at)) {
            return Future.succeededFuture();
        }
        boolean online = next == DeviceState.Connectivity.ONLINE;
        rules.connectivity(DeviceId.of(device), online, at);
        return timeline.append(TimelineEvent.of(at, online ? EventKind.DEVICE_ONLINE : EventKind.DEVICE_OFFLINE, site, device,
                online ? Severity.INFO : Severity.WARNING, new JsonObject().put("cause", cause)));
    }

    private void markSilentDevicesOffline() {
        Instant now = clock.instant();
        for (DeviceState.Device d : state.silentSince(now.minus(offlineAfter))) {
            connectivity(d.site().value(), d.id().value(), DeviceState.Connectivity.OFFLINE, now, "silent for " + offlineAfter.toSeconds() + " s");
        }
    }

    /**
     * Finishes an event or status message. Timeline appends retry passing failures themselves, so a
     * failure here is either a refusal (logged by the timeline; redelivery would fail again, so the
     * message is let go) or the hub stopping (left to the broker).
     */
    private void complete(CompletableFuture<Void> done, Throwable failure) {
        if (failure == null || !SqlErrors.isTransient(failure)) {
            done.complete(null);
        } else {
            done.completeExceptionally(failure);
        }
    }

    private record Waiting(ReadingBatch batch, List<Reading> readings, Envelope envelope) {
    }
}
