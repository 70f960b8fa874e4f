package io.dutyroom.hub.workorders;

import io.dutyroom.adapters.profile.LocalizedText;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Someone a work order can be dispatched to: an engineer of the estate, or an outside contractor's
 * duty phone. Skills are what a policy asks for, so that an order reaches someone who can fix it.
 *
 * @param id           what the roster and the orders call the engineer, e.g. {@code wang.wei}
 * @param name         the name shown to the desk; a plain name serves for both languages
 * @param skills       e.g. {@code electrician}, {@code plumber}, {@code elevator-contractor}
 * @param phone        how the desk reaches them; null when the roster gives none
 * @param alwaysOnCall on duty in every shift, like a contractor's 24-hour duty phone
 */
public record Engineer(String id, LocalizedText name, Set<String> skills, String phone, boolean alwaysOnCall) {

    public Engineer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        skills = Collections.unmodifiableSet(new LinkedHashSet<>(skills));
    }

    public boolean has(String skill) {
        return skills.contains(skill);
    }
}
