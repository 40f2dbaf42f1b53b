package dev.walletbackup.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * PBKDF2-HMAC-SHA256 (RFC 8018) of a password's UTF-8 bytes exactly as typed, not normalised: only to open what the
 * original TypeScript connector sealed (Node's {@code crypto.pbkdf2} of a JavaScript string). New secrets are sealed
 * with Argon2id ({@link PasswordKeyDerivation}).
 */
public final class Pbkdf2HmacSha256 {
    private Pbkdf2HmacSha256() {
    }

    /** A key of {@code keyBytes} bytes that the caller wipes. */
    public static byte[] deriveKey(Password password, byte[] salt, int iterations, int keyBytes) {
        byte[] secret = password.asTypedUtf8();
        try {
            PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
            generator.init(secret, salt, iterations);
            return ((KeyParameter) generator.generateDerivedMacParameters(keyBytes * 8)).getKey();
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
