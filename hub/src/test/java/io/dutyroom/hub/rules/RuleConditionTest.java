package io.dutyroom.hub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleConditionTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Duration NONE = Duration.ZERO;
    private static final Duration TEN_S = Duration.ofSeconds(10);
    private static final Optional<Boolean> TRUE = Optional.of(true);
    private static final Optional<Boolean> FALSE = Optional.of(false);
    private static final Optional<Boolean> UNKNOWN = Optional.empty();

    private static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    /** A plain rule without clearWhen: it clears when {@code when} is false. */
    private static Optional<Boolean> plain(RuleCondition c, Optional<Boolean> when, Instant now, Duration onDelay, Duration offDelay) {
        return c.update(when, when.map(w -> !w), now, onDelay, offDelay);
    }

    /** outlet_pressure < 0.25 raises, outlet_pressure > 0.3 clears. */
    private static Optional<Boolean> pressure(RuleCondition c, double value, Instant now) {
        return c.update(Optional.of(value < 0.25), Optional.of(value > 0.3), now, NONE, NONE);
    }

    @Test
    void aFreshConditionIsInactive() {
        RuleCondition c = new RuleCondition();
        assertThat(c.phase()).isEqualTo(RuleCondition.Phase.INACTIVE);
        assertThat(c.active()).isFalse();
        assertThat(c.pending()).isFalse();
    }

    @Test
    void withoutDelaysTheConditionFollowsTheExpressionAtOnce() {
        RuleCondition c = new RuleCondition();
        assertThat(plain(c, TRUE, at(0), NONE, NONE)).contains(true);
        assertThat(c.active()).isTrue();
        assertThat(plain(c, TRUE, at(1), NONE, NONE)).as("still true: no new change").isEmpty();
        assertThat(plain(c, FALSE, at(2), NONE, NONE)).contains(false);
        assertThat(c.active()).isFalse();
        assertThat(plain(c, FALSE, at(3), NONE, NONE)).isEmpty();
    }

    @Test
    void onDelayIsNotActiveBeforeTheDelay() {
        RuleCondition c = new RuleCondition();
        assertThat(plain(c, TRUE, at(0), TEN_S, NONE)).isEmpty();
        assertThat(c.phase()).isEqualTo(RuleCondition.Phase.PENDING_ON);
        assertThat(c.pending()).isTrue();
        assertThat(c.active()).isFalse();
        assertThat(plain(c, TRUE, at(5), TEN_S, NONE)).isEmpty();
        assertThat(plain(c, TRUE, at(9.999), TEN_S, NONE)).isEmpty();
        assertThat(c.active()).isFalse();
    }

    @Test
    void onDelayIsActiveAtExactlyTheDelay() {
        RuleCondition c = new RuleCondition();
        plain(c, TRUE, at(0), TEN_S, NONE);
        assertThat(plain(c, TRUE, at(10), TEN_S, NONE)).contains(true);
        assertThat(c.phase()).isEqualTo(RuleCondition.Phase.ACTIVE);
        assertThat(c.pending()).isFalse();
        assertThat(plain(c, TRUE, at(11), TEN_S, NONE)).as("active once, not again").isEmpty();
    }

    @Test
    void onDelayIsCancelledWhenTheConditionDropsDuringIt() {
        RuleCondition c = new RuleCondition();
        plain(c, TRUE, at(0), TEN_S, NONE);
        assertThat(plain(c, FALSE, at(6), TEN_S, NONE)).as("a pending raise that drops is no change").isEmpty();
        assertThat(c.phase()).isEqualTo(RuleCondition.Phase.INACTIVE);
        assertThat(plain(c, TRUE, at(7), TEN_S, NONE)).isEmpty();
        assertThat(plain(c, TRUE, at(10), TEN_S, NONE)).as("the delay starts again from the new rise").isEmpty();
        assertThat(plain(c, TRUE, at(16.999), TEN_S, NONE)).isEmpty();
        assertThat(plain(c, TRUE, at(17), TEN_S, NONE)).contains(true);
    }

    @Test
    void offDelayKeepsTheConditionActiveUntilTheClearHasHeldForTheDelay() {
        RuleCondition c = new RuleCondition();
        assertThat(plain(c, TRUE, at(0), NONE, TEN_S)).contains(true);
        assertThat(plain(c, FALSE, at(20), NONE, TEN_S)).isEmpty();
        assertThat(c.phase()).isEqualTo(RuleCondition.Phase.PENDING_OFF);
        assertThat(c.active()).as("still active while the off-delay runs").isTrue();
        assertThat(c.pending()).isTrue();
        assertThat(plain(c, FALSE, at(29.999), NONE, TEN_S)).isEmpty();
        assertThat(plain(c, FALSE, at(30), NONE, TEN_S)).contains(false);
        assertThat(c.phase()).isEqualTo(RuleCondition.Phase.INACTIVE);
    }

    @Test
    void offDelayIsCancelledWhenTheConditionComesBackDuringIt() {
        RuleCondition c = new RuleCondition();
        plain(c, TRUE, at(0), NONE, TEN_S);
        plain(c, FALSE, at(20), NONE, TEN_S);
        assertThat(plain(c, TRUE, at(25), NONE, TEN_S)).as("never cleared, so no new activation").isEmpty();
        assertThat(c.phase()).isEqualTo(RuleCondition.Phase.ACTIVE);
        assertThat(plain(c, FALSE, at(26), NONE, TEN_S)).isEmpty();
        assertThat(plain(c, FALSE, at(35), NONE, TEN_S)).as("the off-delay starts again from the new clear").isEmpty();
        assertThat(plain(c, FALSE, at(36), NONE, TEN_S)).contains(false);
    }

    @Test
    void onAndOffDelaysTogether() {
        RuleCondition c = new RuleCondition();
        assertThat(plain(c, TRUE, at(0), TEN_S, TEN_S)).isEmpty();
        assertThat(plain(c, TRUE, at(10), TEN_S, TEN_S)).contains(true);
        assertThat(plain(c, FALSE, at(12), TEN_S, TEN_S)).isEmpty();
        assertThat(plain(c, FALSE, at(22), TEN_S, TEN_S)).contains(false);
    }

    @Test
    void hysteresisRaisesBelowTheLowThresholdAndClearsOnlyAboveTheHighOne() {
        RuleCondition c = new RuleCondition();
        assertThat(pressure(c, 0.40, at(0))).isEmpty();
        assertThat(pressure(c, 0.28, at(1))).as("inside the deadband from below-threshold-free: stays inactive").isEmpty();
        assertThat(c.active()).isFalse();
        assertThat(pressure(c, 0.24, at(2))).contains(true);
        assertThat(pressure(c, 0.28, at(3))).as("inside the deadband: stays active").isEmpty();
        assertThat(pressure(c, 0.30, at(4))).as("0.3 is not above 0.3").isEmpty();
        assertThat(c.active()).isTrue();
        assertThat(pressure(c, 0.31, at(5))).contains(false);
        assertThat(pressure(c, 0.26, at(6))).as("inside the deadband: stays inactive").isEmpty();
        assertThat(pressure(c, 0.25, at(7))).as("0.25 is not below 0.25").isEmpty();
        assertThat(c.active()).isFalse();
    }

    @Test
    void anUnknownValueChangesNothingInAnyPhase() {
        RuleCondition c = new RuleCondition();
        assertThat(c.update(UNKNOWN, UNKNOWN, at(0), TEN_S, TEN_S)).isEmpty();
        assertThat(c.phase()).isEqualTo(RuleCondition.Phase.INACTIVE);

        plain(c, TRUE, at(1), TEN_S, TEN_S);
        assertThat(c.update(UNKNOWN, UNKNOWN, at(5), TEN_S, TEN_S)).isEmpty();
        assertThat(c.phase()).as("unknown does not cancel a pending raise").isEqualTo(RuleCondition.Phase.PENDING_ON);
        assertThat(c.update(UNKNOWN, UNKNOWN, at(20), TEN_S, TEN_S)).as("nor complete it").isEmpty();
        assertThat(c.phase()).isEqualTo(RuleCondition.Phase.PENDING_ON);
        assertThat(plain(c, TRUE, at(21), TEN_S, TEN_S)).contains(true);

        assertThat(c.update(UNKNOWN, UNKNOWN, at(30), TEN_S, TEN_S)).isEmpty();
        assertThat(c.phase()).as("unknown does not start a clear").isEqualTo(RuleCondition.Phase.ACTIVE);

        plain(c, FALSE, at(31), TEN_S, TEN_S);
        assertThat(c.update(UNKNOWN, UNKNOWN, at(35), TEN_S, TEN_S)).isEmpty();
        assertThat(c.phase()).as("unknown does not cancel a pending clear").isEqualTo(RuleCondition.Phase.PENDING_OFF);
        assertThat(c.update(UNKNOWN, UNKNOWN, at(50), TEN_S, TEN_S)).as("nor complete it").isEmpty();
        assertThat(c.phase()).isEqualTo(RuleCondition.Phase.PENDING_OFF);
    }

    @Test
    void anUnknownClearValueKeepsAnActiveConditionEvenWhenTheRaiseIsKnown() {
        RuleCondition c = new RuleCondition();
        c.update(TRUE, FALSE, at(0), NONE, NONE);
        assertThat(c.update(FALSE, UNKNOWN, at(1), NONE, NONE)).isEmpty();
        assertThat(c.active()).isTrue();
    }

    @Test
    void restoreActiveStartsActiveAndClearsLikeAnyActiveCondition() {
        RuleCondition c = new RuleCondition();
        c.restoreActive(at(0));
        assertThat(c.phase()).isEqualTo(RuleCondition.Phase.ACTIVE);
        assertThat(c.active()).isTrue();
        assertThat(c.pending()).isFalse();
        assertThat(plain(c, TRUE, at(1), NONE, NONE)).as("already active: not raised a second time").isEmpty();
        assertThat(plain(c, FALSE, at(2), NONE, NONE)).contains(false);
    }

    @Test
    void restoreActiveOverAPendingRaise() {
        RuleCondition c = new RuleCondition();
        plain(c, TRUE, at(0), TEN_S, NONE);
        c.restoreActive(at(1));
        assertThat(plain(c, TRUE, at(20), TEN_S, NONE)).isEmpty();
        assertThat(c.active()).isTrue();
    }

    @Test
    void suppressionReportsOnlyChanges() {
        RuleCondition c = new RuleCondition();
        assertThat(c.suppress(FALSE)).as("not suppressed to begin with").isEmpty();
        assertThat(c.suppress(TRUE)).contains(true);
        assertThat(c.suppress(TRUE)).isEmpty();
        assertThat(c.suppress(UNKNOWN)).as("unknown changes nothing").isEmpty();
        assertThat(c.suppress(FALSE)).contains(false);
        assertThat(c.suppress(UNKNOWN)).isEmpty();
    }
}
