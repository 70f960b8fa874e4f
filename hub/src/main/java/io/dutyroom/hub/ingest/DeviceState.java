package io.dutyroom.hub.ingest;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.model.Quality;
import io.dutyroom.adapters.model.Reading;
import io.dutyroom.adapters.model.SiteId;
import io.dutyroom.hub.estate.EstateRegistry;
import io.dutyroom.hub.estate.RegisteredDevice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the hub knows of every device now: latest value per point, last seen, online or offline.
 * Written only by ingest (one event-loop context), read by the HTTP API from others, hence the
 * concurrent maps and volatile fields. Unregistered devices are tracked up to a bound, and so are
 * their point names, so a flood of unknown ids or names can exhaust neither memory nor the
 * telemetry table: readings of a device or point beyond the bounds are refused.
 */
public final class DeviceState {
    public static final int MAX_UNREGISTERED = 10_000;
    /**
     * Point names one unregistered device may have stored. A meter being commissioned before it is
     * registered has a few dozen at most (the widest built-in profile has 13); a stranger inventing
     * names has no end of them.
     */
    public static final int MAX_UNREGISTERED_POINTS = 64;

    public enum Connectivity { UNKNOWN, ONLINE, OFFLINE }

    /** Connectivity and when it began, swapped as one so readers never see one without the other. */
    private record Since(Connectivity value, Instant since) {
    }

    /** The newest reading of one point. */
    public record LatestValue(Instant ts, double value, Quality quality) {
    }

    /** One device's live state. */
    public static final class Device {
        private final DeviceId id;
        private final SiteId site;
        private final Optional<RegisteredDevice> registration;
        private final Map<String, LatestValue> points = new ConcurrentHashMap<>();
        /** Unregistered only: the point names admitted for storage, at most {@link #MAX_UNREGISTERED_POINTS}. */
        private final Set<String> admitted = ConcurrentHashMap.newKeySet();
        private volatile Instant lastSeen;        // newest stored reading's arrival
        private volatile Instant lastReceived;    // newest accepted message, stored or not yet: judges silence
        private volatile Since connectivity = new Since(Connectivity.UNKNOWN, null);
        private volatile String drill; // the drill the device's latest data belongs to, if any

        Device(DeviceId id, SiteId site, Optional<RegisteredDevice> registration) {
            this.id = id;
            this.site = site;
            this.registration = registration;
        }

        public DeviceId id() {
            return id;
        }

        public SiteId site() {
            return site;
        }

        public Optional<RegisteredDevice> registration() {
            return registration;
        }

        public boolean registered() {
            return registration.isPresent();
        }

        public Map<String, LatestValue> points() {
            return Collections.unmodifiableMap(points);
        }

        public Optional<Instant> lastSeen() {
            return Optional.ofNullable(lastSeen);
        }

        public Connectivity connectivity() {
            return connectivity.value();
        }

        /** The drill the device's latest data came from; empty for real traffic. */
        public Optional<String> drill() {
            return Optional.ofNullable(drill);
        }

        public Optional<Instant> connectivitySince() {
            return Optional.ofNullable(connectivity.since());
        }
    }

    private final Map<DeviceId, Device> devices = new ConcurrentHashMap<>();
    private final Map<DeviceId, Device> unregistered = new ConcurrentHashMap<>();

    public DeviceState(EstateRegistry registry) {
        for (RegisteredDevice d : registry.devices()) {
            devices.put(d.id(), new Device(d.id(), d.site(), Optional.of(d)));
        }
    }

    public Optional<Device> find(DeviceId id) {
        Device d = devices.get(id);
        return d != null ? Optional.of(d) : Optional.ofNullable(unregistered.get(id));
    }

    /** Registered devices by id, then unregistered ones by id. */
    public List<Device> all() {
        List<Device> all = new ArrayList<>(devices.values());
        all.sort((a, b) -> a.id.compareTo(b.id));
        List<Device> unknown = new ArrayList<>(unregistered.values());
        unknown.sort((a, b) -> a.id.compareTo(b.id));
        all.addAll(unknown);
        return all;
    }

    /** Notes an unregistered device; true the first time it is seen (within the tracking bound). */
    boolean noteUnregistered(SiteId site, DeviceId id) {
        if (devices.containsKey(id) || unregistered.containsKey(id) || unregistered.size() >= MAX_UNREGISTERED) {
            return false;
        }
        return unregistered.putIfAbsent(id, new Device(id, site, Optional.empty())) == null;
    }

    /**
     * Whether a reading of this unregistered device and point may be stored: the device is tracked
     * (within {@link #MAX_UNREGISTERED}) and the point is one of its first
     * {@link #MAX_UNREGISTERED_POINTS} names. Called from ingest only, so check-then-add is safe.
     */
    boolean admitsUnregistered(DeviceId id, String point) {
        Device d = unregistered.get(id);
        if (d == null) {
            return false;
        }
        if (d.admitted.contains(point)) {
            return true;
        }
        return d.admitted.size() < MAX_UNREGISTERED_POINTS && d.admitted.add(point);
    }

    /** Records durable readings; newer values replace older ones, late arrivals do not. */
    void record(DeviceId id, List<Reading> readings, Instant receivedAt, Optional<String> drill) {
        Device d = find(id).orElse(null);
        if (d == null) {
            return;
        }
        d.drill = drill.orElse(null);
        for (Reading r : readings) {
            d.points.merge(r.point(), new LatestValue(r.ts(), r.value(), r.quality()),
                    (old, neu) -> neu.ts().isBefore(old.ts()) ? old : neu);
        }
        d.lastSeen = receivedAt;
    }

    /** Sets connectivity; true when it changed (and so belongs on the timeline). */
    boolean connectivity(DeviceId id, Connectivity next, Instant at) {
        Device d = find(id).orElse(null);
        if (d == null || d.connectivity.value() == next) {
            return false;
        }
        d.connectivity = new Since(next, at);
        return true;
    }

    /** A message of the device was accepted: it is not silent, whether or not storage keeps up. */
    void received(DeviceId id, Instant at) {
        Device d = devices.get(id);
        if (d != null) {
            d.lastReceived = at;
        }
    }

    /** Restores a latest value at start (from storage); only for known devices. */
    void restore(Reading r) {
        find(r.device()).ifPresent(d -> {
            d.points.put(r.point(), new LatestValue(r.ts(), r.value(), r.quality()));
            if (d.lastSeen == null || d.lastSeen.isBefore(r.ts())) {
                d.lastSeen = r.ts();
            }
        });
    }

    /** Restores connectivity at start (from the timeline), without producing events. */
    void restoreConnectivity(DeviceId id, Connectivity value, Instant since) {
        find(id).ifPresent(d -> d.connectivity = new Since(value, since));
    }

    /** Registered devices online but silent since before {@code cutoff}. */
    List<Device> silentSince(Instant cutoff) {
        List<Device> silent = new ArrayList<>();
        for (Device d : devices.values()) {
            Instant heard = d.lastReceived != null ? d.lastReceived : d.lastSeen;
            if (d.connectivity.value() == Connectivity.ONLINE && heard != null && heard.isBefore(cutoff)) {
                silent.add(d);
            }
        }
        return silent;
    }
}
