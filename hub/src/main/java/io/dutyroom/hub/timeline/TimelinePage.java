package io.dutyroom.hub.timeline;

import java.util.List;
import java.util.Optional;

/** Events newest first, and the cursor of the next page when there may be one. */
public record TimelinePage(List<TimelineEvent> events, Optional<TimelineQuery.Cursor> next) {
}
