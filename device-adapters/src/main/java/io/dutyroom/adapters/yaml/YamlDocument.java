package io.dutyroom.adapters.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML file read into a tree that remembers the line of every node, so that a problem found after
 * parsing (a duplicate id, a value out of range) can still be reported as {@code file:line}.
 * Paths are JSON Pointers, e.g. {@code /sites/0/buildings/1/id}.
 */
public final class YamlDocument {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private final String source;
    private final JsonNode root;
    private final Map<String, Integer> lines;

    private YamlDocument(String source, JsonNode root, Map<String, Integer> lines) {
        this.source = source;
        this.root = root;
        this.lines = lines;
    }

    /** Reads YAML; a syntax error becomes an {@link InvalidConfigException} naming the file and line. */
    public static YamlDocument read(String source, byte[] content) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = YAML.createParser(content)) {
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY && token != JsonToken.FIELD_NAME) {
                    lines.putIfAbsent(p.getParsingContext().pathAsPointer().toString(), p.currentTokenLocation().getLineNr());
                }
            }
            JsonNode root = MAPPER.readTree(content);
            return new YamlDocument(source, root == null ? MAPPER.createObjectNode() : root, lines);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() != null ? e.getLocation().getLineNr() : 0;
            throw new InvalidConfigException(source + ":" + line + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidConfigException(source + ": cannot be read: " + e.getMessage());
        }
    }

    public static YamlDocument read(String source, InputStream in) {
        try (in) {
            return read(source, in.readAllBytes());
        } catch (IOException e) {
            throw new InvalidConfigException(source + ": cannot be read: " + e.getMessage());
        }
    }

    public String source() {
        return source;
    }

    public JsonNode root() {
        return root;
    }

    /** The line of the node at {@code pointer}, or of its nearest ancestor that has one; 0 if none. */
    public int lineOf(String pointer) {
        JsonPointer p = JsonPointer.compile(pointer.isEmpty() || pointer.startsWith("/") ? pointer : "/" + pointer);
        while (p != null) {
            Integer line = lines.get(p.toString());
            if (line != null) {
                return line;
            }
            p = p.head();
        }
        return 0;
    }

    /** {@code file:line} of the node at {@code pointer}. */
    public String where(String pointer) {
        return source + ":" + lineOf(pointer);
    }

    /**
     * Binds the node at {@code pointer} to {@code type}; a type error (unknown key, wrong type) is an
     * {@link InvalidConfigException} naming the file, line and key.
     */
    public <T> T bind(String pointer, Class<T> type) {
        JsonNode node = pointer.isEmpty() ? root : root.at(pointer);
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonMappingException e) {
            StringBuilder path = new StringBuilder(pointer);
            for (JsonMappingException.Reference ref : e.getPath()) {
                path.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
            }
            String key = path.length() == 0 ? "(top level)" : path.substring(1).replace('/', '.');
            throw new InvalidConfigException(where(path.toString()) + ": " + key + ": " + describe(e));
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(where(pointer) + ": " + e.getOriginalMessage());
        }
    }

    private static String describe(JsonMappingException e) {
        String message = e.getOriginalMessage();
        if (message.startsWith("Unrecognized field")) {
            int end = message.indexOf('"', message.indexOf('"') + 1);
            return "unknown key " + message.substring(message.indexOf('"'), end + 1);
        }
        int cut = message.indexOf(" at [Source");
        return cut > 0 ? message.substring(0, cut) : message;
    }
}
