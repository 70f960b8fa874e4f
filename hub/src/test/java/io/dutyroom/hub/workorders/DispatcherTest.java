package io.dutyroom.hub.workorders;

import static org.assertj.core.api.Assertions.assertThat;

import io.dutyroom.adapters.profile.LocalizedText;
import io.dutyroom.adapters.profile.RulePriority;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DispatcherTest {
    private static final Engineer WANG = engineer("wang.wei", "electrician", "plumber");
    private static final Engineer LI = engineer("li.na", "plumber");
    private static final Engineer ZHAO = engineer("zhao.lei", "electrician", "general");
    private static final Engineer LIFT = new Engineer("kone-24h", new LocalizedText("电梯维保值班", "Lift contractor duty phone"),
            Set.of("elevator-contractor"), null, true);
    private static final List<Engineer> ON_DUTY = List.of(WANG, LI, ZHAO, LIFT);

    private final Dispatcher dispatcher = new Dispatcher();

    private static Engineer engineer(String id, String... skills) {
        return new Engineer(id, new LocalizedText(id, id), Set.of(skills), null, false);
    }

    private static WorkOrderPolicy policy(String skill, String... notify) {
        return new WorkOrderPolicy("test", new LocalizedText("测试", "Test"), WorkOrderCategory.OTHER, RulePriority.MEDIUM, skill,
                List.of(notify), new SlaLimits(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(1)),
                false);
    }

    @Test
    void onlySomeoneWithTheSkillIsChosen() {
        assertThat(dispatcher.choose(policy("elevator-contractor"), ON_DUTY, Map.of())).contains(LIFT);
        assertThat(dispatcher.choose(policy("general"), ON_DUTY, Map.of("zhao.lei", 9))).contains(ZHAO);
    }

    @Test
    void theLeastLoadedEngineerWithTheSkillIsChosen() {
        assertThat(dispatcher.choose(policy("plumber"), ON_DUTY, Map.of("wang.wei", 2, "li.na", 1))).contains(LI);
        // an engineer missing from the map has no open orders
        assertThat(dispatcher.choose(policy("electrician"), ON_DUTY, Map.of("wang.wei", 1))).contains(ZHAO);
    }

    @Test
    void aTieGoesToTheFirstInRosterOrder() {
        assertThat(dispatcher.choose(policy("electrician"), ON_DUTY, Map.of())).contains(WANG);
        assertThat(dispatcher.choose(policy("electrician"), ON_DUTY, Map.of("wang.wei", 3, "zhao.lei", 3))).contains(WANG);
        assertThat(dispatcher.choose(policy("electrician"), List.of(ZHAO, WANG), Map.of())).contains(ZHAO);
    }

    @Test
    void nobodyWithTheSkillMeansNobodyIsChosen() {
        assertThat(dispatcher.choose(policy("fire-systems"), ON_DUTY, Map.of())).isEmpty();
        assertThat(dispatcher.choose(policy("plumber"), List.of(), Map.of())).isEmpty();
    }

    @Test
    void thoseWithANotifySkillAreToldInRosterOrder() {
        assertThat(dispatcher.toNotify(policy("elevator-contractor", "general", "plumber"), ON_DUTY))
                .containsExactly(WANG, LI, ZHAO);
        assertThat(dispatcher.toNotify(policy("elevator-contractor", "elevator-contractor"), ON_DUTY)).containsExactly(LIFT);
        assertThat(dispatcher.toNotify(policy("plumber"), ON_DUTY)).isEmpty();
        assertThat(dispatcher.toNotify(policy("plumber", "fire-systems"), ON_DUTY)).isEmpty();
    }
}
