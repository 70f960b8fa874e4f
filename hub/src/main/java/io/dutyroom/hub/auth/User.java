package io.dutyroom.hub.auth;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A person who logs in to the hub, as stored. The password hash stays on the server: {@link #toJson()}
 * leaves it out.
 *
 * @param mustChange someone else chose the password (an admin, or the hub at first start): the user
 *                   must set their own before doing anything else
 * @param disabled   cannot log in; kept rather than deleted, because the timeline names them
 */
public record User(String username, String displayName, Role role, String passwordHash, boolean mustChange, Instant createdAt,
                   boolean disabled) {

    public JsonObject toJson() {
        return new JsonObject().put("username", username).put("displayName", displayName).put("role", role.code())
                .put("mustChange", mustChange).put("createdAt", createdAt.toString()).put("disabled", disabled);
    }
}
