package dev.walletbackup.restore;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.walletbackup.backup.destination.BackupDirectory.Finding;
import dev.walletbackup.backup.format.Timeline;
import dev.walletbackup.discovery.WalletDiscovery;
import java.util.List;
import java.util.Map;

/**
 * What a restore did (or, for a dry run, would do), as {@code restore --json} prints it; {@code ignored} names the
 * manifests of the source that could not be read and that the restored chain did not need; {@code timeline} is the
 * timeline the restore started and {@code firstBackupId} its first backup; {@code warnings} is what the operator
 * must act on (other timeline heads, wallets newer than the backup that may exist on chain, a failed first backup).
 */
@JsonPropertyOrder({"dryRun", "source", "chain", "target", "seedFingerprint", "restored", "storeBefore",
        "walletsRederived", "addressesMatch", "stateDigest", "digestMatch", "reservedIndices", "timeline", "discovery",
        "safetyBackupId", "firstBackupId", "reconciliation", "reconciliationReport", "durationMs", "ignored", "warnings"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RestoreReport(boolean dryRun, String source, List<String> chain, String target, String seedFingerprint,
                            Map<String, Long> restored, Map<String, Long> storeBefore, long walletsRederived,
                            boolean addressesMatch, String stateDigest, boolean digestMatch,
                            ReservedIndices reservedIndices, Timeline timeline, WalletDiscovery.Outcome discovery,
                            String safetyBackupId, String firstBackupId, Map<String, Long> reconciliation,
                            String reconciliationReport, long durationMs, List<Finding> ignored, List<String> warnings) {
}
