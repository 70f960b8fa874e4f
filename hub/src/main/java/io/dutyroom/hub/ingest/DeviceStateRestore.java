package io.dutyroom.hub.ingest;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.model.Reading;
import io.dutyroom.adapters.model.SiteId;
import io.dutyroom.adapters.profile.PointDefinition;
import io.dutyroom.hub.estate.EstateRegistry;
import io.dutyroom.hub.estate.RegisteredDevice;
import io.dutyroom.hub.storage.TelemetryQueries;
import io.dutyroom.hub.timeline.EventKind;
import io.dutyroom.hub.timeline.Timeline;
import io.dutyroom.hub.timeline.TimelineEvent;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds device state at start from what was stored: unregistered devices and connectivity from
 * the timeline, the latest value of every registered device's points from telemetry (unregistered
 * devices are listed again, their values come with their next message). Blocking; runs before
 * ingest starts.
 */
public final class DeviceStateRestore {
    private DeviceStateRestore() {
    }

    /** @return how many latest values were restored */
    public static int restore(DeviceState state, EstateRegistry registry, TelemetryQueries telemetry, Timeline timeline, Instant since) throws SQLException {
        for (TimelineEvent e : timeline.latestPerSubjectBlocking(List.of(EventKind.DEVICE_UNREGISTERED_SEEN))) {
            if (DeviceId.isValid(e.subject()) && SiteId.isValid(e.site())) {
                state.noteUnregistered(SiteId.of(e.site()), DeviceId.of(e.subject()));
            }
        }
        List<DeviceId> devices = new ArrayList<>();
        List<String> points = new ArrayList<>();
        for (RegisteredDevice d : registry.devices()) {
            for (PointDefinition p : d.profile().points()) {
                devices.add(d.id());
                points.add(p.name());
            }
        }
        List<Reading> latest = telemetry.latest(devices, points, since);
        latest.forEach(state::restore);
        for (TimelineEvent e : timeline.latestPerSubjectBlocking(List.of(EventKind.DEVICE_ONLINE, EventKind.DEVICE_OFFLINE))) {
            if (DeviceId.isValid(e.subject())) {
                state.restoreConnectivity(DeviceId.of(e.subject()),
                        EventKind.DEVICE_ONLINE.equals(e.kind()) ? DeviceState.Connectivity.ONLINE : DeviceState.Connectivity.OFFLINE, e.ts());
            }
        }
        return latest.size();
    }
}
