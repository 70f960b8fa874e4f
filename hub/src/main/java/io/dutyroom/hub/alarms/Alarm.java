package io.dutyroom.hub.alarms;

import io.dutyroom.adapters.profile.LocalizedText;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/** One open alarm inside the alarm book; changed only on the book's thread, shown as {@link AlarmRecord}s. */
final class Alarm {
    final String id;
    final AlarmKey key;
    final String building;
    final String floor;
    final LocalizedText sourceName;
    final AlarmRule rule;
    final Optional<String> drill;
    AlarmStatus status;
    int activations;
    final Instant raisedAt;
    Instant lastActivatedAt;
    Instant returnedAt;
    Instant acknowledgedAt;
    String acknowledgedBy;
    Instant closedAt;
    boolean chattering;
    boolean stale;
    LocalizedText message;
    JsonObject values;

    Alarm(String id, AlarmKey key, String building, String floor, LocalizedText sourceName, AlarmRule rule, Optional<String> drill,
          Instant raisedAt, LocalizedText message, JsonObject values) {
        this.id = id;
        this.key = key;
        this.building = building;
        this.floor = floor;
        this.sourceName = sourceName;
        this.rule = rule;
        this.drill = drill;
        this.status = AlarmStatus.normal(rule.latch());
        this.raisedAt = raisedAt;
        this.lastActivatedAt = raisedAt;
        this.message = message;
        this.values = values;
    }

    /** Rebuilds an open alarm from its stored record. */
    static Alarm restore(AlarmRecord r) {
        Alarm a = new Alarm(r.id(), new AlarmKey(r.site(), r.source(), r.rule().id()), r.building(), r.floor(), r.sourceName(), r.rule(),
                r.drill(), r.raisedAt(), r.message(), r.values());
        a.status = r.status();
        a.activations = r.activations();
        a.lastActivatedAt = r.lastActivatedAt();
        a.returnedAt = r.returnedAt().orElse(null);
        a.acknowledgedAt = r.acknowledgedAt().orElse(null);
        a.acknowledgedBy = r.acknowledgedBy().orElse(null);
        a.chattering = r.chattering();
        a.stale = r.stale();
        return a;
    }

    AlarmRecord record() {
        return new AlarmRecord(id, key.site(), key.source(), building, floor, sourceName, rule, status, drill, activations, raisedAt,
                lastActivatedAt, Optional.ofNullable(returnedAt), Optional.ofNullable(acknowledgedAt), Optional.ofNullable(acknowledgedBy),
                Optional.ofNullable(closedAt), chattering, stale, message, values.copy());
    }
}
