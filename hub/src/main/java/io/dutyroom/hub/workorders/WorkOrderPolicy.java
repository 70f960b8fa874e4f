package io.dutyroom.hub.workorders;

import io.dutyroom.adapters.profile.LocalizedText;
import io.dutyroom.adapters.profile.RulePriority;
import java.util.List;
import java.util.Objects;

/**
 * How one kind of work order is handled: who is dispatched, who else hears of it, how long each step
 * may take and whether the equipment's alarms stand down meanwhile. Equipment-profile rules name a
 * policy by id ({@code workOrder: elevator-entrapment}); the desk names one for manual orders.
 *
 * @param id           what rules and the desk call the policy, e.g. {@code elevator-entrapment}
 * @param name         what the duty room calls this kind of order, zh-CN and en
 * @param category     the trade it belongs to, for reports
 * @param priority     how urgent the order is
 * @param skill        the skill of the engineer dispatched, e.g. {@code elevator-contractor}
 * @param notifySkills skills of on-duty people who are told as well ({@code notify:} in YAML); may
 *                     be empty. Not {@code notify}: a record cannot have a component of that name,
 *                     since it would clash with {@link Object#notify()}
 * @param limits       the time limit of each step
 * @param outOfService while the order is open the equipment's alarms are out of service (it is under
 *                     maintenance, so its alarms say nothing new)
 */
public record WorkOrderPolicy(String id, LocalizedText name, WorkOrderCategory category, RulePriority priority,
                              String skill, List<String> notifySkills, SlaLimits limits, boolean outOfService) {

    public WorkOrderPolicy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(skill, "skill");
        Objects.requireNonNull(limits, "limits");
        notifySkills = notifySkills == null ? List.of() : List.copyOf(notifySkills);
    }

    /** This policy with other limits: a site's own time-limit table. */
    public WorkOrderPolicy withLimits(SlaLimits other) {
        return new WorkOrderPolicy(id, name, category, priority, skill, notifySkills, other, outOfService);
    }
}
