package io.dutyroom.hub.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What a stranger on the network, or a page on another web site, can send the hub: oversized
 * bodies, forms and plain text, requests from a foreign page; and the headers that keep the
 * dashboard from being framed or fed foreign scripts.
 */
class HttpHardeningIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void anOversizedLogInIsRefusedWith413AndOnlyCounted() throws Exception {
        try (HubFixture hub = new HubFixture().with("DUTYROOM_AUTH_ENABLED", "true").start()) {
            String huge = new JsonObject().put("username", "admin").put("password", "x".repeat(64 * 1024)).encode();
            ListAppender<ILoggingEvent> log = new ListAppender<>();
            Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            log.start();
            root.addAppender(log);
            try {
                for (int i = 0; i < 20; i++) {
                    HttpResponse<String> r = send(hub, "POST", "/api/v1/session", huge, Map.of("Content-Type", "application/json"));
                    assertThat(r.statusCode()).isEqualTo(413);
                    assertThat(error(r)).isEqualTo("body_too_large");
                }
            } finally {
                root.detachAppender(log);
            }
            assertThat(log.list).as("a stranger's mistakes are not the hub's errors, and cannot fill its log")
                    .noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
        }
    }

    @Test
    void aChangeMustBeJsonAndComeFromTheHubsOwnPages() throws Exception {
        try (HubFixture hub = new HubFixture().start()) { // log-in off: the body names the user
            String order = new JsonObject().put("user", "desk-1").put("site", "estate-a").put("source", "B2 car park ramp")
                    .put("summary", "坡道排水沟堵塞 / ramp drain blocked").encode();

            // a form or plain text, which any page may post across sites without asking
            HttpResponse<String> plain = send(hub, "POST", "/api/v1/work-orders", order, Map.of("Content-Type", "text/plain"));
            assertThat(plain.statusCode()).isEqualTo(415);
            assertThat(error(plain)).isEqualTo("unsupported_media_type");
            HttpResponse<String> form = send(hub, "POST", "/api/v1/work-orders", "user=desk-1&title=x",
                    Map.of("Content-Type", "application/x-www-form-urlencoded"));
            assertThat(form.statusCode()).isEqualTo(415);

            // JSON, but from another site's page
            HttpResponse<String> foreign = send(hub, "POST", "/api/v1/work-orders", order,
                    Map.of("Content-Type", "application/json", "Origin", "https://evil.example"));
            assertThat(foreign.statusCode()).isEqualTo(403);
            assertThat(error(foreign)).isEqualTo("cross_origin");
            assertThat(hub.count("SELECT count(*) FROM work_order")).as("nothing refused was done").isZero();

            // the hub's own page, and a script (no Origin), are served
            String own = "http://" + URI.create(hub.hub().httpUrl()).getAuthority();
            HttpResponse<String> fromOwnPage = send(hub, "POST", "/api/v1/work-orders", order,
                    Map.of("Content-Type", "application/json; charset=utf-8", "Origin", own));
            assertThat(fromOwnPage.statusCode()).as(fromOwnPage.body()).isEqualTo(201);
            HttpResponse<String> fromScript = send(hub, "POST", "/api/v1/work-orders", order, Map.of("Content-Type", "application/json"));
            assertThat(fromScript.statusCode()).as(fromScript.body()).isEqualTo(201);
            assertThat(hub.count("SELECT count(*) FROM work_order")).isEqualTo(2);

            // reading needs neither
            assertThat(send(hub, "GET", "/api/v1/work-orders", null, Map.of("Origin", "https://evil.example")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void everyAnswerTellsTheBrowserWhatThePageMayLoadAndThatItMayNotBeFramed() throws Exception {
        try (HubFixture hub = new HubFixture().start()) {
            for (String path : new String[] {"/", "/index.html", "/api/v1/alarms", "/api/v1/no-such-thing", "/health"}) {
                HttpResponse<String> r = send(hub, "GET", path, null, Map.of());
                assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp -> assertThat(csp)
                        .contains("default-src 'self'").contains("script-src 'self'").contains("frame-ancestors 'none'")
                        .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval"));
                assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
                assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            }
        }
    }

    /** Under a POSIX locale (CI's, a service's) the JVM's default charset is ASCII; the screen's Chinese must not depend on it. */
    @Test
    void theScreenIsServedAsUtf8WhateverTheLocale() throws Exception {
        try (HubFixture hub = new HubFixture().start()) {
            for (String path : new String[] {"/", "/dashboard.js", "/i18n.js", "/dashboard.css"}) {
                HttpResponse<String> r = send(hub, "GET", path, null, Map.of());
                assertThat(r.statusCode()).as(path).isEqualTo(200);
                assertThat(r.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(type -> assertThat(type).containsIgnoringCase("charset=utf-8"));
            }
            assertThat(send(hub, "GET", "/", null, Map.of()).body()).as("decoded as UTF-8 here too").contains("值班");
        }
    }

    private static String error(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonObject("error").getString("code");
    }

    private static HttpResponse<String> send(HubFixture hub, String method, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.hub().httpUrl() + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
