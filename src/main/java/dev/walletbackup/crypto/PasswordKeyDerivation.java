package dev.walletbackup.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters.Builder;

/** Turns a password into a 256-bit key with Argon2id (version 0x13), as RFC 9106 specifies. */
public final class PasswordKeyDerivation {
    public static final int SALT_BYTES = 16;
    public static final int KEY_BYTES = 32;

    private PasswordKeyDerivation() {
    }

    /** The key of {@code password} in NFC, as every secret is sealed (see {@link Password#toUtf8()}). */
    public static byte[] deriveKey(Password password, byte[] salt, Argon2Parameters parameters) {
        return derive(password.toUtf8(), salt, parameters);
    }

    /** The key of {@code password} exactly as typed: how secrets were sealed before passwords were normalised. */
    static byte[] deriveKeyAsTyped(Password password, byte[] salt, Argon2Parameters parameters) {
        return derive(password.asTypedUtf8(), salt, parameters);
    }

    private static byte[] derive(byte[] secret, byte[] salt, Argon2Parameters parameters) {
        try {
            Argon2MemoryCap.requireAffordable(parameters);
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(new Builder(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
                    .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
                    .withSalt(salt)
                    .withMemoryAsKB(parameters.memoryKiB())
                    .withIterations(parameters.iterations())
                    .withParallelism(parameters.parallelism())
                    .build());
            byte[] key = new byte[KEY_BYTES];
            generator.generateBytes(secret, key);
            return key;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
