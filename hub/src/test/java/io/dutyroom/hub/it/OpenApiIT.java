package io.dutyroom.hub.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The API description cannot drift from the API: every operation the hub mounts is described, and
 * every operation described is mounted. And it is served, as YAML, as JSON, and as a page a person
 * reads in a browser.
 */
class OpenApiIT {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @Test
    void theDocumentDescribesExactlyTheOperationsTheHubMounts() throws Exception {
        try (HubFixture hub = new HubFixture().with("DUTYROOM_AUTH_ENABLED", "true").start()) {
            HttpResponse<String> yaml = hub.get("/openapi.yaml");
            assertThat(yaml.statusCode()).isEqualTo(200);
            assertThat(yaml.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
            JsonNode document = new YAMLMapper().readTree(yaml.body());
            assertThat(document.path("openapi").asText()).startsWith("3.");

            List<String> described = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                    String method = methods.next();
                    if (METHODS.contains(method)) {
                        described.add(method.toUpperCase() + " " + path.getKey());
                        assertThat(path.getValue().path(method).path("operationId").asText()).as(method + " " + path.getKey()).isNotBlank();
                        assertThat(path.getValue().path(method).path("responses").size()).as(method + " " + path.getKey()).isPositive();
                    }
                }
            }
            assertThat(described).as("described in openapi/dutyroom-api.yaml, and mounted")
                    .containsExactlyInAnyOrderElementsOf(hub.hub().httpOperations());

            // the same document as JSON, for tools that want it
            HttpResponse<String> json = hub.get("/openapi.json");
            assertThat(json.statusCode()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(json.body())).isEqualTo(document);
        }
    }

    @Test
    void aPersonReadsTheApiInTheBrowser() throws Exception {
        try (HubFixture hub = new HubFixture().with("DUTYROOM_AUTH_ENABLED", "true").start(); BrowserFixture browser = BrowserFixture.start();
             BrowserContext context = browser.browser().newContext()) {
            Page page = context.newPage();
            List<String> policyViolations = new ArrayList<>();
            page.onConsoleMessage(m -> {
                if (m.text().contains("Content Security Policy")) {
                    policyViolations.add(m.text());
                }
            });
            page.navigate(hub.hub().httpUrl() + "/api.html");
            PlaywrightAssertions.assertThat(page.locator("#reference")).not().hasAttribute("aria-busy", "true");
            assertThat(page.locator("[role=alert]").count()).as(page.locator("#reference").innerText()).isZero();
            PlaywrightAssertions.assertThat(page.locator("details.operation").first()).isVisible();
            assertThat(page.locator("details.operation").count()).isEqualTo(hub.hub().httpOperations().size());
            page.locator("details.operation", new Page.LocatorOptions().setHasText("/api/v1/alarms/{id}/acknowledge")).first().locator("summary").click();
            PlaywrightAssertions.assertThat(page.locator("details.operation[open]")).containsText("Answers");
            assertThat(policyViolations).isEmpty();
        }
    }
}
