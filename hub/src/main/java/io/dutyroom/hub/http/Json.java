package io.dutyroom.hub.http;

import io.dutyroom.adapters.profile.LocalizedText;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes JSON responses, and the shapes every response shares. */
final class Json {
    private Json() {
    }

    static void ok(RoutingContext ctx, JsonObject body) {
        send(ctx, 200, body);
    }

    static void send(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }

    /** A name or description in both languages, as {"zh": …, "en": …}; null stays null. */
    static JsonObject text(LocalizedText t) {
        return t == null ? null : new JsonObject().put("zh", t.zh()).put("en", t.en());
    }
}
