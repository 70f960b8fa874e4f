package io.dutyroom.hub.timeline;

import java.util.Optional;

/**
 * Where an event's subject is: the building and floor of a registered device. The timeline adds
 * them to events that do not say, so every event of a device can be found by its place.
 */
@FunctionalInterface
public interface Placement {
    Placement NONE = subject -> Optional.empty();

    Optional<Place> of(String subject);

    /** @param floor null when the registry gives none */
    record Place(String building, String floor) {
    }
}
