package dev.walletbackup.drill;

import java.time.Instant;

/** One source's drill as it runs: where from, and since when. */
public record DrillAttempt(String source, String kind, Instant startedAt) {
}
