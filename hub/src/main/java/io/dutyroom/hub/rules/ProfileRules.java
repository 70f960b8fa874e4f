package io.dutyroom.hub.rules;

import io.dutyroom.adapters.profile.EquipmentProfile;
import io.dutyroom.adapters.profile.SignalDefinition;
import java.util.List;

/** The compiled rules of one equipment profile, shared by every device of that profile. */
public record ProfileRules(EquipmentProfile profile, List<CompiledRule> rules, List<SignalDefinition> signals) {

    public ProfileRules {
        rules = List.copyOf(rules);
        signals = List.copyOf(signals);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }
}
