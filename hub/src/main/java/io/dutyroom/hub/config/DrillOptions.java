package io.dutyroom.hub.config;

import java.time.Duration;

/**
 * How drills are watched and scored.
 *
 * @param acknowledgeWithin the limit on acknowledging a drill's alarm: no standard gives one that we
 *                          could read (domain.md), so it is a setting; the default is the 3-minute
 *                          response tracked as a KPI for lift entrapments
 * @param abandonAfter      a drill not finished this long after its start is abandoned, with its partial score
 * @param checkEvery        how often running drills are looked at, besides whenever one of their events arrives
 */
public record DrillOptions(Duration acknowledgeWithin, Duration abandonAfter, Duration checkEvery) {

    static DrillOptions from(ConfigSource source) {
        return new DrillOptions(source.duration("drills.acknowledgeWithin", Duration.ofMinutes(3), Duration.ofSeconds(1)),
                source.duration("drills.abandonAfter", Duration.ofHours(2), Duration.ofSeconds(1)),
                source.duration("drills.checkEvery", Duration.ofSeconds(5), Duration.ofMillis(100)));
    }
}
