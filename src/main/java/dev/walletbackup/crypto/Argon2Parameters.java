package dev.walletbackup.crypto;

/**
 * Validated Argon2id cost parameters. They are written beside every ciphertext they protect, so a reader on a
 * brand-new machine needs only the stored bytes and the password. The bounds also stop a tampered header from
 * asking a reader for gigabytes of memory or hours of work before authentication can fail.
 */
public record Argon2Parameters(int memoryKiB, int iterations, int parallelism) {
    /** RFC 9106, section 4, second recommended option: 64 MiB, 3 passes, 4 lanes. */
    public static final Argon2Parameters RFC_9106_LOW_MEMORY = new Argon2Parameters(64 * 1024, 3, 4);

    /** Cheap parameters that only tests may use: they make brute force easy. */
    public static final Argon2Parameters INSECURE_FOR_TESTS_ONLY = new Argon2Parameters(8 * 1024, 1, 1);

    public static final int MIN_MEMORY_KIB = 8 * 1024;
    /** The least a new seal may use: OWASP's minimum for Argon2id (19 MiB, 2 passes). Readers accept less. */
    public static final int FLOOR_MEMORY_KIB = 19 * 1024;
    public static final int FLOOR_ITERATIONS = 2;
    public static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
    public static final int MAX_ITERATIONS = 16;
    public static final int MAX_PARALLELISM = 16;

    /**
     * Parameters read from stored bytes, before anything authenticates them: within the format's bounds and within
     * what this process can afford ({@link Argon2MemoryCap}).
     *
     * @throws IllegalArgumentException naming the bound that was exceeded
     */
    public static Argon2Parameters read(int memoryKiB, int iterations, int parallelism) {
        Argon2Parameters parameters = new Argon2Parameters(memoryKiB, iterations, parallelism);
        Argon2MemoryCap.requireAffordable(parameters);
        return parameters;
    }

    public Argon2Parameters {
        if (memoryKiB < MIN_MEMORY_KIB || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("Argon2id memory must be between " + MIN_MEMORY_KIB + " and "
                    + MAX_MEMORY_KIB + " KiB, got " + memoryKiB);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("Argon2id iterations must be between 1 and " + MAX_ITERATIONS
                    + ", got " + iterations);
        }
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("Argon2id parallelism must be between 1 and " + MAX_PARALLELISM
                    + ", got " + parallelism);
        }
    }

    /** Whether these parameters are strong enough to seal a new secret with (see {@link #FLOOR_MEMORY_KIB}). */
    public boolean meetsFloor() {
        return memoryKiB >= FLOOR_MEMORY_KIB && iterations >= FLOOR_ITERATIONS;
    }
}
