package io.dutyroom.hub.workorders;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses who gets a work order: someone on duty with the skill the policy asks for, the one with
 * the fewest open orders, so that work spreads over the shift instead of piling on the first name.
 * Ties go to the engineer listed first in the roster, so the choice is the same every time. Pure:
 * who is on duty and who holds which orders are the caller's to say.
 */
public final class Dispatcher {

    /**
     * The engineer to dispatch an order of {@code policy} to; empty when nobody on duty has the skill
     * (the desk must then find someone).
     *
     * @param onDuty               who is on duty, in roster order
     * @param openOrdersByEngineer open orders per engineer id; an engineer not in the map has none
     */
    public Optional<Engineer> choose(WorkOrderPolicy policy, List<Engineer> onDuty, Map<String, Integer> openOrdersByEngineer) {
        Engineer chosen = null;
        int fewest = Integer.MAX_VALUE;
        for (Engineer engineer : onDuty) {
            if (!engineer.has(policy.skill())) {
                continue;
            }
            int open = openOrdersByEngineer.getOrDefault(engineer.id(), 0);
            if (open < fewest) { // strictly fewer: on a tie the earlier one in the roster stays
                chosen = engineer;
                fewest = open;
            }
        }
        return Optional.ofNullable(chosen);
    }

    /** The on-duty people told of an order of {@code policy}: those with any of its notify skills, in roster order. */
    public List<Engineer> toNotify(WorkOrderPolicy policy, List<Engineer> onDuty) {
        return onDuty.stream().filter(e -> policy.notifySkills().stream().anyMatch(e::has)).toList();
    }
}
