package io.dutyroom.hub.alarms;

import io.dutyroom.adapters.profile.LocalizedText;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * An alarm as it stands at one moment: what the API shows and the store keeps. Immutable, so it can
 * cross from the alarm service's event loop to a worker thread and to HTTP handlers.
 *
 * @param source      the device id, or {@code gateway:<address>} for a gateway's comm-loss
 * @param activations how many times it was raised while open (1 on raise; more when it repeats)
 * @param values      the source's values when it was last raised, for the record
 */
public record AlarmRecord(String id, String site, String source, String building, String floor, LocalizedText sourceName,
                          AlarmRule rule, AlarmStatus status, Optional<String> drill, int activations, Instant raisedAt,
                          Instant lastActivatedAt, Optional<Instant> returnedAt, Optional<Instant> acknowledgedAt,
                          Optional<String> acknowledgedBy, Optional<Instant> closedAt, boolean chattering, boolean stale,
                          LocalizedText message, JsonObject values) {

    public AlarmState state() {
        return status.state();
    }

    public boolean isDrill() {
        return drill.isPresent();
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject()
                .put("id", id)
                .put("site", site)
                .put("device", source)
                .put("deviceName", text(sourceName))
                .put("building", building)
                .put("floor", floor)
                .put("rule", rule.id())
                .put("name", text(rule.name()))
                .put("priority", rule.priority().code())
                .put("state", state().code())
                .put("conditionActive", status.condition())
                .put("latching", rule.latch())
                .put("drill", drill.orElse(null))
                .put("activations", activations)
                .put("raisedAt", raisedAt.toString())
                .put("lastActivatedAt", lastActivatedAt.toString())
                .put("returnedAt", returnedAt.map(Instant::toString).orElse(null))
                .put("acknowledgedAt", acknowledgedAt.map(Instant::toString).orElse(null))
                .put("acknowledgedBy", acknowledgedBy.orElse(null))
                .put("closedAt", closedAt.map(Instant::toString).orElse(null))
                .put("chattering", chattering)
                .put("stale", stale)
                .put("message", text(message))
                .put("workOrderPolicy", rule.workOrder().orElse(null))
                .put("values", values);
        status.shelf().ifPresent(s -> json.put("shelved", new JsonObject().put("by", s.user()).put("reason", s.reason())
                .put("until", s.until().toString())));
        status.suppression().ifPresent(cause -> json.put("suppressedBecause", cause));
        status.outOfService().ifPresent(reason -> json.put("outOfServiceBecause", reason));
        return json;
    }

    static JsonObject text(LocalizedText t) {
        return t == null ? null : new JsonObject().put("zh", t.zh()).put("en", t.en());
    }
}
