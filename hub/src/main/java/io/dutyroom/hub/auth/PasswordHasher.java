package io.dutyroom.hub.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes as {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>}.
 *
 * <p>Why PBKDF2-HMAC-SHA256: it ships with every JDK ({@code PBKDF2WithHmacSHA256}), so the hub
 * needs no new dependency and no native code, and it is the FIPS-approved choice. Its weakness is
 * that it costs only CPU: an attacker with GPUs or ASICs tries guesses far more cheaply than we
 * compute them. Argon2id (OWASP's first choice) would add memory-hardness, which takes that
 * advantage away; it needs a library (Bouncy Castle or a native binding). The encoded form names
 * its scheme, so hashes can move to Argon2id later, user by user, at their next log-in
 * ({@link #needsRehash}).
 *
 * <p>Hashing is slow by design (hundreds of milliseconds): call it on a worker thread, never on an
 * event loop.
 */
public final class PasswordHasher {
    static final String SCHEME = "pbkdf2-sha256";
    /** OWASP Password Storage Cheat Sheet (2023) for PBKDF2-HMAC-SHA256. */
    public static final int ITERATIONS = 600_000;
    private static final int SALT_BYTES = 16;
    private static final int KEY_BYTES = 32;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    /** A bound on the work one request can cause; a passphrase is far shorter. */
    public static final int MAX_PASSWORD_CHARS = 1_024;

    private final int iterations;
    private final SecureRandom random;

    public PasswordHasher() {
        this(ITERATIONS, new SecureRandom());
    }

    /** For tests, which need not wait for the full work factor. */
    PasswordHasher(int iterations, SecureRandom random) {
        this.iterations = iterations;
        this.random = random;
    }

    public String hash(String password) {
        if (password.isEmpty()) {
            throw new IllegalArgumentException("an empty password cannot be hashed");
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] key = derive(password, salt, iterations, KEY_BYTES);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
    }

    /**
     * Whether {@code password} matches {@code encoded}. The comparison takes the same time wherever
     * the first difference is; a malformed or foreign hash never matches (and never throws, so a
     * damaged row is a failed log-in, not a 500).
     */
    public boolean verify(String password, String encoded) {
        Parsed parsed = parse(encoded);
        // the JDK's HMAC refuses an empty key; an empty password is never anyone's
        if (parsed == null || password.isEmpty()) {
            return false;
        }
        byte[] candidate = derive(password, parsed.salt, parsed.iterations, parsed.key.length);
        return MessageDigest.isEqual(candidate, parsed.key);
    }

    /** The hash was made with other parameters than today's: store a new one at the next log-in. */
    public boolean needsRehash(String encoded) {
        Parsed parsed = parse(encoded);
        return parsed == null || parsed.iterations != iterations || parsed.salt.length != SALT_BYTES || parsed.key.length != KEY_BYTES;
    }

    private record Parsed(int iterations, byte[] salt, byte[] key) {
    }

    private static Parsed parse(String encoded) {
        if (encoded == null) {
            return null;
        }
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return null;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] key = Base64.getDecoder().decode(parts[3]);
            // bounds, so that a tampered row cannot make one log-in run for hours
            if (iterations < 1 || iterations > 10_000_000 || salt.length == 0 || key.length < 16 || key.length > 64) {
                return null;
            }
            return new Parsed(iterations, salt, key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] derive(String password, byte[] salt, int iterations, int keyBytes) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, keyBytes * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            // every Java 17 runtime has it; without it no one could log in, so fail loudly
            throw new IllegalStateException(ALGORITHM + " is not available in this Java runtime", e);
        } finally {
            spec.clearPassword();
        }
    }
}
