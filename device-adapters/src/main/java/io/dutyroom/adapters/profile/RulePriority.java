package io.dutyroom.adapters.profile;

import java.util.Locale;

/**
 * How urgently the duty room must act on a rule's alarm, after ISA-18.2: an urgent alarm (a fire, a
 * person trapped) asks for action now, a low one can wait for the next round.
 */
public enum RulePriority {
    URGENT, HIGH, MEDIUM, LOW;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code urgent}, {@code high}, {@code medium} or {@code low}; empty for anything else. */
    public static java.util.Optional<RulePriority> parse(String text) {
        for (RulePriority p : values()) {
            if (p.code().equals(text)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }
}
