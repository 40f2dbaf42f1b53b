package dev.walletbackup.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * The key a password unlocks, split into two independent sub-keys: one encrypts, the other yields a short
 * public check value. Storing the check value lets a reader tell "wrong password" from "altered bytes"
 * without weakening anything an attacker holding the ciphertext could not already test.
 */
public final class PasswordKey implements AutoCloseable {
    public static final int CHECK_BYTES = 16;
    private static final byte[] ENCRYPTION_LABEL = "wallet-backup/v1/encryption-key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHECK_LABEL = "wallet-backup/v1/password-check".getBytes(StandardCharsets.US_ASCII);

    private final byte[] encryptionKey;
    private final byte[] checkValue;

    private PasswordKey(byte[] rootKey) {
        this.encryptionKey = HmacSha256.mac(rootKey, ENCRYPTION_LABEL);
        this.checkValue = Arrays.copyOf(HmacSha256.mac(rootKey, CHECK_LABEL), CHECK_BYTES);
    }

    /** The key that seals a new secret: Argon2id of the password in NFC. */
    public static PasswordKey derive(Password password, byte[] salt, Argon2Parameters parameters) {
        return fromRoot(PasswordKeyDerivation.deriveKey(password, salt, parameters));
    }

    /**
     * The key that opens a sealed secret whose check value is {@code storedCheckValue}, or empty if the password
     * does not. The password in NFC is tried first; a password typed in another form is also tried as typed, which
     * is how secrets were sealed before passwords were normalised, so those stay openable.
     */
    public static Optional<PasswordKey> unlock(Password password, byte[] salt, Argon2Parameters parameters,
                                               byte[] storedCheckValue) {
        PasswordKey key = derive(password, salt, parameters);
        if (key.matches(storedCheckValue)) {
            return Optional.of(key);
        }
        key.close();
        if (!password.typedInNfc()) {
            PasswordKey asTyped = deriveAsTyped(password, salt, parameters);
            if (asTyped.matches(storedCheckValue)) {
                return Optional.of(asTyped);
            }
            asTyped.close();
        }
        return Optional.empty();
    }

    /** The key a password sealed with before passwords were normalised. */
    static PasswordKey deriveAsTyped(Password password, byte[] salt, Argon2Parameters parameters) {
        return fromRoot(PasswordKeyDerivation.deriveKeyAsTyped(password, salt, parameters));
    }

    private static PasswordKey fromRoot(byte[] rootKey) {
        try {
            return new PasswordKey(rootKey);
        } finally {
            Arrays.fill(rootKey, (byte) 0);
        }
    }

    public byte[] checkValue() {
        return checkValue.clone();
    }

    /** Whether a stored check value belongs to this key, compared in constant time. */
    public boolean matches(byte[] storedCheckValue) {
        return MessageDigest.isEqual(checkValue, storedCheckValue);
    }

    public Aead aead() {
        return new AesGcmAead(encryptionKey);
    }

    @Override
    public void close() {
        Arrays.fill(encryptionKey, (byte) 0);
    }

    @Override
    public String toString() {
        return "PasswordKey[redacted]";
    }
}
