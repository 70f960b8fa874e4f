package io.dutyroom.hub.estate;

import io.dutyroom.adapters.model.SiteId;
import io.dutyroom.adapters.profile.LocalizedText;
import java.util.List;

/** One managed property and its buildings. */
public record Site(SiteId id, LocalizedText name, List<Building> buildings) {

    /** A building of a site, with the floors a patrol or a lift can be on. */
    public record Building(String id, LocalizedText name, List<String> floors) {
    }
}
