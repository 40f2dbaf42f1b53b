package dev.walletbackup.cli;

import dev.walletbackup.app.WalletBackupApplication;
import dev.walletbackup.app.WalletServices;
import dev.walletbackup.backup.retention.PruneReport;
import dev.walletbackup.backup.retention.PruneRequest;
import dev.walletbackup.config.RetentionSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backup prune}: retention now, through route backup-prune (under the backup lock). Each rule not given is
 * the configured one ({@code wallet.retention.*}).
 */
@Command(name = "prune", description = "Remove the backups no retention rule keeps, from the backup directory and "
        + "the bucket, with the leftovers of writes interrupted more than a day ago. A backup is kept if any rule "
        + "keeps it, with every backup its chain needs, and the newest full that verifies always stays.")
final class PruneCommand extends RouteCommand {
    @Option(names = "--keep-last", paramLabel = "N", description = "Keep the newest N backups.")
    Integer keepLast;

    @Option(names = "--keep-daily", paramLabel = "N",
            description = "Keep the newest backup of each of the last N days (UTC) that have backups.")
    Integer keepDaily;

    @Option(names = "--keep-weekly", paramLabel = "N",
            description = "Keep the newest backup of each of the last N ISO weeks that have backups.")
    Integer keepWeekly;

    @Option(names = "--keep-monthly", paramLabel = "N",
            description = "Keep the newest backup of each of the last N months that have backups.")
    Integer keepMonthly;

    @Option(names = "--dry-run", description = "Say what would be removed, remove nothing.")
    boolean dryRun;

    private RetentionSettings policy;

    @Override
    void checkArguments() {
        RetentionSettings configured = loadConfig().retention();
        policy = OptionChecks.option("--keep-*", () -> new RetentionSettings(
                keepLast == null ? configured.keepLast() : keepLast,
                keepDaily == null ? configured.keepDaily() : keepDaily,
                keepWeekly == null ? configured.keepWeekly() : keepWeekly,
                keepMonthly == null ? configured.keepMonthly() : keepMonthly));
    }

    @Override
    boolean leavesStoreUntouched() {
        return dryRun;
    }

    @Override
    void run(WalletServices services) throws Exception {
        PruneReport report = WalletBackupApplication.requestOnce(services, () -> {
            throw new IllegalStateException("prune reads no backup's content and needs no password");
        }, cli().clock(), "direct:backup-prune", new PruneRequest(policy, dryRun), PruneReport.class);
        if (json()) {
            printJson(report);
            return;
        }
        report.notes().forEach(note -> out().println("Note: " + note));
        out().printf("Policy: %s. %d backup(s) kept, %d %s%s%n", report.policy(), report.kept().size(),
                report.removed().size(), dryRun ? "would be removed" : "removed", dryRun ? " (dry run)" : "");
        for (PruneReport.Kept kept : report.kept()) {
            out().printf("  keep   %s %-11s %s  %s%n", kept.id(), kept.type(), kept.createdAt(),
                    String.join("; ", kept.reasons()));
        }
        for (PruneReport.Removed removed : report.removed()) {
            out().printf("  remove %s %-11s %s%n", removed.id(), removed.type(), removed.createdAt());
            removed.files().forEach(file -> out().println("    " + file));
        }
        if (!report.leftovers().isEmpty()) {
            out().printf("Leftovers of writes interrupted more than a day ago (%s):%n",
                    dryRun ? "would be removed" : "removed");
            report.leftovers().forEach(file -> out().println("    " + file));
        }
    }
}
