package io.dutyroom.hub.patrols;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a guard recorded at a checkpoint. A fault is something the guard cannot fix, which goes on to
 * the supervisor or the right department.
 *
 * @param condition {@code ok}, {@code attention} (worth watching) or {@code fault} (needs a repair)
 * @param text      what the guard wrote; null when nothing
 * @param photos    links to photos taken there
 */
public record Finding(String condition, String text, List<String> photos) {
    public static final String OK = "ok";
    public static final String ATTENTION = "attention";
    public static final String FAULT = "fault";
    private static final Set<String> CONDITIONS = Set.of(OK, ATTENTION, FAULT);

    public Finding {
        Objects.requireNonNull(condition, "condition");
        if (!CONDITIONS.contains(condition)) {
            throw new IllegalArgumentException("unknown condition '" + condition + "'; use ok, attention or fault");
        }
        photos = photos == null ? List.of() : List.copyOf(photos);
    }

    public boolean fault() {
        return FAULT.equals(condition);
    }
}
