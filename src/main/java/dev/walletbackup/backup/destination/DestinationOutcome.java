package dev.walletbackup.backup.destination;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.time.Instant;

/**
 * What happened to one backup at one destination: {@code stored}; {@code pending} (an off-site copy that failed
 * and will be retried with back-off); or {@code failed} (the local copy: nothing to retry from).
 */
@JsonPropertyOrder({"name", "status", "location", "message", "attempts", "lastAttemptAt"})
public record DestinationOutcome(String name, String status, String location, String message, int attempts,
                                 @JsonFormat(shape = JsonFormat.Shape.STRING) Instant lastAttemptAt) {
    public static final String STORED = "stored";
    public static final String PENDING = "pending";
    public static final String FAILED = "failed";
    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);

    public static DestinationOutcome stored(String name, String location, int attempts, Instant at) {
        return new DestinationOutcome(name, STORED, location, null, attempts, at);
    }

    public static DestinationOutcome failed(String name, String location, String message, int attempts, Instant at,
                                            boolean retryable) {
        return new DestinationOutcome(name, retryable ? PENDING : FAILED, location, message, attempts, at);
    }

    /** The outcome in words, for messages: "s3 pending: S3 upload of … failed: connection refused …". */
    public String describe() {
        return name + " " + status + (message == null ? "" : ": " + message);
    }

    @JsonIgnore
    public boolean isPending() {
        return PENDING.equals(status);
    }

    /** Whether a pending copy is due for another try: 30 s after the first failure, doubling, at most an hour. */
    public boolean isDue(Instant now) {
        if (!isPending()) {
            return false;
        }
        long doublings = Math.min(Math.max(attempts - 1, 0), 7);
        Duration wait = FIRST_RETRY.multipliedBy(1L << doublings);
        if (wait.compareTo(LONGEST_WAIT) > 0) {
            wait = LONGEST_WAIT;
        }
        return lastAttemptAt == null || !lastAttemptAt.plus(wait).isAfter(now);
    }
}
