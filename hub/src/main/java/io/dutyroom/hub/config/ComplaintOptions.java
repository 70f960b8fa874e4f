package io.dutyroom.hub.config;

import io.dutyroom.hub.complaints.ComplaintLimits;
import java.time.Duration;

/**
 * How the complaint register is run.
 *
 * @param checkEvery how often the complaints' step limits are checked
 * @param limits     how long each step may take: {@code complaints.assignWithin},
 *                   {@code complaints.resolveWithin}, {@code complaints.returnVisitWithin}
 */
public record ComplaintOptions(Duration checkEvery, ComplaintLimits limits) {

    static ComplaintOptions from(ConfigSource source) {
        ComplaintLimits d = ComplaintLimits.DEFAULTS;
        return new ComplaintOptions(source.duration("complaints.checkEvery", Duration.ofSeconds(30), Duration.ofMillis(100)),
                new ComplaintLimits(source.duration("complaints.assignWithin", d.assign(), Duration.ofSeconds(1)),
                        source.duration("complaints.resolveWithin", d.resolve(), Duration.ofSeconds(1)),
                        source.duration("complaints.returnVisitWithin", d.returnVisit(), Duration.ofSeconds(1))));
    }
}
