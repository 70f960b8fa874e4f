package io.dutyroom.hub.drills;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * A drill scenario the simulator offers, as its control API describes it.
 *
 * @param name  {@code {zh, en}}
 * @param roles the equipment profile each role needs, e.g. {@code lift: elevator}
 */
public record Scenario(String id, JsonObject name, Map<String, String> roles) {

    public Scenario {
        roles = Map.copyOf(roles);
    }
}
