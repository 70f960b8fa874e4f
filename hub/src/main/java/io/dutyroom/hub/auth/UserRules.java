package io.dutyroom.hub.auth;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a username, a display name and a password must be, and the one-time passwords the hub makes.
 * Each check answers the problem in words, or empty when the value is fine.
 */
public final class UserRules {
    /** The same shape as the duty roster's engineer ids ({@code wang.wei}), so one person has one name. */
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    public static final int MAX_DISPLAY_NAME = 64;
    /**
     * NIST SP 800-63B asks for at least 8; the hub guards a building's safety systems, so a little
     * more. No rules about character classes: they make passwords worse, not better.
     */
    public static final int MIN_PASSWORD = 10;
    /** Letters and digits that cannot be mistaken for each other when read off a console (no i, l, o, 0, 1). */
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    private UserRules() {
    }

    /** How a typed username is compared: trimmed and lower case, so "Wang.Wei " logs in as wang.wei. */
    public static String normalize(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }

    public static Optional<String> checkUsername(String username) {
        return USERNAME.matcher(username).matches() ? Optional.empty()
                : Optional.of("must be 1 to 64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
    }

    public static Optional<String> checkDisplayName(String name) {
        if (name.isBlank()) {
            return Optional.of("must not be blank");
        }
        return name.length() > MAX_DISPLAY_NAME ? Optional.of("at most " + MAX_DISPLAY_NAME + " characters") : Optional.empty();
    }

    public static Optional<String> checkPassword(String password, String username) {
        if (password.length() < MIN_PASSWORD) {
            return Optional.of("at least " + MIN_PASSWORD + " characters");
        }
        if (password.length() > PasswordHasher.MAX_PASSWORD_CHARS) {
            return Optional.of("at most " + PasswordHasher.MAX_PASSWORD_CHARS + " characters");
        }
        if (normalize(password).equals(username)) {
            return Optional.of("must not be the username");
        }
        return Optional.empty();
    }

    /**
     * A password for one use, shown once on the console: four groups of four from a 31-letter
     * alphabet (about 79 bits), easy to type from a screen, and useless to guess behind the log-in
     * rate limit.
     */
    public static String oneTimePassword(SecureRandom random) {
        StringBuilder password = new StringBuilder(19);
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                password.append('-');
            }
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
