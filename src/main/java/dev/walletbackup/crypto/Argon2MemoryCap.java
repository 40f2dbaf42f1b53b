package dev.walletbackup.crypto;

/**
 * The most memory this process lets Argon2id take. The parameters of a key slot or a seed envelope come from the
 * bytes being read, before anything authenticates them, so a forged header could otherwise ask for gigabytes and
 * end the process with an OutOfMemoryError. Parameters above the cap are refused as an integrity failure instead.
 * The default is a quarter of the maximum heap, and never less than RFC 9106's 64 MiB; {@code
 * wallet.kdf.max-memory-kib} sets it. It is one number for the whole process, like the heap it protects.
 */
public final class Argon2MemoryCap {
    private static volatile int capKiB = defaultCapKiB();

    private Argon2MemoryCap() {
    }

    /** A quarter of the maximum heap, at least RFC 9106's 64 MiB, at most the format's 4 GiB. */
    public static int defaultCapKiB() {
        long quarterOfHeapKiB = Runtime.getRuntime().maxMemory() / 4 / 1024;
        return (int) Math.min(Argon2Parameters.MAX_MEMORY_KIB,
                Math.max(Argon2Parameters.RFC_9106_LOW_MEMORY.memoryKiB(), quarterOfHeapKiB));
    }

    /** Sets the cap for the rest of this process (from {@code wallet.kdf.max-memory-kib}). */
    public static void limitTo(int kib) {
        if (kib < Argon2Parameters.MIN_MEMORY_KIB || kib > Argon2Parameters.MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("the Argon2id memory cap must be between " + Argon2Parameters.MIN_MEMORY_KIB
                    + " and " + Argon2Parameters.MAX_MEMORY_KIB + " KiB, got " + kib);
        }
        capKiB = kib;
    }

    public static int capKiB() {
        return capKiB;
    }

    /** Refuses parameters that would take more memory than the cap, before any memory is spent on them. */
    static void requireAffordable(Argon2Parameters parameters) {
        if (parameters.memoryKiB() > capKiB) {
            throw new IllegalArgumentException("Argon2id asks for " + parameters.memoryKiB() / 1024
                    + " MiB of memory, more than this process allows (" + capKiB / 1024 + " MiB, set by "
                    + "wallet.kdf.max-memory-kib); a genuine file sealed on a bigger machine opens with a higher cap");
        }
    }
}
