package io.dutyroom.hub.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers that tell the browser what the dashboard may do, on every response: scripts, styles,
 * images and connections only from the hub itself (so an injected script tag or a stranger's
 * library cannot run), never framed by another site (no click-jacking of the acknowledge button),
 * and no guessing of content types.
 */
final class SecurityHeaders {
    /**
     * The dashboard is all files of its own: ES modules, one style sheet of its own and uPlot's
     * from its WebJar, and the API and live feed on the same origin. uPlot sizes its canvas through
     * the CSSOM, which {@code style-src} does not govern; canvases export as {@code data:} images.
     */
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private SecurityHeaders() {
    }

    /** First on the router, so every answer carries them, errors included. */
    static void mount(Router router) {
        router.route().handler(SecurityHeaders::add);
    }

    private static void add(RoutingContext ctx) {
        ctx.response().headers()
                .set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .set("X-Frame-Options", "DENY")
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer");
        ctx.next();
    }
}
