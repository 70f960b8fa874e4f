package io.dutyroom.hub.http;

import io.dutyroom.hub.auth.SessionUser;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;

/** A JSON request body, checked: a missing or bad field is a 400 that names it. */
final class Body {
    static final int MAX_TEXT = 2_000;
    private final JsonObject json;
    /** The logged-in user when log-in is on (see AuthHandler); null when it is off. */
    private final String sessionUser;

    Body(RoutingContext ctx, Set<String> allowed) {
        sessionUser = ctx.get(SessionUser.KEY) instanceof SessionUser u ? u.username() : null;
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw ApiException.badBody("body", "a JSON object is required, e.g. {\"user\": \"wang.wei\"}");
        }
        try {
            json = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw ApiException.badBody("body", "is not a JSON object");
        }
        for (String field : json.fieldNames()) {
            if (!allowed.contains(field)) {
                throw ApiException.badBody(field, "unknown field; this endpoint takes " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    /**
     * The person acting, kept on every record. With log-in on, it is the session's user: the body
     * need not name them, and a body that names someone else is refused, so nobody acts in another's
     * name. With log-in off (loopback only), the body's {@code user} is taken on trust, as before.
     */
    String user() {
        Optional<String> given = optional("user");
        if (sessionUser != null) {
            if (given.isPresent() && !given.get().equals(sessionUser)) {
                throw ApiException.badBody("user", "you are logged in as '" + sessionUser + "'; leave \"user\" out, or give your own name");
            }
            return sessionUser;
        }
        String user = given.orElseThrow(() -> ApiException.badBody("user", "is required"));
        if (user.length() > 64) {
            throw ApiException.badBody("user", "at most 64 characters");
        }
        return user;
    }

    /** A password: required, taken exactly as given (never trimmed: spaces are part of it), at most {@code max} characters. */
    String secret(String field, int max) {
        Object value = json.getValue(field);
        if (value == null) {
            throw ApiException.badBody(field, "is required");
        }
        if (!(value instanceof String text)) {
            throw ApiException.badBody(field, "must be a string");
        }
        if (text.isEmpty()) {
            throw ApiException.badBody(field, "must not be empty");
        }
        if (text.length() > max) {
            throw ApiException.badBody(field, "at most " + max + " characters");
        }
        return text;
    }

    String required(String field) {
        return optional(field).orElseThrow(() -> ApiException.badBody(field, "is required"));
    }

    Optional<String> optional(String field) {
        Object value = json.getValue(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw ApiException.badBody(field, "must be a string");
        }
        if (text.isBlank()) {
            throw ApiException.badBody(field, "must not be blank");
        }
        if (text.length() > MAX_TEXT) {
            throw ApiException.badBody(field, "at most " + MAX_TEXT + " characters");
        }
        return Optional.of(text.strip());
    }

    /** A whole number in [min, max]; required. */
    int integer(String field, int min, int max) {
        Object value = json.getValue(field);
        if (value == null) {
            throw ApiException.badBody(field, "is required");
        }
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < min || ((Number) value).longValue() > max) {
            throw ApiException.badBody(field, "must be a whole number from " + min + " to " + max);
        }
        return ((Number) value).intValue();
    }

    /** true or false; required. */
    boolean bool(String field) {
        Object value = json.getValue(field);
        if (!(value instanceof Boolean b)) {
            throw ApiException.badBody(field, value == null ? "is required (true or false)" : "must be true or false");
        }
        return b;
    }
}
