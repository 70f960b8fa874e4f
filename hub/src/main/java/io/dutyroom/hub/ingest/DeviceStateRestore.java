package io.dutyroom.hub.ingest;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.model.Reading;
import io.dutyroom.adapters.model.SiteId;
import io.dutyroom.hub.storage.TelemetryQueries;
import io.dutyroom.hub.timeline.EventKind;
import io.dutyroom.hub.timeline.Timeline;
import io.dutyroom.hub.timeline.TimelineEvent;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Rebuilds device state at start from what was stored: unregistered devices and connectivity from
 * the timeline, latest values from telemetry. Blocking; runs before ingest starts.
 */
public final class DeviceStateRestore {
    private DeviceStateRestore() {
    }

    /** @return how many latest values were restored */
    public static int restore(DeviceState state, TelemetryQueries telemetry, Timeline timeline, Instant since) throws SQLException {
        for (TimelineEvent e : timeline.latestPerSubjectBlocking(List.of(EventKind.DEVICE_UNREGISTERED_SEEN))) {
            if (DeviceId.isValid(e.subject()) && SiteId.isValid(e.site())) {
                state.noteUnregistered(SiteId.of(e.site()), DeviceId.of(e.subject()));
            }
        }
        List<Reading> latest = telemetry.latestSince(since);
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
