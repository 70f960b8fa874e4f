package io.dutyroom.hub.drills;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One drill as stored: what was started where, by whom, under which acknowledge limit, and once it
 * is over, its final score.
 *
 * @param name              the scenario's name, {@code {zh, en}}
 * @param devices           the device that plays each of the scenario's roles
 * @param acknowledgeWithin the acknowledge limit at its start ({@code drills.acknowledgeWithin})
 * @param score             the final score, once scored or abandoned; running drills are scored as asked
 * @param scoredAt          when the score became final
 */
public record DrillRecord(String id, String scenario, JsonObject name, String site, String building, Instant startedAt, String startedBy,
                          DrillState state, Map<String, String> devices, Duration acknowledgeWithin, Optional<JsonObject> score,
                          Optional<Instant> scoredAt) {

    public DrillRecord {
        devices = Map.copyOf(devices);
    }

    /** The score to show: the final one, or, while running, the one the facts give now. */
    public JsonObject scoreJson(DrillFacts facts) {
        return score.orElseGet(() -> DrillScore.of(facts, acknowledgeWithin).toJson());
    }

    /** What the API shows, with the drill's alarms and work orders from {@code facts}. */
    public JsonObject toJson(DrillFacts facts) {
        JsonArray alarms = new JsonArray();
        facts.alarms().forEach(a -> alarms.add(a.id()));
        JsonArray orders = new JsonArray();
        facts.orders().forEach(o -> orders.add(o.id()));
        JsonObject roles = new JsonObject();
        devices.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> roles.put(e.getKey(), e.getValue()));
        return new JsonObject()
                .put("id", id)
                .put("scenario", scenario)
                .put("name", name)
                .put("site", site)
                .put("building", building)
                .put("startedAt", startedAt.toString())
                .put("startedBy", startedBy)
                .put("state", state.code())
                .put("devices", roles)
                .put("alarms", alarms)
                .put("workOrders", orders)
                .put("score", scoreJson(facts))
                .put("scoredAt", scoredAt.map(Instant::toString).orElse(null));
    }
}
