package io.dutyroom.hub.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.profile.ProfileCatalogue;
import io.dutyroom.adapters.yaml.YamlDocument;
import io.dutyroom.hub.estate.EstateRegistry;
import io.dutyroom.hub.estate.RegisteredDevice;
import io.dutyroom.hub.rules.CompiledRule;
import io.dutyroom.hub.rules.ConditionChange;
import io.dutyroom.hub.rules.ProfileRules;
import io.dutyroom.hub.rules.RuleCompiler;
import io.dutyroom.hub.timeline.TimelineEvent;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlarmBookTest {
    private static final ProfileCatalogue PROFILES = ProfileCatalogue.builtIn();
    private static final Map<String, ProfileRules> COMPILED = RuleCompiler.compile(PROFILES);
    private static final EstateRegistry ESTATE = EstateRegistry.parse(YamlDocument.read("estate.yaml", """
            sites:
              - id: s1
                buildings:
                  - id: t1
                    floors: ["B1", "1", "2", "3"]
                    devices:
                      - {id: lift-a, profile: elevator, floor: "1", name: {zh: 1号楼A梯, en: Tower 1 lift A}}
                      - {id: lift-b, profile: elevator, floor: "1", name: {zh: 1号楼B梯, en: Tower 1 lift B}}
                      - {id: pumps-1, profile: water-pump-set, floor: B1, name: {zh: 生活水泵组, en: Domestic pumps}}
                      - {id: sump-1, profile: sump-pit, floor: B1, name: {zh: 1号集水坑, en: Sump pit 1},
                         modbus: {host: 127.0.0.1, port: 15020, unitId: 1}}
                      - {id: sump-2, profile: sump-pit, floor: B1, name: {zh: 2号集水坑, en: Sump pit 2},
                         modbus: {host: 127.0.0.1, port: 15020, unitId: 2}}
              - id: s2
                buildings:
                  - id: t9
                    devices:
                      - {id: lift-z, profile: elevator, name: {zh: 9号楼电梯, en: Tower 9 lift}}
            """.getBytes(StandardCharsets.UTF_8)), PROFILES);

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final String GATEWAY = "gateway:tcp://127.0.0.1:15020";

    private AlarmBook book;

    @BeforeEach
    void open() {
        book = new AlarmBook(ESTATE, AlarmPolicy.standard());
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    private static RegisteredDevice device(String id) {
        return ESTATE.device(DeviceId.of(id)).orElseThrow();
    }

    private static CompiledRule rule(String device, String ruleId) {
        return COMPILED.get(device(device).profile().id()).rules().stream().filter(r -> r.id().equals(ruleId)).findFirst().orElseThrow();
    }

    private static ConditionChange change(String device, String rule, ConditionChange.Kind kind, Instant at, Optional<String> drill) {
        return new ConditionChange(device(device), rule(device, rule), kind, at, Map.of("fault_code", 1L, "floor", 3L), drill);
    }

    private List<AlarmChange> active(String device, String rule, Instant at) {
        return book.condition(change(device, rule, ConditionChange.Kind.ACTIVE, at, Optional.empty()));
    }

    private List<AlarmChange> cleared(String device, String rule, Instant at) {
        return book.condition(change(device, rule, ConditionChange.Kind.CLEARED, at, Optional.empty()));
    }

    private static List<String> events(List<AlarmChange> changes) {
        return changes.stream().flatMap(c -> c.event().stream()).map(TimelineEvent::kind).toList();
    }

    private static List<TimelineEvent> eventsOf(List<AlarmChange> changes, String kind) {
        return changes.stream().flatMap(c -> c.event().stream()).filter(e -> e.kind().equals(kind)).toList();
    }

    /** The last record of the alarm of {@code device} and {@code rule} among the changes. */
    private static AlarmRecord record(List<AlarmChange> changes, String device, String rule) {
        AlarmRecord found = null;
        for (AlarmChange c : changes) {
            if (c.alarm().isPresent() && c.alarm().get().source().equals(device) && c.alarm().get().rule().id().equals(rule)) {
                found = c.alarm().get();
            }
        }
        assertThat(found).as("a record of %s / %s in %s", device, rule, changes).isNotNull();
        return found;
    }

    private AlarmRecord openAlarm(String source, String rule) {
        return book.open().stream().filter(r -> r.source().equals(source) && r.rule().id().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError("no open alarm " + source + " / " + rule + " in " + book.open()));
    }

    private Optional<AlarmRecord> findOpen(String source, String rule) {
        return book.open().stream().filter(r -> r.source().equals(source) && r.rule().id().equals(rule)).findFirst();
    }

    // ---- one alarm per device and rule ---------------------------------------------------------

    @Test
    void aNewConditionRaisesAnUnacknowledgedAlarm() {
        List<AlarmChange> changes = active("lift-a", "safety-fault", at(0));
        assertThat(events(changes)).containsExactly(AlarmEvents.RAISED);
        AlarmRecord r = record(changes, "lift-a", "safety-fault");
        assertThat(r.state()).isEqualTo(AlarmState.UNACKNOWLEDGED);
        assertThat(r.site()).isEqualTo("s1");
        assertThat(r.building()).isEqualTo("t1");
        assertThat(r.activations()).isEqualTo(1);
        assertThat(r.raisedAt()).isEqualTo(at(0));
        assertThat(r.isDrill()).isFalse();
        TimelineEvent e = changes.get(0).event().orElseThrow();
        assertThat(e.subject()).isEqualTo("lift-a");
        assertThat(e.site()).isEqualTo("s1");
        assertThat(e.payload().getString("alarmId")).isEqualTo(r.id());
        assertThat(book.open()).extracting(AlarmRecord::id).containsExactly(r.id());
    }

    @Test
    void aRepeatWhileOpenCountsAnActivationOnTheSameAlarm() {
        String id = record(active("lift-a", "safety-fault", at(0)), "lift-a", "safety-fault").id();
        assertThat(active("lift-a", "safety-fault", at(1))).as("still active: nothing new").isEmpty();

        List<AlarmChange> returned = cleared("lift-a", "safety-fault", at(10));
        assertThat(events(returned)).containsExactly(AlarmEvents.RETURNED);
        assertThat(record(returned, "lift-a", "safety-fault").state()).isEqualTo(AlarmState.RETURNED_UNACKNOWLEDGED);
        assertThat(record(returned, "lift-a", "safety-fault").returnedAt()).contains(at(10));

        List<AlarmChange> repeated = active("lift-a", "safety-fault", at(100));
        assertThat(events(repeated)).containsExactly(AlarmEvents.REPEATED);
        AlarmRecord r = record(repeated, "lift-a", "safety-fault");
        assertThat(r.id()).isEqualTo(id);
        assertThat(r.activations()).isEqualTo(2);
        assertThat(r.raisedAt()).isEqualTo(at(0));
        assertThat(r.lastActivatedAt()).isEqualTo(at(100));
        assertThat(book.open()).hasSize(1);
    }

    @Test
    void otherDevicesAndOtherRulesHaveTheirOwnAlarms() {
        active("lift-a", "safety-fault", at(0));
        active("lift-a", "door-fault", at(1));
        active("lift-b", "safety-fault", at(2));
        assertThat(book.open()).hasSize(3);
        assertThat(book.open()).extracting(AlarmRecord::id).doesNotHaveDuplicates();
    }

    @Test
    void aClearedConditionWithoutAnOpenAlarmDoesNothing() {
        assertThat(cleared("lift-a", "safety-fault", at(0))).isEmpty();
        assertThat(book.open()).isEmpty();
    }

    // ---- people's actions ----------------------------------------------------------------------

    @Test
    void acknowledgeRecordsWhoAndWhen() {
        String id = record(active("lift-a", "safety-fault", at(0)), "lift-a", "safety-fault").id();
        AlarmBook.Outcome outcome = book.act(id, new AlarmInput.Acknowledge("zhang.san"), at(30), new JsonObject().put("by", "zhang.san"))
                .orElseThrow();
        assertThat(outcome.refusal()).isEmpty();
        assertThat(events(outcome.changes())).containsExactly(AlarmEvents.ACKNOWLEDGED);
        AlarmRecord r = outcome.alarm().orElseThrow();
        assertThat(r.state()).isEqualTo(AlarmState.ACKNOWLEDGED);
        assertThat(r.acknowledgedBy()).contains("zhang.san");
        assertThat(r.acknowledgedAt()).contains(at(30));
        assertThat(book.find(id).orElseThrow().acknowledgedBy()).contains("zhang.san");
        assertThat(outcome.changes().get(0).event().orElseThrow().payload().getString("by")).isEqualTo("zhang.san");
    }

    @Test
    void aRefusedActionChangesNothing() {
        String id = record(active("lift-a", "safety-fault", at(0)), "lift-a", "safety-fault").id();
        book.act(id, new AlarmInput.Acknowledge("zhang.san"), at(30), new JsonObject());
        AlarmBook.Outcome again = book.act(id, new AlarmInput.Acknowledge("li.si"), at(40), new JsonObject()).orElseThrow();
        assertThat(again.refusal()).isPresent();
        assertThat(again.changes()).isEmpty();
        assertThat(again.alarm().orElseThrow().acknowledgedBy()).contains("zhang.san");
    }

    @Test
    void anActionOnAnUnknownAlarmGivesNothing() {
        assertThat(book.act("no-such-alarm", new AlarmInput.Acknowledge("zhang.san"), at(0), new JsonObject())).isEmpty();
    }

    @Test
    void anAcknowledgedAlarmWhoseConditionClearsLeavesTheOpenList() {
        String id = record(active("lift-a", "safety-fault", at(0)), "lift-a", "safety-fault").id();
        book.act(id, new AlarmInput.Acknowledge("zhang.san"), at(30), new JsonObject());
        List<AlarmChange> cleared = cleared("lift-a", "safety-fault", at(60));
        assertThat(events(cleared)).containsExactly(AlarmEvents.CLEARED);
        AlarmRecord r = record(cleared, "lift-a", "safety-fault");
        assertThat(r.state()).isEqualTo(AlarmState.NORMAL);
        assertThat(r.closedAt()).contains(at(60));
        assertThat(book.open()).isEmpty();
        assertThat(book.find(id)).isEmpty();
    }

    @Test
    void acknowledgingAReturnedAlarmClosesIt() {
        String id = record(active("lift-a", "safety-fault", at(0)), "lift-a", "safety-fault").id();
        cleared("lift-a", "safety-fault", at(10));
        assertThat(book.open()).hasSize(1);
        AlarmBook.Outcome outcome = book.act(id, new AlarmInput.Acknowledge("zhang.san"), at(20), new JsonObject()).orElseThrow();
        assertThat(outcome.alarm().orElseThrow().closedAt()).contains(at(20));
        assertThat(book.open()).isEmpty();

        // the next episode is a new alarm
        String next = record(active("lift-a", "safety-fault", at(30)), "lift-a", "safety-fault").id();
        assertThat(next).isNotEqualTo(id);
    }

    // ---- chattering, stale, shelving -----------------------------------------------------------

    @Test
    void threeActivationsWithinAMinuteMakeAnAlarmChatteringOnce() {
        List<AlarmChange> all = new ArrayList<>();
        all.addAll(active("lift-a", "door-fault", at(0)));
        all.addAll(cleared("lift-a", "door-fault", at(5)));
        all.addAll(active("lift-a", "door-fault", at(10)));
        assertThat(eventsOf(all, AlarmEvents.CHATTERING)).isEmpty();
        all.addAll(cleared("lift-a", "door-fault", at(15)));
        List<AlarmChange> third = active("lift-a", "door-fault", at(20));
        assertThat(events(third)).containsExactly(AlarmEvents.REPEATED, AlarmEvents.CHATTERING);
        all.addAll(third);
        for (int i = 0; i < 5; i++) {
            all.addAll(cleared("lift-a", "door-fault", at(25 + 10 * i)));
            all.addAll(active("lift-a", "door-fault", at(30 + 10 * i)));
        }
        assertThat(eventsOf(all, AlarmEvents.CHATTERING)).hasSize(1);
        assertThat(openAlarm("lift-a", "door-fault").chattering()).isTrue();
        assertThat(openAlarm("lift-a", "door-fault").activations()).isEqualTo(8);
    }

    @Test
    void activationsSpreadOverMoreThanAMinuteAreNotChattering() {
        List<AlarmChange> all = new ArrayList<>();
        all.addAll(active("lift-a", "door-fault", at(0)));
        all.addAll(cleared("lift-a", "door-fault", at(10)));
        all.addAll(active("lift-a", "door-fault", at(40)));
        all.addAll(cleared("lift-a", "door-fault", at(50)));
        all.addAll(active("lift-a", "door-fault", at(80)));
        assertThat(eventsOf(all, AlarmEvents.CHATTERING)).isEmpty();
        assertThat(openAlarm("lift-a", "door-fault").chattering()).isFalse();
    }

    @Test
    void anAlarmActiveOverADayIsMarkedStaleOnce() {
        String id = record(active("pumps-1", "tank-level-low", at(0)), "pumps-1", "tank-level-low").id();
        Instant day = T0.plus(Duration.ofHours(24));
        assertThat(eventsOf(book.sweep(day.minusSeconds(1)), AlarmEvents.STALE)).isEmpty();

        List<AlarmChange> swept = book.sweep(day);
        assertThat(events(swept)).containsExactly(AlarmEvents.STALE);
        assertThat(swept.get(0).event().orElseThrow().payload().getString("alarmId")).isEqualTo(id);
        assertThat(book.find(id).orElseThrow().stale()).isTrue();

        assertThat(eventsOf(book.sweep(day.plusSeconds(60)), AlarmEvents.STALE)).isEmpty();
        assertThat(eventsOf(book.sweep(day.plus(Duration.ofDays(3))), AlarmEvents.STALE)).isEmpty();
    }

    @Test
    void aReturnedAlarmIsNotStale() {
        active("pumps-1", "tank-level-low", at(0));
        cleared("pumps-1", "tank-level-low", at(60));
        assertThat(eventsOf(book.sweep(T0.plus(Duration.ofHours(25))), AlarmEvents.STALE)).isEmpty();
    }

    @Test
    void aShelfExpiresOnTheSweepAfterItsTime() {
        String id = record(active("lift-a", "door-fault", at(0)), "lift-a", "door-fault").id();
        Instant until = at(3600);
        AlarmBook.Outcome shelved = book.act(id, new AlarmInput.Shelve("wu", "door contractor on site", until), at(10), new JsonObject())
                .orElseThrow();
        assertThat(shelved.refusal()).isEmpty();
        assertThat(events(shelved.changes())).containsExactly(AlarmEvents.SHELVED);
        assertThat(book.find(id).orElseThrow().state()).isEqualTo(AlarmState.SHELVED);

        assertThat(book.sweep(at(3599))).isEmpty();
        List<AlarmChange> expired = book.sweep(until);
        assertThat(events(expired)).containsExactly(AlarmEvents.SHELF_EXPIRED);
        assertThat(book.find(id).orElseThrow().state()).as("still active: announced again").isEqualTo(AlarmState.UNACKNOWLEDGED);
        assertThat(book.sweep(at(7200))).isEmpty();
    }

    @Test
    void aShelvedAlarmThatClearedIsClosedWhenItsShelfExpires() {
        String id = record(active("lift-a", "door-fault", at(0)), "lift-a", "door-fault").id();
        book.act(id, new AlarmInput.Shelve("wu", "nuisance", at(600)), at(10), new JsonObject());
        assertThat(events(cleared("lift-a", "door-fault", at(20)))).isEmpty();
        assertThat(events(book.sweep(at(600)))).containsExactly(AlarmEvents.SHELF_EXPIRED);
        assertThat(book.open()).isEmpty();
    }

    // ---- flood ---------------------------------------------------------------------------------

    /** Eleven distinct (device, rule) pairs at site s1. */
    private static final List<String[]> ELEVEN = List.of(
            new String[] {"lift-a", "entrapment"}, new String[] {"lift-a", "safety-fault"},
            new String[] {"lift-a", "stopped-outside-leveling-zone"}, new String[] {"lift-a", "door-fault"},
            new String[] {"lift-a", "fault-code"}, new String[] {"lift-a", "inspection-mode"},
            new String[] {"lift-b", "entrapment"}, new String[] {"lift-b", "safety-fault"},
            new String[] {"pumps-1", "pump-trip"}, new String[] {"pumps-1", "tank-level-low"},
            new String[] {"pumps-1", "dry-running"});

    @Test
    void elevenNewAlarmsWithinTenMinutesStartAFloodAndItEndsWhenTheyStop() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            List<AlarmChange> changes = active(ELEVEN.get(i)[0], ELEVEN.get(i)[1], at(i * 30));
            ids.add(record(changes, ELEVEN.get(i)[0], ELEVEN.get(i)[1]).id());
            assertThat(eventsOf(changes, AlarmEvents.FLOOD_STARTED)).as("alarm %d", i + 1).isEmpty();
        }
        assertThat(book.flood("s1")).isEmpty();

        List<AlarmChange> eleventh = active(ELEVEN.get(10)[0], ELEVEN.get(10)[1], at(300));
        ids.add(record(eleventh, ELEVEN.get(10)[0], ELEVEN.get(10)[1]).id());
        List<TimelineEvent> started = eventsOf(eleventh, AlarmEvents.FLOOD_STARTED);
        assertThat(started).hasSize(1);
        assertThat(started.get(0).site()).isEqualTo("s1");
        assertThat(started.get(0).payload().getString("firstOut")).isEqualTo(ids.get(0));
        assertThat(started.get(0).payload().getInteger("alarms")).isEqualTo(11);

        FloodDetector.Flood flood = book.flood("s1").orElseThrow();
        assertThat(flood.firstOut()).isEqualTo(ids.get(0));
        assertThat(flood.since()).isEqualTo(at(300));
        assertThat(flood.alarms()).extracting(FloodDetector.Entry::alarmId).containsExactlyElementsOf(ids);
        assertThat(book.flood("s2")).isEmpty();
        assertThat(book.floods()).hasSize(1);

        // a twelfth alarm joins the flood, no second start
        List<AlarmChange> twelfth = active("pumps-1", "standby-failed", at(310));
        assertThat(eventsOf(twelfth, AlarmEvents.FLOOD_STARTED)).isEmpty();
        assertThat(book.flood("s1").orElseThrow().alarms()).hasSize(12);

        assertThat(eventsOf(book.sweep(at(400)), AlarmEvents.FLOOD_ENDED)).as("the alarms are still in the window").isEmpty();
        List<TimelineEvent> ended = eventsOf(book.sweep(at(310).plus(Duration.ofMinutes(10)).plusSeconds(1)), AlarmEvents.FLOOD_ENDED);
        assertThat(ended).hasSize(1);
        assertThat(ended.get(0).site()).isEqualTo("s1");
        assertThat(ended.get(0).payload().getString("firstOut")).isEqualTo(ids.get(0));
        assertThat(book.flood("s1")).isEmpty();
    }

    @Test
    void repeatsOfOneAlarmDoNotMakeAFlood() {
        for (int i = 0; i < 20; i++) {
            List<AlarmChange> changes = new ArrayList<>(active("lift-a", "door-fault", at(i * 20)));
            changes.addAll(cleared("lift-a", "door-fault", at(i * 20 + 10)));
            assertThat(eventsOf(changes, AlarmEvents.FLOOD_STARTED)).isEmpty();
        }
        assertThat(book.flood("s1")).isEmpty();
    }

    @Test
    void alarmsAtTwoSitesDoNotAddUp() {
        for (int i = 0; i < 6; i++) {
            active(ELEVEN.get(i)[0], ELEVEN.get(i)[1], at(i));
        }
        for (String rule : List.of("entrapment", "safety-fault", "stopped-outside-leveling-zone", "door-fault", "fault-code",
                "inspection-mode")) {
            assertThat(eventsOf(active("lift-z", rule, at(10)), AlarmEvents.FLOOD_STARTED)).isEmpty();
        }
        assertThat(book.floods()).isEmpty();
    }

    @Test
    void drillAlarmsNeverStartAFlood() {
        List<AlarmChange> all = new ArrayList<>();
        for (int i = 0; i < ELEVEN.size(); i++) {
            all.addAll(book.condition(change(ELEVEN.get(i)[0], ELEVEN.get(i)[1], ConditionChange.Kind.ACTIVE, at(i), Optional.of("x"))));
        }
        assertThat(eventsOf(all, AlarmEvents.RAISED)).hasSize(11);
        assertThat(book.open()).allSatisfy(r -> assertThat(r.drill()).contains("x"));
        assertThat(eventsOf(all, AlarmEvents.FLOOD_STARTED)).isEmpty();
        assertThat(book.flood("s1")).isEmpty();

        // and they do not count towards a real one either
        List<AlarmChange> real = new ArrayList<>();
        for (String rule : List.of("pump-trip", "high-level", "flooding-risk", "short-cycling")) {
            real.addAll(active("sump-1", rule, at(20)));
        }
        assertThat(eventsOf(real, AlarmEvents.FLOOD_STARTED)).isEmpty();
        assertThat(book.flood("s1")).isEmpty();
    }

    // ---- connectivity --------------------------------------------------------------------------

    @Test
    void aDeviceOfflineRaisesCommLossAndSuppressesItsProcessAlarms() {
        active("lift-a", "safety-fault", at(0));
        active("lift-b", "safety-fault", at(0));

        List<AlarmChange> offline = book.connectivity(device("lift-a"), false, at(10));
        assertThat(events(offline)).containsExactlyInAnyOrder(AlarmEvents.RAISED, AlarmEvents.SUPPRESSED);
        AlarmRecord commLoss = record(offline, "lift-a", AlarmRule.COMM_LOSS);
        assertThat(commLoss.state()).isEqualTo(AlarmState.UNACKNOWLEDGED);
        assertThat(commLoss.rule().priority().code()).isEqualTo("medium");
        assertThat(record(offline, "lift-a", "safety-fault").state()).isEqualTo(AlarmState.SUPPRESSED);
        assertThat(openAlarm("lift-a", "safety-fault").state()).isEqualTo(AlarmState.SUPPRESSED);
        assertThat(openAlarm("lift-b", "safety-fault").state()).as("another device is not touched").isEqualTo(AlarmState.UNACKNOWLEDGED);

        assertThat(book.connectivity(device("lift-a"), false, at(11))).as("already offline").isEmpty();

        // a condition of the offline device is born suppressed, quietly
        List<AlarmChange> whileOffline = active("lift-a", "door-fault", at(15));
        assertThat(events(whileOffline)).doesNotContain(AlarmEvents.RAISED);
        assertThat(openAlarm("lift-a", "door-fault").state()).isEqualTo(AlarmState.SUPPRESSED);

        List<AlarmChange> online = book.connectivity(device("lift-a"), true, at(20));
        assertThat(eventsOf(online, AlarmEvents.RETURNED)).hasSize(1);
        assertThat(eventsOf(online, AlarmEvents.UNSUPPRESSED)).hasSize(2);
        AlarmRecord backCommLoss = record(online, "lift-a", AlarmRule.COMM_LOSS);
        assertThat(backCommLoss.status().condition()).isFalse();
        assertThat(backCommLoss.state()).isEqualTo(AlarmState.RETURNED_UNACKNOWLEDGED);
        assertThat(openAlarm("lift-a", "safety-fault").state()).as("still active: announced again").isEqualTo(AlarmState.UNACKNOWLEDGED);
        assertThat(openAlarm("lift-a", "door-fault").state()).isEqualTo(AlarmState.UNACKNOWLEDGED);
    }

    @Test
    void fireEquipmentCommLossIsHighPriority() {
        // the comm-loss priority follows the device's category; a lift is not fire equipment
        assertThat(AlarmRule.commLoss("fire").priority().code()).isEqualTo("high");
        assertThat(AlarmRule.commLoss("elevator").priority().code()).isEqualTo("medium");
    }

    @Test
    void allDevicesBehindOneGatewayOfflineGiveOneGatewayAlarm() {
        List<AlarmChange> first = book.connectivity(device("sump-1"), false, at(0));
        assertThat(events(first)).containsExactly(AlarmEvents.RAISED);
        assertThat(findOpen(GATEWAY, AlarmRule.GATEWAY_COMM_LOSS)).isEmpty();

        List<AlarmChange> second = book.connectivity(device("sump-2"), false, at(1));
        AlarmRecord gateway = record(second, GATEWAY, AlarmRule.GATEWAY_COMM_LOSS);
        assertThat(gateway.state()).isEqualTo(AlarmState.UNACKNOWLEDGED);
        assertThat(gateway.site()).isEqualTo("s1");
        assertThat(book.open()).filteredOn(r -> r.rule().id().equals(AlarmRule.GATEWAY_COMM_LOSS)).hasSize(1);
        assertThat(openAlarm("sump-1", AlarmRule.COMM_LOSS).state()).isEqualTo(AlarmState.SUPPRESSED);
        assertThat(openAlarm("sump-2", AlarmRule.COMM_LOSS).state()).isEqualTo(AlarmState.SUPPRESSED);
        assertThat(eventsOf(second, AlarmEvents.SUPPRESSED)).hasSize(2);

        // one comes back: the gateway answers again; the other device's own comm-loss is in view again
        List<AlarmChange> back = book.connectivity(device("sump-1"), true, at(30));
        assertThat(openAlarm(GATEWAY, AlarmRule.GATEWAY_COMM_LOSS).state()).isEqualTo(AlarmState.RETURNED_UNACKNOWLEDGED);
        assertThat(openAlarm("sump-2", AlarmRule.COMM_LOSS).state()).isEqualTo(AlarmState.UNACKNOWLEDGED);
        assertThat(findOpen("sump-1", AlarmRule.COMM_LOSS)).as("back online and never seen: closed").isEmpty();
        assertThat(eventsOf(back, AlarmEvents.UNSUPPRESSED)).hasSize(2);
    }

    @Test
    void devicesWithoutAModbusLinkHaveNoGatewayAlarm() {
        // lift-a and lift-b report over MQTT: both offline gives only their own comm-loss alarms
        book.connectivity(device("lift-a"), false, at(0));
        book.connectivity(device("lift-b"), false, at(0));
        assertThat(book.open()).extracting(r -> r.rule().id()).containsOnly(AlarmRule.COMM_LOSS);
    }

    // ---- out of service ------------------------------------------------------------------------

    @Test
    void removeFromServicePutsTheDevicesAlarmsOutOfServiceAndNewOnesAreBornThere() {
        active("lift-a", "safety-fault", at(0));
        active("lift-b", "safety-fault", at(0));

        List<AlarmChange> removed = book.removeFromService(DeviceId.of("lift-a"), "wu", "annual inspection", at(10));
        assertThat(events(removed)).containsExactly(AlarmEvents.OUT_OF_SERVICE);
        assertThat(book.isOutOfService(DeviceId.of("lift-a"))).isTrue();
        assertThat(openAlarm("lift-a", "safety-fault").state()).isEqualTo(AlarmState.OUT_OF_SERVICE);
        assertThat(openAlarm("lift-a", "safety-fault").status().outOfService()).contains("annual inspection");
        assertThat(openAlarm("lift-b", "safety-fault").state()).isEqualTo(AlarmState.UNACKNOWLEDGED);
        assertThat(book.removeFromService(DeviceId.of("lift-a"), "wu", "again", at(11))).as("already out of service").isEmpty();

        List<AlarmChange> born = active("lift-a", "door-fault", at(20));
        assertThat(events(born)).as("no alarm.raised for an alarm born out of service").doesNotContain(AlarmEvents.RAISED);
        assertThat(record(born, "lift-a", "door-fault").state()).isEqualTo(AlarmState.OUT_OF_SERVICE);
        assertThat(openAlarm("lift-a", "door-fault").state()).isEqualTo(AlarmState.OUT_OF_SERVICE);

        active("lift-a", "fault-code", at(25));
        cleared("lift-a", "fault-code", at(26)); // came and went during maintenance

        List<AlarmChange> back = book.returnToService(DeviceId.of("lift-a"), "wu", at(60));
        assertThat(book.isOutOfService(DeviceId.of("lift-a"))).isFalse();
        assertThat(eventsOf(back, AlarmEvents.RETURNED_TO_SERVICE)).hasSize(3);
        assertThat(openAlarm("lift-a", "safety-fault").state()).as("condition still active").isEqualTo(AlarmState.UNACKNOWLEDGED);
        assertThat(openAlarm("lift-a", "door-fault").state()).isEqualTo(AlarmState.UNACKNOWLEDGED);
        assertThat(openAlarm("lift-a", "door-fault").activations()).isEqualTo(1);
        assertThat(findOpen("lift-a", "fault-code")).as("cleared while out of service: closed on return").isEmpty();
        assertThat(book.returnToService(DeviceId.of("lift-a"), "wu", at(61))).isEmpty();
    }

    // ---- design suppression --------------------------------------------------------------------

    @Test
    void designSuppressionHidesTheAlarmUntilItIsLifted() {
        String rule = "stopped-outside-leveling-zone";
        assertThat(book.condition(change("lift-a", rule, ConditionChange.Kind.SUPPRESSED, at(0), Optional.empty()))).isEmpty();

        List<AlarmChange> born = active("lift-a", rule, at(10));
        assertThat(events(born)).doesNotContain(AlarmEvents.RAISED);
        assertThat(openAlarm("lift-a", rule).state()).isEqualTo(AlarmState.SUPPRESSED);
        assertThat(openAlarm("lift-a", rule).status().suppression()).hasValueSatisfying(s -> assertThat(s).contains("suppressedWhen"));

        List<AlarmChange> lifted = book.condition(change("lift-a", rule, ConditionChange.Kind.UNSUPPRESSED, at(20), Optional.empty()));
        assertThat(events(lifted)).containsExactly(AlarmEvents.UNSUPPRESSED);
        assertThat(openAlarm("lift-a", rule).state()).isEqualTo(AlarmState.UNACKNOWLEDGED);

        List<AlarmChange> again = book.condition(change("lift-a", rule, ConditionChange.Kind.SUPPRESSED, at(30), Optional.empty()));
        assertThat(events(again)).containsExactly(AlarmEvents.SUPPRESSED);
        assertThat(openAlarm("lift-a", rule).state()).isEqualTo(AlarmState.SUPPRESSED);
    }

    @Test
    void designSuppressionOfOneRuleLeavesTheDevicesOtherAlarmsAlone() {
        active("lift-a", "safety-fault", at(0));
        book.condition(change("lift-a", "stopped-outside-leveling-zone", ConditionChange.Kind.SUPPRESSED, at(1), Optional.empty()));
        assertThat(openAlarm("lift-a", "safety-fault").state()).isEqualTo(AlarmState.UNACKNOWLEDGED);
    }

    @Test
    void aCommentGoesOnTheTimelineAndLeavesTheAlarmAlone() {
        String id = record(active("lift-a", "safety-fault", at(0)), "lift-a", "safety-fault").id();
        AlarmBook.Outcome outcome = book.comment(id, "zhang.san", "technician called", at(5)).orElseThrow();
        assertThat(events(outcome.changes())).containsExactly(AlarmEvents.COMMENTED);
        assertThat(outcome.changes().get(0).alarm()).isEmpty();
        assertThat(outcome.alarm().orElseThrow().state()).isEqualTo(AlarmState.UNACKNOWLEDGED);
    }
}
