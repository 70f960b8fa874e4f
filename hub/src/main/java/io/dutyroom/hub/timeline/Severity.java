package io.dutyroom.hub.timeline;

import java.util.Locale;

/** How much a timeline event asks of the duty room. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
