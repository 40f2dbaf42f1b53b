package dev.walletbackup.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.walletbackup.NotFoundException;
import dev.walletbackup.app.WalletBackupApplication;
import dev.walletbackup.app.WalletServices;
import dev.walletbackup.backup.BackupReport;
import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.catalog.CatalogEntry;
import dev.walletbackup.backup.catalog.LocalCopyCheck;
import dev.walletbackup.backup.destination.BackupDirectory;
import dev.walletbackup.backup.destination.BackupSources;
import dev.walletbackup.backup.destination.DestinationOutcome;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.Timeline;
import dev.walletbackup.backup.verify.BackupVerifier;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.crypto.PasswordSource;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.rekey.RekeyReport;
import dev.walletbackup.timeline.TimelineRepository;
import dev.walletbackup.timeline.Timelines;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backup full | incremental | list | verify | sync | prune | rekey}. */
@Command(name = "backup", description = "Make, list and verify encrypted backups.",
        subcommands = {BackupCommands.Full.class, BackupCommands.Incremental.class, BackupCommands.ListBackups.class,
                BackupCommands.Verify.class, BackupCommands.Sync.class, PruneCommand.class, BackupCommands.Rekey.class})
final class BackupCommands {

    /** Runs one backup through the same Camel routes the schedules use. */
    abstract static class MakeBackup extends RouteCommand {
        @Mixin
        PasswordOptions password;

        abstract String endpoint();


        @Override
        void run(WalletServices services) throws Exception {
            password.readToSeal(cli().environment()).close();
            BackupReport report = WalletBackupApplication.requestBackup(services,
                    () -> password.read(cli().environment()), cli().clock(), endpoint());
            if (json()) {
                printJson(report);
                return;
            }
            if (report.note() != null) {
                out().println("Note: " + report.note());
            }
            out().printf("Backup %s (%s%s) in %d ms%n", report.id(), report.type().wireName(),
                    report.parentId() == null ? "" : ", parent " + report.parentId(), report.durationMs());
            out().printf("  %d wallets, %d lifecycle records, %d balances, %d tombstones, %d bytes%n",
                    report.counts().wallets(), report.counts().lifecycleRecords(), report.counts().balances(),
                    report.counts().tombstones(), report.bytes());
            out().printf("  state digest %s%n", report.stateDigest());
            for (DestinationOutcome destination : report.destinations()) {
                out().printf("  %-8s %-7s %s%s%n", destination.name(), destination.status(),
                        destination.location() == null ? "" : destination.location(),
                        destination.message() == null ? "" : " (" + destination.message() + ")");
            }
        }
    }

    @Command(name = "full", description = "Back up the whole wallet state now.")
    static final class Full extends MakeBackup {
        @Override
        String endpoint() {
            return "direct:backup-full";
        }
    }

    @Command(name = "incremental", description = "Back up what changed since the newest backup (a full one if there is none).")
    static final class Incremental extends MakeBackup {
        @Override
        String endpoint() {
            return "direct:backup-incremental";
        }
    }

    @Command(name = "sync", description = "Push every off-site copy that has not arrived yet, now.")
    static final class Sync extends RouteCommand {
        @Mixin
        PasswordOptions password;


        @Override
        void run(WalletServices services) throws Exception {
            List<?> outcomes = WalletBackupApplication.requestOnce(services, () -> password.read(cli().environment()),
                    cli().clock(), "direct:backup-sync", Boolean.TRUE, List.class);
            if (json()) {
                printJson(outcomes);
            } else {
                long stored = outcomes.stream().filter(outcome -> !((DestinationOutcome) outcome).isPending()).count();
                out().println(outcomes.isEmpty() ? "Every backup is at every destination."
                        : "Stored " + stored + " of the " + outcomes.size() + " missing copies:");
                for (Object outcome : outcomes) {
                    DestinationOutcome copy = (DestinationOutcome) outcome;
                    out().printf("  %-8s %-8s %s%s%n", copy.name(), copy.status(),
                            copy.location() == null ? "" : copy.location(),
                            copy.message() == null ? "" : " (" + copy.message() + ")");
                }
            }
            if (outcomes.stream().anyMatch(outcome -> ((DestinationOutcome) outcome).isPending())) {
                throw new IllegalStateException("some copies are still pending; they will be retried");
            }
        }
    }

    @Command(name = "rekey", description = "Change the password: rewrite every backup in the backup directory (and its "
            + "S3 copy) under the new password, then re-seal the store's seed. Interrupted, run it again with both passwords.")
    static final class Rekey extends RouteCommand {
        @Mixin
        PasswordOptions password;

        @Option(names = "--new-password-file", paramLabel = "FILE", required = true,
                description = "File whose first line is the new password (never on the command line).")
        Path newPasswordFile;

        @Override
        void run(WalletServices services) throws Exception {
            try (Password current = password.read(cli().environment());
                 Password next = PasswordOptions.readToSeal("--new-password-file", newPasswordFile)) {
                if (current.sameAs(next) && !json()) {
                    // a check that everything is under this password, not a rotation: say so before it runs
                    out().println("Note: --new-password-file " + newPasswordFile + " holds the current password: "
                            + "nothing is rotated, every backup is only checked");
                }
            }
            PasswordSource newPassword = () -> PasswordOptions.readToSeal("--new-password-file", newPasswordFile);
            RekeyReport report = WalletBackupApplication.requestOnce(services, () -> password.read(cli().environment()),
                    cli().clock(), "direct:backup-rekey", newPassword, RekeyReport.class);
            if (json()) {
                printJson(report);
                return;
            }
            out().printf("Rekeyed %d backup(s) in %s%s%n", report.rekeyed().size(), report.directory(),
                    report.alreadyRekeyed().isEmpty() ? ""
                            : "; " + report.alreadyRekeyed().size() + " were under the new password already");
            report.rekeyed().forEach(id -> out().println("  rekeyed  " + id));
            report.alreadyRekeyed().forEach(id -> out().println("  checked  " + id + " (already under the new password)"));
            report.offsiteRekeyed().forEach(location -> out().println("  replaced " + location));
            report.otherInstallations().forEach(file -> out().println("  left     " + file
                    + " (another installation's seed: rekey it from that installation's store)"));
            out().println(report.storeResealed() ? "The store's master seed is now sealed under the new password."
                    : "The store's master seed was already sealed under the new password.");
        }
    }

    @Command(name = "list", description = "List backups, newest last: from the store's catalog, or from a directory's manifests (--source).")
    static final class ListBackups extends StoreCommand {
        @Option(names = "--source", paramLabel = "DIR|s3://BUCKET/PREFIX",
                description = "Read the manifests there instead of the catalog; needs nothing else.")
        String source;

        /** One installation of a source, as {@code list --source --json} shows it. */
        record Installation(String seedFingerprint, int backups, String newestId, String newestCreatedAt,
                            List<TimelineSummary> timelines) {
        }

        /** One timeline of an installation: {@code id} is "version-1" for backups made before timelines. */
        record TimelineSummary(String id, String startedAt, String parentId, String branchedFrom, int backups,
                               String headId) {
            static TimelineSummary of(Timelines.Line line) {
                Timeline timeline = line.timeline();
                return new TimelineSummary(line.id(), timeline == null ? null : timeline.startedAt(),
                        timeline == null ? null : timeline.parentId(), timeline == null ? null : timeline.branchedFrom(),
                        line.backups().size(), line.head().id());
            }
        }

        @Override
        Integer callWithoutStore() throws Exception {
            try (BackupDirectory directory = BackupSources.open(source, loadConfig())) {
                Map<String, List<BackupManifest>> installations = directory.installations();
                if (json()) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("source", directory.location());
                    out.put("installations", installations.entrySet().stream().map(entry -> {
                        Timelines timelines = Timelines.of(entry.getValue());
                        return new Installation(entry.getKey(), entry.getValue().size(), timelines.newest().id(),
                                timelines.newest().createdAt(),
                                timelines.lines().stream().map(TimelineSummary::of).toList());
                    }).toList());
                    out.put("backups", directory.manifests());
                    out.put("ignored", directory.unreadable());
                    out.put("orphans", directory.orphans());
                    out.put("warnings", directory.severalHeadsWarnings());
                    printJson(out);
                    return ExitCodes.OK;
                }
                if (installations.size() > 1) {
                    out().printf("%s holds backups of %d installations (seed fingerprints); restore needs "
                            + "--fingerprint FP.%n", directory.location(), installations.size());
                }
                if (installations.isEmpty()) {
                    printHeading();
                }
                installations.forEach((fingerprint, manifests) -> {
                    if (installations.size() > 1) {
                        out().printf("%nInstallation %s, %d backup(s):%n", fingerprint, manifests.size());
                    }
                    Timelines timelines = Timelines.of(manifests);
                    for (Timelines.Line line : timelines.lines()) {
                        if (timelines.lines().size() > 1) {
                            out().printf("Timeline %s%s:%n", line.describe(),
                                    line == timelines.newestLine() ? ", the newest" : "");
                        }
                        printHeading();
                        line.backups().forEach(manifest -> printRow(manifest.id(), manifest.type().wireName(),
                                manifest.parentId(), manifest.createdAt(), manifest.counts().wallets(),
                                manifest.bytes()));
                    }
                });
                SourceWarnings.print(err(), directory);
                return ExitCodes.OK;
            }
        }

        @Override
        boolean needsStore() {
            return source == null;
        }

        /**
         * The catalog as the backup directory bears it out: every entry says whether its file is there intact
         * ({@code local}: present, missing or damaged, with the problem), so the list never shows a backup that is
         * not there as if it were.
         */
        @Override
        void run(WalletServices services) throws Exception {
            List<CatalogEntry> entries = new BackupCatalog(services.store()).list();
            LocalCopyCheck localCopies = new LocalCopyCheck(services.config().backupPath());
            Map<String, LocalCopyCheck.Result> local = new LinkedHashMap<>();
            entries.forEach(entry -> local.put(entry.id(), localCopies.check(entry)));
            if (json()) {
                List<ObjectNode> listed = entries.stream().map(entry -> {
                    ObjectNode node = WalletJson.mapper().valueToTree(entry);
                    node.put("local", local.get(entry.id()).status().name().toLowerCase(Locale.ROOT));
                    node.put("localProblem", local.get(entry.id()).problem());
                    return node;
                }).toList();
                printJson(listed);
                return;
            }
            Timeline timeline = services.store().read(connection -> new TimelineRepository().current(connection));
            out().printf("The store's timeline: %s%n", timeline.describe());
            printHeading();
            entries.forEach(entry -> printRow(entry.id(), entry.type().wireName(), entry.parentId(),
                    entry.createdAt().toString(), entry.counts().wallets(), entry.bytes()));
            local.forEach((id, result) -> {
                if (!result.present()) {
                    out().println(result.status() + "  " + id + ": " + result.problem());
                }
            });
            List<String> pending = entries.stream().flatMap(entry -> entry.destinations().stream()
                    .filter(DestinationOutcome::isPending).map(outcome -> entry.id() + " is not yet at " + outcome.name()
                            + " (" + outcome.attempts() + " attempts: " + outcome.message() + ")")).toList();
            pending.forEach(line -> out().println("PENDING  " + line));
        }

        private void printHeading() {
            out().printf("%-16s %-11s %-16s %-24s %10s %12s%n", "ID", "TYPE", "PARENT", "CREATED", "WALLETS", "BYTES");
        }

        private void printRow(String id, String type, String parent, String created, long wallets, long bytes) {
            out().printf("%-16s %-11s %-16s %-24s %10d %12d%n", id, type, parent == null ? "-" : parent, created,
                    wallets, bytes);
        }
    }

    @Command(name = "verify", description = "Check backup files: SHA-256 and chain links without a password; "
            + "with --deep also decrypt and authenticate everything and recompute the digests.")
    static final class Verify extends StoreCommand {
        @Parameters(arity = "0..1", paramLabel = "ID", description = "The backup to verify, with its chain (default: the newest of each installation).")
        String id;

        @Option(names = "--all", description = "Verify every backup in the directory.")
        boolean all;

        @Option(names = "--deep", description = "Also decrypt every chunk and recompute digests and counts (password needed).")
        boolean deep;

        @Option(names = "--source", paramLabel = "DIR|s3://BUCKET/PREFIX",
                description = "Where the backups are (default: the configured backup directory).")
        String source;

        @Mixin
        PasswordOptions password;

        @Override
        boolean needsStore() {
            return false;
        }

        @Override
        Integer callWithoutStore() throws Exception {
            if (all && id != null) {
                throw new UsageException("give a backup ID or --all, not both");
            }
            try (BackupDirectory directory = BackupSources.open(source, loadConfig())) {
                return verify(directory);
            }
        }

        /**
         * Verifies the selection: {@code --all}, one backup, or by default the newest of each installation, each
         * with its chain. Unreadable manifests and orphans are warnings; with {@code --all} an unreadable manifest
         * is also an integrity failure, reported after every readable backup was checked.
         */
        private int verify(BackupDirectory directory) throws Exception {
            List<BackupManifest> selected;
            if (id != null) {
                selected = List.of(directory.require(id, () -> new NotFoundException(
                        "no backup " + id + " in " + directory.location() + " (no manifest names it)")));
            } else {
                // nothing to verify is a failure, with --all too: "verified" must never mean "found nothing"
                directory.requireAny();
                selected = all ? directory.manifests()
                        : directory.installations().values().stream().map(BackupDirectory::newest).toList();
            }
            if (deep) {
                password.read(cli().environment()).close();
            }
            List<BackupVerifier.Result> results = new BackupVerifier(progress()).verify(directory, selected,
                    deep ? () -> password.read(cli().environment()) : null);
            String failure = integrityFailure(directory, results);
            if (json()) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("ok", failure == null);
                out.put("deep", deep);
                out.put("backups", results);
                out.put("ignored", directory.unreadable());
                out.put("orphans", directory.orphans());
                out.put("warnings", directory.severalHeadsWarnings());
                if (failure != null) {
                    out.putAll(FailureReporter.error(spec.qualifiedName(), ExitCodes.INTEGRITY, failure));
                }
                printJson(out);
            } else {
                for (BackupVerifier.Result result : results) {
                    out().printf("%-16s %-11s %s%s%n", result.id(), result.type(), result.ok() ? "ok" : "FAILED",
                            result.ok() ? (deep ? " (decrypted, digests recomputed)" : " (SHA-256, header, chain)")
                                    : ": " + result.problem());
                }
                SourceWarnings.print(err(), directory);
                if (failure != null) {
                    err().println(spec.qualifiedName() + ": " + failure);
                }
            }
            return failure == null ? ExitCodes.OK : ExitCodes.INTEGRITY;
        }

        /**
         * What makes this verification fail, or {@code null}: the first backup found damaged, or with {@code --all}
         * manifests that cannot be read, which fail it after every readable backup was checked.
         */
        private String integrityFailure(BackupDirectory directory, List<BackupVerifier.Result> results) {
            String damaged = results.stream().filter(result -> !result.ok()).map(BackupVerifier.Result::problem)
                    .findFirst().orElse(null);
            if (damaged != null) {
                return "integrity failure: " + damaged;
            }
            if (all && !directory.unreadable().isEmpty()) {
                return String.format("integrity failure: %d manifest(s) in %s cannot be read (%s); every other backup "
                                + "is intact", directory.unreadable().size(), directory.location(),
                        json() ? "listed under \"ignored\"" : "named above");
            }
            return null;
        }
    }
}
