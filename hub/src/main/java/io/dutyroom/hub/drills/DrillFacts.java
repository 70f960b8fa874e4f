package io.dutyroom.hub.drills;

import io.dutyroom.hub.workorders.SlaLimits;
import io.dutyroom.hub.workorders.SlaStep;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the duty room did in one drill, as stored by the alarm and work-order services: the drill's
 * alarms and its work orders, each oldest first. The score is computed from these and nothing else,
 * so a restarted hub scores a drill exactly as the one that started it would have.
 */
public record DrillFacts(List<AlarmFact> alarms, List<OrderFact> orders) {
    public static final DrillFacts NONE = new DrillFacts(List.of(), List.of());

    public DrillFacts {
        alarms = List.copyOf(alarms);
        orders = List.copyOf(orders);
    }

    /**
     * One of the drill's alarms: when the duty room was first shown it, and when it was acknowledged.
     *
     * @param shownAt its first {@code alarm.raised} (or, for one raised while suppressed by design or
     *                out of service, when it came into view); empty for an alarm never shown, which
     *                does not start the drill's clock
     */
    public record AlarmFact(String id, Optional<Instant> shownAt, Optional<Instant> acknowledgedAt) {
    }

    /**
     * One of the drill's work orders: its steps' times, the limits it was opened under (the policy's,
     * with the site's own time-limit table over them) and when each of its time-limit clocks is due.
     *
     * @param dispatchedAt its first dispatch to an engineer, from its {@code workorder.dispatched} event
     * @param due          the due time of each clock that has started ({@code SlaClocks}): respond and
     *                     arrive from the order's creation, resolve from its acceptance
     */
    public record OrderFact(String id, String policy, Instant createdAt, Optional<Instant> dispatchedAt, Optional<Instant> acceptedAt,
                            Optional<Instant> onSiteAt, Optional<Instant> resolvedAt, SlaLimits limits, Map<SlaStep, Instant> due) {
        public OrderFact {
            due = Map.copyOf(due);
        }
    }
}
