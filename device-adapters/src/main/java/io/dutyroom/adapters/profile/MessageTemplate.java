package io.dutyroom.adapters.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * An alarm message with {@code {name}} placeholders: a point or signal inserts its value, and
 * {@link #CONTEXT} names insert where the device is. Checked at profile load, rendered when an alarm
 * is raised.
 */
public final class MessageTemplate {
    /** Placeholders that every template may use besides the profile's points and signals; a point of the same name wins. */
    public static final Set<String> CONTEXT = Set.of("device", "site", "building", "floor");

    private MessageTemplate() {
    }

    /** The names between braces, in order of appearance. */
    public static List<String> placeholders(String template) {
        List<String> names = new ArrayList<>();
        int from = 0;
        while (true) {
            int open = template.indexOf('{', from);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (close < 0) {
                return names;
            }
            names.add(template.substring(open + 1, close).trim());
            from = close + 1;
        }
    }

    /** The template with each placeholder replaced by {@code values}; an unknown one by {@code ?}. */
    public static String render(String template, Function<String, String> values) {
        StringBuilder out = new StringBuilder(template.length() + 16);
        int from = 0;
        while (true) {
            int open = template.indexOf('{', from);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (close < 0) {
                return out.append(template, from, template.length()).toString();
            }
            out.append(template, from, open);
            String value = values.apply(template.substring(open + 1, close).trim());
            out.append(value == null ? "?" : value);
            from = close + 1;
        }
    }
}
