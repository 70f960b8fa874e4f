package io.dutyroom.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionThrottleTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private final SessionThrottle throttle = new SessionThrottle();

    /** n failed attempts, one a second from {@code from}. */
    private Instant fail(String user, String address, int n, Instant from) {
        Instant t = from;
        for (int i = 0; i < n; i++) {
            assertThat(throttle.attempt(user, address, t)).as("attempt " + (i + 1)).isEmpty();
            t = t.plusSeconds(1);
        }
        return t;
    }

    @Test
    void theSixthAttemptWithinAMinuteAfterFiveFailuresIsRefusedUntilTheFirstLeavesTheWindow() {
        Instant t = fail("wang.wei", "10.0.0.5", 5, T0);

        assertThat(throttle.attempt("wang.wei", "10.0.0.5", t)).contains(Duration.ofSeconds(55));
        assertThat(throttle.attempt("wang.wei", "10.0.0.9", t)).as("per user, from any address").isPresent();
        assertThat(throttle.attempt("li.na", "10.0.0.5", t)).as("others from the same address may still log in").isEmpty();
        assertThat(throttle.attempt("wang.wei", "10.0.0.5", T0.plusSeconds(60))).as("the first failure has left the window").isEmpty();
    }

    @Test
    void anAddressTryingManyUsernamesIsRefusedAfterTwenty() {
        Instant t = T0;
        for (int i = 0; i < SessionThrottle.PER_ADDRESS; i++) {
            assertThat(throttle.attempt("user" + i, "10.0.0.5", t)).isEmpty();
        }

        assertThat(throttle.attempt("someone-new", "10.0.0.5", t)).isPresent();
        assertThat(throttle.attempt("someone-new", "10.0.0.6", t)).isEmpty();
    }

    @Test
    void aSuccessIsNoFailureAndClearsTheUsersCount() {
        Instant t = fail("wang.wei", "10.0.0.5", 4, T0);
        assertThat(throttle.attempt("wang.wei", "10.0.0.5", t)).isEmpty();
        throttle.succeeded("wang.wei", "10.0.0.5", t);

        fail("wang.wei", "10.0.0.5", 4, t.plusSeconds(1));
        assertThat(throttle.attempt("wang.wei", "10.0.0.5", t.plusSeconds(6))).as("five failures since the success, not nine").isEmpty();
    }

    @Test
    void attemptsInFlightCountSoThatAParallelBurstIsLimitedToo() {
        // five attempts started at once, none answered yet
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.attempt("admin", "10.0.0.5", T0)).isEmpty();
        }

        assertThat(throttle.attempt("admin", "10.0.0.5", T0)).isPresent();
    }

    @Test
    void theMapsAreBounded() {
        for (int i = 0; i < SessionThrottle.MAX_KEYS + 500; i++) {
            throttle.attempt("user" + i, "address" + i, T0);
        }

        assertThat(throttle.trackedKeys()).isEqualTo(2 * SessionThrottle.MAX_KEYS);
    }
}
