package dev.walletbackup.drill;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the drill of one source proved, or why it could not: the newest chain ({@code chain}, oldest first, ending at
 * {@code target}) restored into a scratch store, with the rows restored, every wallet address re-derived from the
 * seed and the restored state digest equal to the target's. A failure keeps the exception itself for the command's
 * exit code; {@code message} is what the operator reads.
 */
@JsonPropertyOrder({"source", "kind", "outcome", "startedAt", "target", "backups", "chain", "restored",
        "walletsRederived", "addressesMatch", "stateDigest", "digestMatch", "durationMs", "message"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DrillOutcome(String source, String kind, DrillResult outcome, Instant startedAt, String target,
                           int backups, List<String> chain, Map<String, Long> restored, long walletsRederived,
                           boolean addressesMatch, String stateDigest, boolean digestMatch, long durationMs,
                           String message, @JsonIgnore Throwable failure) {

    public boolean proven() {
        return outcome == DrillResult.PROVEN;
    }

    /** The wallets restored into the scratch store. */
    public long wallets() {
        return restored.getOrDefault("wallets", 0L);
    }
}
