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

    /**
     * The words of an event a person would search for, lower-cased: its kind, subject, and the texts
     * of its payload (message, summary, name in both languages; text, note, reason).
     */
    public static String searchText(String kind, String subject, JsonObject payload) {
        StringBuilder text = new StringBuilder(kind);
        if (subject != null) {
            text.append(' ').append(subject);
        }
        for (String field : java.util.List.of("message", "summary", "name")) {
            if (payload.getValue(field) instanceof JsonObject t) {
                appendText(text, t.getValue("zh"));
                appendText(text, t.getValue("en"));
            } else {
                appendText(text, payload.getValue(field));
            }
        }
        for (String field : java.util.List.of("text", "note", "reason")) {
            appendText(text, payload.getValue(field));
        }
        return text.toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static void appendText(StringBuilder text, Object value) {
        if (value instanceof String s && !s.isBlank()) {
            text.append(' ').append(s);
        }
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
