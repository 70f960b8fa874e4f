package io.dutyroom.hub.patrols;

import io.dutyroom.adapters.profile.LocalizedText;
import java.util.List;
import java.util.Objects;

/**
 * A place on a patrol route where the guard scans a tag (巡查点) and looks at what is listed. Its id
 * is unique across all routes, so that a scan names its checkpoint and thereby its route.
 *
 * @param id       what scans name, e.g. {@code t1-roof}
 * @param name     shown to the desk and the guard; a plain name serves for both languages
 * @param building the building id from the estate registry, e.g. {@code t1}
 * @param floor    the floor as the estate registry names it, e.g. {@code "1"} or {@code roof}; null for
 *                 a place outside the buildings' floors
 * @param checks   what to look at there, e.g. {@code fire doors}, {@code lamp covers}
 */
public record Checkpoint(String id, LocalizedText name, String building, String floor, List<String> checks) {

    public Checkpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(building, "building");
        checks = checks == null ? List.of() : List.copyOf(checks);
    }
}
