package io.dutyroom.hub.workorders;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each step of a work order may take: one row of the maintenance time-limit table. Every
 * step has a limit, so an order can always tell whether it is late.
 *
 * @param respond     from issue until the engineer signs for the order
 * @param arrive      from issue until the engineer is on site
 * @param resolve     from signing until the fault is fixed
 * @param returnVisit from completion until the desk calls the resident back
 */
public record SlaLimits(Duration respond, Duration arrive, Duration resolve, Duration returnVisit) {

    public SlaLimits {
        Objects.requireNonNull(respond, "respond");
        Objects.requireNonNull(arrive, "arrive");
        Objects.requireNonNull(resolve, "resolve");
        Objects.requireNonNull(returnVisit, "returnVisit");
    }

    /** The limit of one step. */
    public Duration limit(SlaStep step) {
        return switch (step) {
            case RESPOND -> respond;
            case ARRIVE -> arrive;
            case RESOLVE -> resolve;
            case RETURN_VISIT -> returnVisit;
        };
    }

    /** These limits with one step changed: how a site's own time-limit table overrides a default. */
    public SlaLimits with(SlaStep step, Duration limit) {
        return new SlaLimits(
                step == SlaStep.RESPOND ? limit : respond,
                step == SlaStep.ARRIVE ? limit : arrive,
                step == SlaStep.RESOLVE ? limit : resolve,
                step == SlaStep.RETURN_VISIT ? limit : returnVisit);
    }
}
