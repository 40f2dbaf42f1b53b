package dev.walletbackup.chain;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * How the chain clients treat a node: at most {@code requestsPerSecond} requests (a simple pacing limiter shared
 * by all threads), and up to {@code attempts} tries of a request that failed to reach the node, waiting
 * 200 ms, 400 ms, 800 ms … in between. An answer that is an error from the node is not retried.
 */
public final class RpcPolicy {
    private static final Duration FIRST_BACK_OFF = Duration.ofMillis(200);

    private final int attempts;
    private final long nanosBetweenRequests;
    private long nextRequestAt;

    public RpcPolicy(int attempts, int requestsPerSecond) {
        if (attempts < 1 || requestsPerSecond < 1) {
            throw new IllegalArgumentException("attempts and requests per second must be at least 1");
        }
        this.attempts = attempts;
        this.nanosBetweenRequests = 1_000_000_000L / requestsPerSecond;
    }

    /** Runs {@code request} within the rate limit, retrying when it throws {@code retryable}. */
    public <T> T call(Supplier<T> request, Class<? extends RuntimeException> retryable) {
        for (int attempt = 1; ; attempt++) {
            pace();
            try {
                return request.get();
            } catch (RuntimeException e) {
                if (!retryable.isInstance(e) || attempt >= attempts) {
                    throw e;
                }
                LockSupport.parkNanos(FIRST_BACK_OFF.toNanos() << (attempt - 1));
            }
        }
    }

    private void pace() {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextRequestAt);
            nextRequestAt = slot + nanosBetweenRequests;
            wait = slot - now;
        }
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
