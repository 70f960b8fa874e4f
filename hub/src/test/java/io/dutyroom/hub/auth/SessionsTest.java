package io.dutyroom.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionsTest {
    /** No database behind it: a malformed token must be refused before any query. */
    private final Sessions sessions = new Sessions(new SessionStore(null),
            new SessionPolicy(Duration.ofHours(12), Duration.ofMinutes(30)), Clock.systemUTC());

    @Test
    void aMalformedTokenFindsNoSessionWithoutAskingTheDatabase() throws Exception {
        assertThat(sessions.find(null)).isEmpty();
        assertThat(sessions.find("")).isEmpty();
        assertThat(sessions.find("short")).isEmpty();
        assertThat(sessions.find("x".repeat(42) + "=")).isEmpty();
        assertThat(sessions.find("x".repeat(44))).isEmpty();
        assertThat(sessions.find("' OR 1=1 --" + "x".repeat(32))).isEmpty();
    }

    @Test
    void theStoredHashIsHexSha256NotTheToken() {
        String token = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        String hash = Sessions.hash(token);

        assertThat(hash).matches("[0-9a-f]{64}").doesNotContain(token);
        assertThat(Sessions.hash(token)).isEqualTo(hash);
        assertThat(Sessions.hash(token.replace('A', 'B'))).isNotEqualTo(hash);
    }
}
