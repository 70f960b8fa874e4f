package io.dutyroom.hub.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.dutyroom.adapters.profile.LocalizedText;
import io.dutyroom.adapters.yaml.Problems;
import io.dutyroom.adapters.yaml.YamlDocument;

/** Names in the hub's YAML files (rosters, patrol routes), read one way. */
public final class YamlNames {
    private YamlNames() {
    }

    /**
     * A name given as {@code {zh: …, en: …}} or as plain text (a person's or a place's name reads the
     * same in both languages); {@code fallback} (an id) when absent. A language left out takes the
     * other's text. A malformed name is a problem at {@code at}.
     */
    public static LocalizedText read(YamlDocument doc, String at, JsonNode node, String fallback, Problems problems) {
        if (node == null || node.isNull()) {
            return new LocalizedText(fallback, fallback);
        }
        if (node.isTextual()) {
            return new LocalizedText(node.asText(), node.asText());
        }
        if (!node.isObject()) {
            problems.at(doc, at, "a name is text or {zh: …, en: …}");
            return new LocalizedText(fallback, fallback);
        }
        LocalizedText[] bound = new LocalizedText[1];
        problems.collect(() -> bound[0] = doc.bind(at, LocalizedText.class));
        LocalizedText text = bound[0];
        if (text == null || (blank(text.zh()) && blank(text.en()))) {
            if (text != null) {
                problems.at(doc, at, "a name needs zh or en");
            }
            return new LocalizedText(fallback, fallback);
        }
        return new LocalizedText(blank(text.zh()) ? text.en() : text.zh(), blank(text.en()) ? text.zh() : text.en());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
