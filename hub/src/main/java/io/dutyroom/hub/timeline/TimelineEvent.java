package io.dutyroom.hub.timeline;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the timeline. {@code id} is assigned by the store (0 before it is appended);
 * {@code subject} is what the event is about: a device id now, a work order or a patrol later.
 */
public record TimelineEvent(long id, Instant ts, String kind, String site, String subject, Severity severity, JsonObject payload) {

    public TimelineEvent {
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        payload = payload == null ? new JsonObject() : payload;
    }

    /** A new event, not yet appended. */
    public static TimelineEvent of(Instant ts, String kind, String site, String subject, Severity severity, JsonObject payload) {
        return new TimelineEvent(0, ts, kind, site, subject, severity, payload);
    }

    TimelineEvent withId(long newId) {
        return new TimelineEvent(newId, ts, kind, site, subject, severity, payload);
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id)
                .put("ts", ts.toString())
                .put("kind", kind)
                .put("site", site)
                .put("subject", subject)
                .put("severity", severity.code())
                .put("payload", payload);
    }
}
