package io.dutyroom.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    /** Few iterations: the tests check the scheme, not the work factor (one test runs the real one). */
    private final PasswordHasher fast = new PasswordHasher(1_000, new SecureRandom());

    @Test
    void aPasswordVerifiesAgainstItsOwnHash() {
        String hash = fast.hash("correct horse battery staple");

        assertThat(fast.verify("correct horse battery staple", hash)).isTrue();
    }

    @Test
    void aWrongPasswordDoesNot() {
        String hash = fast.hash("correct horse battery staple");

        assertThat(fast.verify("correct horse battery stapler", hash)).isFalse();
        assertThat(fast.verify("Correct horse battery staple", hash)).isFalse();
        assertThat(fast.verify(" correct horse battery staple", hash)).as("never trimmed").isFalse();
        assertThat(fast.verify("", hash)).isFalse();
    }

    @Test
    void theDefaultHashNamesItsSchemeAndWorkFactorWithA16ByteSaltAndA32ByteKey() {
        String hash = new PasswordHasher().hash("correct horse battery staple");

        assertThat(hash).matches("pbkdf2-sha256\\$600000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(new PasswordHasher().verify("correct horse battery staple", hash)).isTrue();
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        String a = fast.hash("correct horse battery staple");
        String b = fast.hash("correct horse battery staple");

        assertThat(a).isNotEqualTo(b);
        assertThat(a.split("\\$")[2]).as("salt").isNotEqualTo(b.split("\\$")[2]);
        assertThat(fast.verify("correct horse battery staple", a)).isTrue();
        assertThat(fast.verify("correct horse battery staple", b)).isTrue();
    }

    @Test
    void aHashOfOtherParametersStillVerifiesAndAsksToBeRehashed() {
        String old = new PasswordHasher(2_000, new SecureRandom()).hash("correct horse battery staple");

        assertThat(fast.verify("correct horse battery staple", old)).isTrue();
        assertThat(fast.needsRehash(old)).isTrue();
        assertThat(fast.needsRehash(fast.hash("correct horse battery staple"))).isFalse();
    }

    @Test
    void aMalformedOrForeignHashNeverMatchesAndNeverThrows() {
        for (String bad : new String[] {null, "", "plain", "pbkdf2-sha256$x$AAAA$AAAA", "pbkdf2-sha256$1000$!!!$AAAA",
                "bcrypt$2b$10$abcdefghijklmnopqrstuv", "pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA", "pbkdf2-sha256$0$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "pbkdf2-sha256$99999999$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
            assertThat(fast.verify("anything at all", bad)).as(String.valueOf(bad)).isFalse();
            assertThat(fast.needsRehash(bad)).as(String.valueOf(bad)).isTrue();
        }
    }

    @Test
    void unicodeAndLongPasswordsWork() {
        String password = "门禁密码🔑".repeat(100);
        String hash = fast.hash(password);

        assertThat(fast.verify(password, hash)).isTrue();
        assertThat(fast.verify(password.substring(1), hash)).isFalse();
    }
}
