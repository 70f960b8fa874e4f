package io.dutyroom.hub.timeline;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * An event as the values of its {@code timeline_event} row, before the insert binds them: the
 * payload encoded once, the place lifted out of it and the words a person would search for. Kept
 * apart from the JDBC so the in-memory cost of an append can be measured on its own.
 *
 * @param building null when the payload names none; likewise {@code floor}
 */
public record TimelineRow(OffsetDateTime ts, String kind, String site, String subject, String severity, String payload,
                          String building, String floor, String search) {

    public static TimelineRow of(TimelineEvent event) {
        return new TimelineRow(
                event.ts().atOffset(ZoneOffset.UTC),
                event.kind(),
                event.site(),
                event.subject(),
                event.severity().code(),
                event.payload().encode(),
                event.payload().getValue("building") instanceof String b ? b : null,
                event.payload().getValue("floor") instanceof String f ? f : null,
                TimelineEvent.searchText(event.kind(), event.subject(), event.payload()));
    }
}
