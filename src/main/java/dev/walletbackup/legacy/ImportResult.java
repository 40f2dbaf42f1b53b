package dev.walletbackup.legacy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an import of the original connector's backups brought over, and its findings ({@link ImportFindings}).
 * {@code xrpSchemes} counts the wallets of each XRP derivation scheme.
 */
public record ImportResult(List<ImportedFile> files, String seedFingerprint, int wallets, int lifecycleRecords,
                           int balances, Map<String, Integer> xrpSchemes, List<String> missingFields,
                           List<String> malformedFields, List<String> normalised) {

    /** One backup file, in the order it was applied. */
    public record ImportedFile(String file, String type, Instant timestamp) {
    }
}
