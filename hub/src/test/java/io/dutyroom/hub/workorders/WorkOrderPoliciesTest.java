package io.dutyroom.hub.workorders;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dutyroom.adapters.profile.EquipmentProfile;
import io.dutyroom.adapters.profile.ProfileCatalogue;
import io.dutyroom.adapters.profile.RuleDefinition;
import io.dutyroom.adapters.profile.RulePriority;
import io.dutyroom.adapters.yaml.InvalidConfigException;
import io.dutyroom.adapters.yaml.YamlDocument;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkOrderPoliciesTest {

    private static WorkOrderPolicies load(String yaml) {
        return WorkOrderPolicies.load(YamlDocument.read("policies.yaml", yaml.getBytes(UTF_8)));
    }

    private static InvalidConfigException problemsOf(String yaml) {
        try {
            load(yaml);
        } catch (InvalidConfigException e) {
            return e;
        }
        throw new AssertionError("expected the file to be rejected");
    }

    @Test
    void theShippedPoliciesHoldTheDutyRoomsFigures() {
        WorkOrderPolicies shipped = WorkOrderPolicies.shipped();

        assertThat(shipped.all()).extracting(WorkOrderPolicy::id).containsExactly(
                "elevator-entrapment", "elevator-fault", "water-pump-fault", "drainage-fault", "power-fault",
                "fire-alarm-confirmation", "fire-system-fault", "repair", "complaint-repair", "patrol-finding");

        WorkOrderPolicy entrapment = shipped.find("elevator-entrapment").orElseThrow();
        assertThat(entrapment.category()).isEqualTo(WorkOrderCategory.ELEVATOR);
        assertThat(entrapment.priority()).isEqualTo(RulePriority.URGENT);
        assertThat(entrapment.skill()).isEqualTo("elevator-contractor");
        assertThat(entrapment.outOfService()).isTrue();
        assertThat(entrapment.limits()).isEqualTo(new SlaLimits(
                Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(1)));
        assertThat(entrapment.name().zh()).isEqualTo("电梯困人救援");

        WorkOrderPolicy fireAlarm = shipped.find("fire-alarm-confirmation").orElseThrow();
        assertThat(fireAlarm.limits().limit(SlaStep.RESPOND)).isEqualTo(Duration.ofMinutes(3));
        assertThat(fireAlarm.outOfService()).isFalse();

        assertThat(shipped.find("repair").orElseThrow().limits().returnVisit()).isEqualTo(Duration.ofHours(1));
        assertThat(shipped.find("repair").orElseThrow().category()).isEqualTo(WorkOrderCategory.OTHER);
        assertThat(shipped.find("complaint-repair").orElseThrow().limits().returnVisit()).isEqualTo(Duration.ofDays(3));
        assertThat(shipped.find("patrol-finding").orElseThrow().category()).isEqualTo(WorkOrderCategory.CIVIL);
        assertThat(shipped.find("no-such-policy")).isEmpty();
    }

    @Test
    void everyPolicyTheShippedProfilesNameExists() {
        Map<String, String> references = new LinkedHashMap<>();
        for (EquipmentProfile profile : ProfileCatalogue.builtIn().all()) {
            for (RuleDefinition rule : profile.rules()) {
                rule.workOrder().ifPresent(id -> references.putIfAbsent(id, rule.origin()));
            }
        }

        assertThat(references).containsOnlyKeys("elevator-entrapment", "elevator-fault", "water-pump-fault", "drainage-fault",
                "power-fault", "fire-alarm-confirmation", "fire-system-fault");
        assertThatCode(() -> WorkOrderPolicies.shipped().checkReferences(references)).doesNotThrowAnyException();
    }

    @Test
    void aSiteSetsItsOwnLimits() {
        WorkOrderPolicies policies = load("""
                sites:
                  riverside:
                    fire-alarm-confirmation: {respond: 2m}
                    elevator-entrapment: {arrive: 1h, returnVisit: 30m}
                """);
        WorkOrderPolicy fireAlarm = policies.find("fire-alarm-confirmation").orElseThrow();
        WorkOrderPolicy entrapment = policies.find("elevator-entrapment").orElseThrow();

        WorkOrderPolicy atRiverside = policies.forSite("riverside", fireAlarm);
        assertThat(atRiverside.limits().respond()).isEqualTo(Duration.ofMinutes(2));
        assertThat(atRiverside.limits().arrive()).isEqualTo(fireAlarm.limits().arrive());
        assertThat(atRiverside.skill()).isEqualTo(fireAlarm.skill());
        assertThat(policies.forSite("riverside", entrapment).limits()).isEqualTo(new SlaLimits(
                Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(2), Duration.ofMinutes(30)));
        assertThat(policies.forSite("hilltop", fireAlarm)).isEqualTo(fireAlarm);
        assertThat(policies.forSite("riverside", policies.find("repair").orElseThrow()))
                .isEqualTo(policies.find("repair").orElseThrow());
    }

    @Test
    void anOperatorsFileAddsPoliciesAndReplacesShippedOnesWhole() {
        WorkOrderPolicies policies = load("""
                policies:
                  - id: repair
                    name: {zh: 报修, en: Repair}
                    category: other
                    priority: low
                    skill: handyman
                    limits: {respond: 30m, arrive: 2h, resolve: 2d, returnVisit: 1h}
                  - id: hvac-fault
                    name: {zh: 空调故障, en: HVAC fault}
                    category: other
                    priority: medium
                    skill: hvac
                    notify: [electrician]
                    limits: {respond: 10m, arrive: 1h, resolve: 8h, returnVisit: 1h}
                    outOfService: true
                sites:
                  riverside:
                    hvac-fault: {resolve: 4h}
                """);

        assertThat(policies.all()).hasSize(11);
        assertThat(policies.all()).extracting(WorkOrderPolicy::id).endsWith("patrol-finding", "hvac-fault");
        WorkOrderPolicy repair = policies.find("repair").orElseThrow();
        assertThat(repair.skill()).isEqualTo("handyman");
        assertThat(repair.priority()).isEqualTo(RulePriority.LOW);
        assertThat(repair.limits().resolve()).isEqualTo(Duration.ofDays(2));
        WorkOrderPolicy hvac = policies.find("hvac-fault").orElseThrow();
        assertThat(hvac.notifySkills()).containsExactly("electrician");
        assertThat(hvac.outOfService()).isTrue();
        assertThat(policies.forSite("riverside", hvac).limits().resolve()).isEqualTo(Duration.ofHours(4));
        // the shipped set itself is untouched
        assertThat(WorkOrderPolicies.shipped().find("repair").orElseThrow().skill()).isEqualTo("general");
        assertThat(WorkOrderPolicies.shipped().find("hvac-fault")).isEmpty();
    }

    @Test
    void everyProblemIsReportedWithItsFileAndLine() {
        InvalidConfigException e = problemsOf("""
                policies:
                  - id: leak
                    name: {zh: 漏水, en: Leak}
                    category: plumbing
                    priority: critical
                    skill: " "
                    limits: {respond: soon, arrive: 0m, resolve: 2h}
                  - id: leak
                    name: {zh: 漏水, en: Leak}
                    category: water
                    priority: high
                    skill: plumber
                    limits: {respond: 5m, arrive: 30m, resolve: 2h, returnVisit: 1h}
                  - id: no-limits
                    name: {zh: 无时限, en: No limits}
                    category: other
                    priority: low
                    skill: general
                sites:
                  riverside:
                    fire-alarm-confirmation: {respond: "-PT5M", confirm: 2m}
                    boiler-fault: {respond: 5m}
                """);

        assertThat(e.problems()).containsExactly(
                "policies.yaml:4: policies.0.category: unknown category 'plumbing'; use water, drainage, fire, power, elevator, access, civil or other",
                "policies.yaml:5: policies.0.priority: unknown priority 'critical'; use urgent, high, medium or low",
                "policies.yaml:6: policies.0.skill: a policy needs the skill of the engineer it dispatches, e.g. electrician",
                "policies.yaml:7: policies.0.limits.respond: 'soon' is not a duration like 30m, 2h or 3d",
                "policies.yaml:7: policies.0.limits.arrive: a limit must be longer than zero (was '0m')",
                "policies.yaml:7: policies.0.limits.returnVisit: missing; a policy sets limits for respond, arrive, resolve and returnVisit",
                "policies.yaml:8: policies.1.id: policy 'leak' is declared twice in this file",
                "policies.yaml:14: policies.2.limits: missing; a policy sets limits for respond, arrive, resolve and returnVisit",
                "policies.yaml:21: sites.riverside.fire-alarm-confirmation.respond: a limit must be longer than zero (was '-PT5M')",
                "policies.yaml:21: sites.riverside.fire-alarm-confirmation.confirm: unknown step 'confirm'; the steps are respond, arrive, resolve and returnVisit",
                "policies.yaml:22: sites.riverside.boiler-fault: no work-order policy 'boiler-fault'");
    }

    @Test
    void aPolicyWithoutItsEssentialsSaysWhatIsMissing() {
        InvalidConfigException e = problemsOf("""
                policies:
                  - id: bare
                    limits: {respond: 5m, arrive: 30m, resolve: 2h, returnVisit: 1h}
                """);

        assertThat(e.problems()).containsExactly(
                "policies.yaml:2: policies.0.name: a policy needs a name in zh and en",
                "policies.yaml:2: policies.0.category: a policy needs a category: water, drainage, fire, power, elevator, access, civil or other",
                "policies.yaml:2: policies.0.priority: a policy needs a priority: urgent, high, medium or low",
                "policies.yaml:2: policies.0.skill: a policy needs the skill of the engineer it dispatches, e.g. electrician");
    }

    @Test
    void anUnknownKeyIsNamed() {
        assertThatThrownBy(() -> load("""
                policies:
                  - id: repair
                    name: {zh: 报修, en: Repair}
                    category: other
                    priority: low
                    skill: general
                    limits: {respond: 30m, arrive: 2h, resolve: 2d, returnVisit: 1h, escalate: 4h}
                """))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("policies.yaml:7: policies.0.limits.escalate: unknown key");
    }

    @Test
    void referencesToMissingPoliciesAreAllListed() {
        Map<String, String> references = new LinkedHashMap<>();
        references.put("elevator-entrapment", "profiles/elevator.yaml:27");
        references.put("lift-rescue", "profiles/lift.yaml:12");
        references.put("boiler-fault", "/etc/dutyroom/profiles/boiler.yaml:40");

        assertThatThrownBy(() -> WorkOrderPolicies.shipped().checkReferences(references))
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).problems()).containsExactly(
                        "profiles/lift.yaml:12: workOrder: no work-order policy 'lift-rescue'",
                        "/etc/dutyroom/profiles/boiler.yaml:40: workOrder: no work-order policy 'boiler-fault'"));
    }

    @Test
    void categoriesAndStepsReadTheirCodes() {
        assertThat(WorkOrderCategory.ofCode("elevator")).contains(WorkOrderCategory.ELEVATOR);
        assertThat(WorkOrderCategory.ofCode("Elevator")).isEmpty();
        assertThat(WorkOrderCategory.CIVIL.code()).isEqualTo("civil");
        assertThat(SlaStep.RETURN_VISIT.code()).isEqualTo("returnVisit");
        assertThat(SlaStep.ofCode("arrive")).contains(SlaStep.ARRIVE);
        SlaLimits limits = new SlaLimits(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(4));
        assertThat(limits.with(SlaStep.RESOLVE, Duration.ofHours(9)).limit(SlaStep.RESOLVE)).isEqualTo(Duration.ofHours(9));
        assertThat(limits.with(SlaStep.RESOLVE, Duration.ofHours(9)).limit(SlaStep.ARRIVE)).isEqualTo(Duration.ofMinutes(2));
    }
}
