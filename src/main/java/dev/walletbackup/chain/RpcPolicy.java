package dev.walletbackup.chain;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * How the chain clients treat a provider, the same for both chains. Requests are paced to at most
 * {@code requestsPerSecond} (shared by all threads). A request that failed for a passing reason — the node could
 * not be reached, or it pushed back with HTTP 429/503, {@code slowDown} or -32005 — is tried up to {@code attempts}
 * times, waiting an exponential back-off from {@code firstBackOff} up to {@code maxBackOff} with jitter (so that
 * parallel requests do not come back in step), and at least as long as the provider's {@code Retry-After} says.
 * Each push-back also halves the request rate (doubles the spacing between requests, up to {@code maxBackOff}), and
 * each success doubles it again up to the configured one: a public provider's real limit is learnt rather than
 * hammered, and an outage's push-back is gone a few successes after it ends. Requests are spaced from the last one
 * sent, not given slots in advance, so a request already waiting follows the spacing as it shrinks. An answer that
 * is an error is not retried.
 */
public final class RpcPolicy {
    private final int attempts;
    private final long nanosBetweenRequests;
    private final Duration firstBackOff;
    private final Duration maxBackOff;
    private long currentNanosBetweenRequests;
    private boolean anyRequestSent;
    private long lastRequestAt;

    public RpcPolicy(int attempts, int requestsPerSecond, Duration firstBackOff, Duration maxBackOff) {
        if (attempts < 1 || requestsPerSecond < 1) {
            throw new IllegalArgumentException("attempts and requests per second must be at least 1");
        }
        if (firstBackOff.isNegative() || maxBackOff.compareTo(firstBackOff) < 0) {
            throw new IllegalArgumentException("the back-off must be positive and its maximum at least the first");
        }
        this.attempts = attempts;
        this.nanosBetweenRequests = 1_000_000_000L / requestsPerSecond;
        this.currentNanosBetweenRequests = nanosBetweenRequests;
        this.firstBackOff = firstBackOff;
        this.maxBackOff = maxBackOff;
    }

    /** Runs {@code request} within the rate limit, trying it again while it fails for a passing reason. */
    public <T> T call(Supplier<T> request) {
        for (int attempt = 1; ; attempt++) {
            pace();
            try {
                T answer = request.get();
                recover();
                return answer;
            } catch (ChainRpcException.Transient e) {
                Duration asked = e instanceof ChainRpcException.Throttled throttled ? throttled.retryAfter() : null;
                if (e instanceof ChainRpcException.Throttled) {
                    slowDown();
                }
                if (attempt >= attempts) {
                    throw e;
                }
                if (asked != null && asked.compareTo(maxBackOff) > 0) {
                    throw new ChainRpcException(e.getMessage() + " (the provider asks to wait " + asked.toSeconds()
                            + " s, longer than wallet.rpc.max-back-off-ms)", e);
                }
                long backOff = Math.min(maxBackOff.toNanos(), firstBackOff.toNanos() << Math.min(attempt - 1, 30));
                long jittered = backOff / 2 + ThreadLocalRandom.current().nextLong(backOff / 2 + 1);
                LockSupport.parkNanos(Math.max(jittered, asked == null ? 0 : asked.toNanos()));
            }
        }
    }

    /** The wait a provider asked for in {@code Retry-After} (seconds or an HTTP date), or null when it did not say. */
    static Duration retryAfter(HttpResponse<?> response, Instant now) {
        String value = response.headers().firstValue("Retry-After").orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(now, ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** The interval between requests now: the configured one, or longer after push-back. */
    synchronized Duration currentInterval() {
        return Duration.ofNanos(currentNanosBetweenRequests);
    }

    synchronized void slowDown() {
        currentNanosBetweenRequests = Math.min(maxBackOff.toNanos(), Math.max(1_000_000L, currentNanosBetweenRequests * 2));
    }

    /**
     * Halves the spacing, down to the configured one, and wakes the waiting requests to pace themselves by it: with
     * a sixteenth of the rate added per success, or slots kept at the old spacing, five requests after an outage
     * that had pushed the spacing to 30 s took 65 s.
     */
    synchronized void recover() {
        if (currentNanosBetweenRequests > nanosBetweenRequests) {
            currentNanosBetweenRequests = Math.max(nanosBetweenRequests, currentNanosBetweenRequests / 2);
            notifyAll();
        }
    }

    /**
     * How long a request asking at {@code now} (in {@link System#nanoTime} terms) must still wait; when it need not
     * wait, it is counted as sent at {@code now}.
     */
    synchronized long nanosToWait(long now) {
        long wait = anyRequestSent ? lastRequestAt + currentNanosBetweenRequests - now : 0;
        if (wait <= 0) {
            anyRequestSent = true;
            lastRequestAt = now;
            return 0;
        }
        return wait;
    }

    private synchronized void pace() {
        for (long wait = nanosToWait(System.nanoTime()); wait > 0; wait = nanosToWait(System.nanoTime())) {
            try {
                TimeUnit.NANOSECONDS.timedWait(this, wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChainRpcException("interrupted while waiting to send a request", e);
            }
        }
    }
}
