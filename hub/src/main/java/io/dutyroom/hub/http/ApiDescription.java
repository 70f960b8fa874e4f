package io.dutyroom.hub.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The HTTP API described as an OpenAPI 3 document ({@code openapi/dutyroom-api.yaml} in the jar),
 * served as written at {@code /openapi.yaml}, as JSON at {@code /openapi.json}, and browsable at
 * {@code /api.html}. Read once at start-up, off the event loop. {@code OpenApiIT} holds it to the
 * routes the hub really mounts.
 */
public final class ApiDescription {
    static final String RESOURCE = "openapi/dutyroom-api.yaml";

    private final String yaml;
    private final String json;
    private final JsonNode document;

    private ApiDescription(String yaml, JsonNode document) throws IOException {
        this.yaml = yaml;
        this.document = document;
        this.json = new ObjectMapper().writeValueAsString(document);
    }

    /** Reads the document from the classpath; a jar without it is broken, and says so. */
    public static ApiDescription load() {
        try (InputStream in = ApiDescription.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the hub jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new ApiDescription(text, new YAMLMapper().readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The parsed document. */
    public JsonNode document() {
        return document;
    }

    void mount(Router router) {
        router.get("/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(yaml));
        router.get("/openapi.json").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(json));
    }
}
