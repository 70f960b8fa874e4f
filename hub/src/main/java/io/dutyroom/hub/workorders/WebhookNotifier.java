package io.dutyroom.hub.workorders;

import io.dutyroom.hub.outbound.OutboundHttp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each notification as JSON to one URL, asynchronously, with a time-out. At most
 * {@value #MAX_IN_FLIGHT} posts are under way; past that a notification is dropped and counted
 * rather than queued without bound: the timeline still has it. A receiver that answers other than
 * 2xx is logged and counted, not retried: an escalation repeated minutes late helps nobody.
 */
public final class WebhookNotifier implements Notifier {
    static final int MAX_IN_FLIGHT = 64;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);

    private final URI url;
    private final OutboundHttp http;
    private final HttpClient client;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final Counter sent;
    private final Counter failed;
    private final Counter dropped;

    public WebhookNotifier(URI url, MeterRegistry metrics) {
        this.url = url;
        this.http = new OutboundHttp("dutyroom-webhook", Duration.ofSeconds(5));
        this.client = http.client();
        this.sent = Counter.builder("dutyroom.notifications.sent").description("notifications the webhook accepted").register(metrics);
        this.failed = Counter.builder("dutyroom.notifications.failed").description("notifications the webhook refused or never answered").register(metrics);
        this.dropped = Counter.builder("dutyroom.notifications.dropped").description("notifications dropped: too many posts under way").register(metrics);
    }

    @Override
    public void send(JsonObject notification) {
        if (!inFlight.tryAcquire()) {
            dropped.increment();
            LOG.warn("webhook: {} posts under way; {} of {} dropped", MAX_IN_FLIGHT, notification.getString("type"),
                    notification.getJsonObject("workOrder", new JsonObject()).getString("id"));
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(notification.encode())).build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            inFlight.release();
            if (error == null && response.statusCode() / 100 == 2) {
                sent.increment();
            } else {
                failed.increment();
                LOG.warn("webhook: {} not delivered to {}: {}", notification.getString("type"), url,
                        error != null ? error.toString() : "HTTP " + response.statusCode());
            }
        });
    }

    @Override
    public void close() {
        http.close();
    }
}
