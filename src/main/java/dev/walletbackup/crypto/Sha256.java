package dev.walletbackup.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256, the JDK's (compiled to the CPU's SHA instructions where it has them): the one place the project gets it
 * from. {@link #of} keeps a digest per thread: deriving addresses hashes millions of short inputs, where looking the
 * algorithm up again costs more than hashing.
 */
public final class Sha256 {
    public static final int BYTES = 32;
    private static final ThreadLocal<MessageDigest> PER_THREAD = ThreadLocal.withInitial(Sha256::newDigest);

    private Sha256() {
    }

    /** A new digest, for input that arrives in parts. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** SHA-256 of {@code input}. */
    public static byte[] of(byte[] input) {
        return PER_THREAD.get().digest(input);
    }
}
