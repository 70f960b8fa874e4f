package io.dutyroom.hub.workorders;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * One engineering work order (工单) as read from its row inside a transaction: the service changes it
 * there and writes it back, so it is never shared between threads. {@link #toJson} is what the API
 * shows.
 */
public final class WorkOrder {
    /** Where an order came from. */
    public enum Origin {
        ALARM, DESK, COMPLAINT, PATROL;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Optional<Origin> ofCode(String code) {
            for (Origin o : values()) {
                if (o.code().equals(code)) {
                    return Optional.of(o);
                }
            }
            return Optional.empty();
        }
    }

    String id;
    String site;
    /** The equipment (device id) or place the order is about. */
    String source;
    Origin origin;
    String policy;
    WorkOrderCategory category;
    String priority;
    /** The skill it is dispatched to, and its time limits: the terms it was opened under. */
    String skill;
    SlaLimits limits;
    /** The fault, for recurrence: the alarm rule, or what the desk recorded. */
    String fault;
    JsonObject summary;
    String building;
    String floor;
    WorkOrderState state;
    String assignee;
    String alarmId;
    JsonArray linkedAlarms = new JsonArray();
    String drill;
    Instant createdAt;
    String createdBy;
    Instant updatedAt;
    Instant acceptedAt;
    Instant onSiteAt;
    Instant resolvedAt;
    Instant verifiedAt;
    Instant closedAt;
    /** When the hub said nobody on duty has the skill; null while that has not happened. */
    Instant undispatchedAt;
    String resolution;
    Integer rating;
    String cancelReason;
    int reopenCount;
    int recurrence;
    boolean outOfService;
    SlaClocks sla = new SlaClocks();
    JsonArray attachments = new JsonArray();
    long version;

    public String id() {
        return id;
    }

    public String site() {
        return site;
    }

    public String source() {
        return source;
    }

    public WorkOrderState state() {
        return state;
    }

    public Optional<String> assignee() {
        return Optional.ofNullable(assignee);
    }

    public String policy() {
        return policy;
    }

    public Optional<String> drill() {
        return Optional.ofNullable(drill);
    }

    public boolean recurring() {
        return recurrence >= WorkOrderService.RECURRENCE_FLAG;
    }

    public JsonObject toJson(Instant now) {
        return new JsonObject()
                .put("id", id)
                .put("site", site)
                .put("source", source)
                .put("origin", origin.code())
                .put("policy", policy)
                .put("category", category.code())
                .put("priority", priority)
                .put("fault", fault)
                .put("summary", summary)
                .put("building", building)
                .put("floor", floor)
                .put("state", state.code())
                .put("assignee", assignee)
                .put("alarmId", alarmId)
                .put("linkedAlarms", linkedAlarms)
                .put("drill", drill)
                .put("createdAt", createdAt.toString())
                .put("createdBy", createdBy)
                .put("updatedAt", text(updatedAt))
                .put("acceptedAt", text(acceptedAt))
                .put("onSiteAt", text(onSiteAt))
                .put("resolvedAt", text(resolvedAt))
                .put("verifiedAt", text(verifiedAt))
                .put("closedAt", text(closedAt))
                .put("resolution", resolution)
                .put("rating", rating)
                .put("cancelReason", cancelReason)
                .put("reopenCount", reopenCount)
                .put("recurrence", recurrence)
                .put("recurring", recurring())
                .put("outOfService", outOfService)
                .put("sla", sla.toJson(state.open() ? Optional.of(now) : Optional.of(closedOrNow(now))))
                .put("attachments", attachments);
    }

    private Instant closedOrNow(Instant now) {
        return closedAt != null ? closedAt : now;
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
