package io.dutyroom.hub.http;

import io.vertx.core.json.JsonObject;

/**
 * An API error with its HTTP status and a stable machine-readable code. The router's failure
 * handler is the one place that turns it into a response.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String parameter;

    private ApiException(int status, String code, String message, String parameter) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.parameter = parameter;
    }

    public static ApiException badParameter(String parameter, String message) {
        return new ApiException(400, "bad_parameter", parameter + ": " + message, parameter);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message, null);
    }

    public static ApiException methodNotAllowed(String message) {
        return new ApiException(405, "method_not_allowed", message, null);
    }

    /** The request is well formed but the thing is not in a state that allows it (acknowledging an acknowledged alarm). */
    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message, null);
    }

    /** The request body is missing, not JSON, or lacks a field; {@code field} names it. */
    public static ApiException badBody(String field, String message) {
        return new ApiException(400, "bad_body", field + ": " + message, field);
    }

    /** No session, or one that has ended: log in ({@code POST /api/v1/session}). */
    public static ApiException unauthenticated(String message) {
        return new ApiException(401, "unauthenticated", message, null);
    }

    /** A failed log-in; the same words whether the user exists or not. */
    public static ApiException badCredentials() {
        return new ApiException(401, "bad_credentials", "wrong username or password", null);
    }

    /** Logged in, but this is not for your role (or not yet: {@code password_change_required}). */
    public static ApiException forbidden(String code, String message) {
        return new ApiException(403, code, message, null);
    }

    /** Too many failed log-ins; the caller sets {@code Retry-After}. */
    public static ApiException tooManyRequests(String message) {
        return new ApiException(429, "too_many_requests", message, null);
    }

    /** A body that is not JSON where JSON is required. */
    public static ApiException unsupportedMediaType(String message) {
        return new ApiException(415, "unsupported_media_type", message, null);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, "unavailable", message, null);
    }

    public int status() {
        return status;
    }

    public JsonObject toJson() {
        JsonObject error = new JsonObject().put("code", code).put("message", getMessage());
        if (parameter != null) {
            error.put("parameter", parameter);
        }
        return new JsonObject().put("error", error);
    }
}
