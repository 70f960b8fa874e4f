package io.dutyroom.hub.alarms;

import io.dutyroom.adapters.profile.LocalizedText;
import io.dutyroom.adapters.profile.RuleDefinition;
import io.dutyroom.adapters.profile.RulePriority;
import java.util.Optional;

/**
 * What an alarm needs to know of the rule behind it. Profile rules give most; the hub's own
 * connectivity alarms ({@link #COMM_LOSS}, {@link #GATEWAY_COMM_LOSS}) are declared here.
 */
public record AlarmRule(String id, LocalizedText name, RulePriority priority, boolean latch, LocalizedText message,
                        Optional<String> workOrder) {

    public static final String COMM_LOSS = "comm-loss";
    public static final String GATEWAY_COMM_LOSS = "gateway-comm-loss";

    public static AlarmRule of(RuleDefinition rule) {
        return new AlarmRule(rule.id(), rule.name(), rule.priority(), rule.latch(), rule.message(), rule.workOrder());
    }

    /** A device stopped talking. Fire equipment that goes quiet is a high-priority matter. */
    static AlarmRule commLoss(String category) {
        return new AlarmRule(COMM_LOSS, new LocalizedText("通讯中断", "Communication lost"),
                "fire".equals(category) ? RulePriority.HIGH : RulePriority.MEDIUM, false,
                new LocalizedText("{device} 通讯中断", "{device}: communication lost"), Optional.empty());
    }

    /** Every device behind one Modbus gateway stopped answering: one cause, one alarm. */
    static AlarmRule gatewayCommLoss() {
        return new AlarmRule(GATEWAY_COMM_LOSS, new LocalizedText("网关通讯中断", "Gateway communication lost"), RulePriority.HIGH, false,
                new LocalizedText("网关 {device} 通讯中断，其下设备均无数据", "Gateway {device}: communication lost, no device behind it answers"),
                Optional.empty());
    }
}
