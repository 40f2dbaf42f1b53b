package dev.walletbackup.derivation;

import java.util.Arrays;
import java.util.function.Function;

/**
 * The 64-byte BIP-39 seed from which every agent's keys derive. The bytes are only lent to a function, never
 * returned, and {@link #close()} wipes them; {@link #toString()} never shows them.
 */
public final class MasterSeed implements AutoCloseable {
    public static final int SEED_BYTES = 64;
    private final byte[] bytes;

    private MasterSeed(byte[] bytes) {
        if (bytes.length != SEED_BYTES) {
            throw new IllegalArgumentException("a BIP-39 seed is " + SEED_BYTES + " bytes");
        }
        this.bytes = bytes;
    }

    /** Takes ownership of {@code bytes}. */
    public static MasterSeed adopt(byte[] bytes) {
        return new MasterSeed(bytes);
    }

    public <T> T withBytes(Function<byte[], T> use) {
        return use.apply(bytes);
    }

    @Override
    public void close() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public String toString() {
        return "MasterSeed[redacted]";
    }
}
