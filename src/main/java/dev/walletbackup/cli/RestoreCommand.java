package dev.walletbackup.cli;

import dev.walletbackup.app.WalletBackupApplication;
import dev.walletbackup.app.WalletServices;
import dev.walletbackup.restore.InstallationChoiceException;
import dev.walletbackup.restore.RestoreReport;
import dev.walletbackup.restore.RestoreRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code restore}: bring the wallet state back from a chain of backups, through the restore route. */
@Command(name = "restore", description = "Restore the wallet state from backups: validate the whole chain, then "
        + "apply it in one transaction and prove the result.")
final class RestoreCommand extends RouteCommand {
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-fA-F]{8}");

    @Override
    boolean createsStore() {
        return true;
    }

    @Override
    boolean leavesStoreUntouched() {
        return dryRun;
    }

    @Mixin
    PasswordOptions password;

    @Option(names = "--source", paramLabel = "DIR|s3://BUCKET/PREFIX",
            description = "Where the backups are (default: the configured backup directory).")
    String source;

    @Option(names = "--backup", paramLabel = "ID", description = "Restore to this backup (default: the newest).")
    String backupId;

    @Option(names = "--at", paramLabel = "ISO-8601", description = "Restore to the newest backup made at or before this instant.")
    String at;

    @Option(names = "--fingerprint", paramLabel = "FP", description = "Restore this installation (seed fingerprint) "
            + "when the source holds backups of several; --backup implies its own.")
    String fingerprint;

    @Option(names = "--dry-run", description = "Validate and apply to a scratch store; change nothing.")
    boolean dryRun;

    @Option(names = "--force", description = "Restore into a non-empty store, after a safety full backup of it.")
    boolean force;


    @Override
    void run(WalletServices services) throws Exception {
        if (backupId != null && at != null) {
            throw new UsageException("give --backup or --at, not both");
        }
        Instant atInstant;
        try {
            atInstant = at == null ? null : Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new UsageException("--at must be an ISO-8601 instant such as 2026-11-25T12:00:00Z");
        }
        if (fingerprint != null && !FINGERPRINT.matcher(fingerprint).matches()) {
            throw new UsageException("--fingerprint must be 8 hex digits, as 'backup list --source' shows them");
        }
        password.read(cli().environment()).close();
        RestoreReport report;
        try {
            report = WalletBackupApplication.requestOnce(services, () -> password.read(cli().environment()),
                    cli().clock(), "direct:restore", new RestoreRequest(source, backupId, atInstant, dryRun, force,
                            fingerprint == null ? null : fingerprint.toLowerCase(Locale.ROOT)), RestoreReport.class);
        } catch (InstallationChoiceException e) {
            throw new UsageException(e.getMessage());
        }
        if (json()) {
            printJson(report);
            return;
        }
        SourceWarnings.print(err(), report.ignored(), List.of());
        out().printf("%s backup %s from %s (chain %s) in %d ms%n", dryRun ? "Dry run of restoring" : "Restored",
                report.target(), report.source(), String.join(" → ", report.chain()), report.durationMs());
        if (report.safetyBackupId() != null) {
            out().printf("  safety backup of the previous state: %s%n", report.safetyBackupId());
        }
        out().printf("  seed %s; %d wallet addresses re-derived and matching%n", report.seedFingerprint(),
                report.walletsRederived());
        out().printf("  %s: %s (store before: %s)%n", dryRun ? "would restore" : "restored", report.restored(),
                report.storeBefore());
        out().printf("  state digest %s %s%n", report.stateDigest(), report.digestMatch() ? "matches the backup" : "DIFFERS");
        out().printf("  derivation indices %s up to %d: new wallets are created above%n",
                dryRun ? "would be reserved" : "reserved", report.reservedIndices().reservedThrough());
        if (report.timeline() != null) {
            out().printf("  started timeline %s%s%n", report.timeline().id(), report.firstBackupId() == null ? ""
                    : "; its first backup: " + report.firstBackupId());
        }
        DiscoveryLines.print(out(), report.discovery());
        out().printf("  reconciliation: %s%s%n", report.reconciliation(), report.reconciliationReport() == null ? ""
                : " — report in " + report.reconciliationReport());
        report.warnings().forEach(warning -> err().println("WARNING: " + warning));
    }
}
