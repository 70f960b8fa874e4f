package io.dutyroom.hub.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * Refuses state-changing API requests that another web site could make a logged-in browser send.
 * A page elsewhere can POST a form or a {@code text/plain} body to the hub without asking first,
 * and the session cookie would go with it ({@code SameSite=Strict} stops that in today's browsers,
 * not in every browser an estate runs). So a request that changes anything must carry JSON (which
 * a foreign page cannot send without the browser asking the hub first, and the hub never agrees),
 * and if it names the page it came from ({@code Origin}, which browsers send with every POST and
 * DELETE), that page must be the hub's own. Scripts and devices send no {@code Origin} and pass.
 */
final class RequestGuard {
    private RequestGuard() {
    }

    static void mount(Router router) {
        router.route("/api/*").handler(RequestGuard::check);
    }

    private static void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD || request.method() == HttpMethod.OPTIONS) {
            ctx.next();
            return;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !sameOrigin(origin, request)) {
            throw ApiException.forbidden("cross_origin", "requests that change something are taken only from the hub's own pages (Origin was '"
                    + origin + "')");
        }
        if (hasBody(request) && !isJson(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
            throw ApiException.unsupportedMediaType("send the body as JSON, with Content-Type: application/json (was '"
                    + request.getHeader(HttpHeaders.CONTENT_TYPE) + "')");
        }
        ctx.next();
    }

    /** The page's origin is this server as the browser addressed it: scheme and Host header. */
    private static boolean sameOrigin(String origin, HttpServerRequest request) {
        String host = request.authority() == null ? null : request.authority().toString();
        String scheme = request.isSSL() ? "https" : "http";
        return host != null && origin.equalsIgnoreCase(scheme + "://" + host);
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return (length != null && !length.trim().equals("0")) || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }
}
