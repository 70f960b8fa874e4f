package io.dutyroom.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When sessions end and when activity is written down, on a fake clock (instants given by hand). */
class SessionPolicyTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private final SessionPolicy policy = new SessionPolicy(Duration.ofHours(12), Duration.ofMinutes(30));

    private Session session(Instant lastSeen) {
        return new Session("h", "wang.wei", Role.DUTY_ENGINEER, T0, lastSeen, policy.expiresAt(T0));
    }

    @Test
    void aSessionExpiresAShiftAfterLogInHoweverActive() {
        assertThat(policy.expiresAt(T0)).isEqualTo(T0.plus(Duration.ofHours(12)));
        Instant justBefore = T0.plus(Duration.ofHours(12)).minusSeconds(1);
        assertThat(policy.isLive(session(justBefore), justBefore)).isTrue();
        Instant atExpiry = T0.plus(Duration.ofHours(12));
        assertThat(policy.isLive(session(atExpiry.minusSeconds(5)), atExpiry)).isFalse();
    }

    @Test
    void aSessionEndsAfterTheIdleTimeoutWithoutARequest() {
        assertThat(policy.isLive(session(T0), T0.plus(Duration.ofMinutes(29)))).isTrue();
        assertThat(policy.isLive(session(T0), T0.plus(Duration.ofMinutes(30)))).isFalse();
        assertThat(policy.isLive(session(T0.plus(Duration.ofMinutes(20))), T0.plus(Duration.ofMinutes(45))))
                .as("activity moves the idle deadline").isTrue();
    }

    @Test
    void activityIsWrittenAtMostOnceAMinute() {
        Session s = session(T0);

        assertThat(policy.needsTouch(s, T0.plusSeconds(59))).isFalse();
        assertThat(policy.needsTouch(s, T0.plusSeconds(60))).isTrue();
    }

    @Test
    void aShortIdleTimeoutIsWrittenOftenEnoughThatActiveSessionsLive() {
        SessionPolicy brief = new SessionPolicy(Duration.ofHours(1), Duration.ofSeconds(10));
        Session s = new Session("h", "u", Role.DESK, T0, T0, brief.expiresAt(T0));

        assertThat(brief.needsTouch(s, T0.plusSeconds(4))).isFalse();
        assertThat(brief.needsTouch(s, T0.plusSeconds(5))).isTrue();
    }

    @Test
    void anOpenStreamRechecksItsSessionEveryQuarterOfTheIdleTimeoutAndAtLeastEvery15Seconds() {
        assertThat(policy.recheckEvery()).isEqualTo(Duration.ofSeconds(15));
        assertThat(new SessionPolicy(Duration.ofHours(12), Duration.ofSeconds(5)).recheckEvery()).isEqualTo(Duration.ofMillis(1250));
        assertThat(new SessionPolicy(Duration.ofHours(12), Duration.ofSeconds(60)).recheckEvery()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aStreamsRechecksAloneKeepItsSessionLiveUntilItsAbsoluteExpiry() {
        for (Duration idle : new Duration[] {Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMinutes(2), Duration.ofMinutes(30)}) {
            SessionPolicy p = new SessionPolicy(Duration.ofHours(12), idle);
            // the page's last own request was just before the first check: the worst case for the touch
            Session s = new Session("h", "u", Role.DUTY_ENGINEER, T0, T0, p.expiresAt(T0));
            for (Instant check = T0.plus(p.recheckEvery()).minusMillis(1); check.isBefore(s.expiresAt()); check = check.plus(p.recheckEvery())) {
                assertThat(p.isLive(s, check)).as("idle %s, check at %s", idle, check).isTrue();
                if (p.needsTouch(s, check)) {
                    s = new Session(s.tokenHash(), s.username(), s.role(), s.createdAt(), check, s.expiresAt());
                }
            }
            assertThat(p.isLive(s, s.expiresAt())).as("the absolute expiry still ends it").isFalse();
        }
    }

    @Test
    void thePurgeCutsAtTheIdleTimeout() {
        assertThat(policy.idleCutoff(T0)).isEqualTo(T0.minus(Duration.ofMinutes(30)));
    }

    @Test
    void lifetimesMustBePositive() {
        assertThatThrownBy(() -> new SessionPolicy(Duration.ZERO, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionPolicy(Duration.ofHours(1), Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
