package io.dutyroom.hub.auth;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Who a request comes from: the user of a live session, as they are now (role, name, whether they
 * must change their password). The HTTP layer keeps it in the routing context under {@link #KEY}.
 */
public record SessionUser(String username, String displayName, Role role, boolean mustChange, String tokenHash, Instant expiresAt) {
    /** The routing-context key. */
    public static final String KEY = "user";

    public JsonObject toJson() {
        return new JsonObject().put("username", username).put("displayName", displayName).put("role", role.code())
                .put("mustChange", mustChange).put("expiresAt", expiresAt.toString());
    }
}
