package io.dutyroom.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserRulesTest {

    @Test
    void usernamesAreLowerCaseLikeTheRostersIds() {
        assertThat(UserRules.checkUsername("wang.wei")).isEmpty();
        assertThat(UserRules.checkUsername("desk-2")).isEmpty();
        assertThat(UserRules.checkUsername("a")).isEmpty();
        assertThat(UserRules.checkUsername("Wang.Wei")).isPresent();
        assertThat(UserRules.checkUsername(".hidden")).isPresent();
        assertThat(UserRules.checkUsername("wang wei")).isPresent();
        assertThat(UserRules.checkUsername("王伟")).isPresent();
        assertThat(UserRules.checkUsername("")).isPresent();
        assertThat(UserRules.checkUsername("x".repeat(65))).isPresent();
        assertThat(UserRules.normalize("  Wang.Wei ")).isEqualTo("wang.wei");
    }

    @Test
    void passwordsAreLongEnoughAndNotTheUsername() {
        assertThat(UserRules.checkPassword("short", "wang.wei")).contains("at least 10 characters");
        assertThat(UserRules.checkPassword("Wang.Wei  ", "wang.wei")).isPresent();
        assertThat(UserRules.checkPassword("pump room at dawn", "wang.wei")).isEmpty();
        assertThat(UserRules.checkPassword("x".repeat(PasswordHasher.MAX_PASSWORD_CHARS + 1), "wang.wei")).isPresent();
    }

    @Test
    void displayNamesAreShortAndNotBlank() {
        assertThat(UserRules.checkDisplayName("王伟")).isEmpty();
        assertThat(UserRules.checkDisplayName("  ")).isPresent();
        assertThat(UserRules.checkDisplayName("x".repeat(65))).isPresent();
    }

    @Test
    void oneTimePasswordsAreFourGroupsOfUnambiguousCharactersAndDiffer() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String password = UserRules.oneTimePassword(random);
            assertThat(password).matches("[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}");
            assertThat(UserRules.checkPassword(password, "admin")).as("a one-time password passes the rules").isEmpty();
            seen.add(password);
        }
        assertThat(seen).hasSize(200);
    }

    @Test
    void rolesHaveTheirCodes() {
        assertThat(Role.ofCode("duty-engineer")).contains(Role.DUTY_ENGINEER);
        assertThat(Role.ofCode("desk")).contains(Role.DESK);
        assertThat(Role.ofCode("DESK")).isEmpty();
        for (Role role : Role.values()) {
            assertThat(Role.ofCode(role.code())).contains(role);
        }
    }
}
