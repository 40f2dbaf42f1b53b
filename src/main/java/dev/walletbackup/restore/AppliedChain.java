package dev.walletbackup.restore;

import dev.walletbackup.backup.format.Timeline;
import java.util.Map;

/**
 * What applying a chain left in the store: rows per table, wallets whose addresses were re-derived, the state digest
 * it proved, the indices it holds back, and the timeline it started.
 */
public record AppliedChain(Map<String, Long> counts, long walletsRederived, String stateDigest,
                           ReservedIndices reserved, Timeline timeline) {
}
