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
    void thePurgeCutsAtTheIdleTimeout() {
        assertThat(policy.idleCutoff(T0)).isEqualTo(T0.minus(Duration.ofMinutes(30)));
    }

    @Test
    void lifetimesMustBePositive() {
        assertThatThrownBy(() -> new SessionPolicy(Duration.ZERO, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionPolicy(Duration.ofHours(1), Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
