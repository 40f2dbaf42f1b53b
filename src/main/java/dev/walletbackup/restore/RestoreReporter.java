package dev.walletbackup.restore;

import dev.walletbackup.backup.BackupReport;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.discovery.WalletDiscovery;
import dev.walletbackup.files.AtomicFiles;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.reconcile.ReconciliationReport;
import dev.walletbackup.routes.ExchangeProperties;
import dev.walletbackup.store.WalletStore;
import dev.walletbackup.timeline.Timelines;
import dev.walletbackup.wallet.IndexReservation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The restore's last step: what it did (or, for a dry run, would do), with the reconciliation that followed written
 * under the data directory's reports/, and the warnings the operator must act on, which are logged too.
 */
public final class RestoreReporter {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreReporter.class);

    private final WalletStore store;
    private final Path dataDir;
    private final Clock clock;

    public RestoreReporter(WalletStore store, Path dataDir, Clock clock) {
        this.store = store;
        this.dataDir = dataDir;
        this.clock = clock;
    }

    public RestoreReport report(@ExchangeProperty(ExchangeProperties.RESTORE_SESSION) RestoreSession session,
                                @Body ReconciliationReport reconciled) throws IOException {
        RestoreChain chain = session.chain();
        AppliedChain applied = session.applied();
        boolean dryRun = session.dryRun();
        Map<String, Long> reconciliation = reconciled.totals();
        Path reportFile = dryRun ? null : writeReconciliationReport(reconciled, chain.target().id());
        BackupReport safety = session.safetyBackup();
        BackupReport firstBackup = session.firstBackup();
        // addresses and digest match: the chain is applied only when every address re-derived and the digest was
        // the target's
        return new RestoreReport(dryRun, chain.directory().location(), chain.ids(), chain.target().id(),
                session.validated().seedFingerprint(), applied.counts(), session.storeBefore(),
                applied.walletsRederived(), true, applied.stateDigest(), true, dryRun ? applied.reserved()
                        : applied.reserved().raisedTo(store.read(new IndexReservation()::highestReserved)),
                dryRun ? null : applied.timeline(), session.discovered(), safety == null ? null : safety.id(),
                firstBackup == null ? null : firstBackup.id(), reconciliation,
                reportFile == null ? null : reportFile.toString(),
                Duration.between(session.started(), clock.instant()).toMillis(), chain.directory().unreadable(),
                warnings(session));
    }

    /**
     * What the operator must act on: the later backups a point-in-time restore leaves behind, other timeline heads
     * in the source, reservation claims that did not authenticate, wallets newer than the backup (brought back by
     * discovery, or possibly still out there), and a first backup of the new timeline that failed.
     */
    private static List<String> warnings(RestoreSession session) {
        RestoreChain chain = session.chain();
        AppliedChain applied = session.applied();
        WalletDiscovery.Outcome discovered = session.discovered();
        boolean dryRun = session.dryRun();
        List<String> warnings = new ArrayList<>();
        Timelines timelines = Timelines.of(chain.directory().installations().get(chain.target().seedFingerprint()));
        List<BackupManifest> later = FirstBackupAfterRestore.laterInItsTimeline(chain);
        if (!later.isEmpty()) {
            warnings.add("backup " + chain.target().id() + " is not the newest of its timeline: this point-in-time "
                    + "restore " + (dryRun ? "would leave" : "leaves") + " behind " + later.size()
                    + " later backup(s), up to " + later.get(later.size() - 1).id() + " of "
                    + later.get(later.size() - 1).createdAt() + (dryRun ? ""
                    : "; it starts timeline " + applied.timeline().id() + ", which plain restores take from now on"));
        }
        chain.directory().unreadable().stream()
                .filter(finding -> finding.claimedCreatedAt().filter(chain.target().createdInstant()::isBefore).isPresent())
                .forEach(finding -> warnings.add("the manifest " + finding.file() + ", named for a backup newer than "
                        + chain.target().id() + ", cannot be read (" + finding.reason() + "): a newer state may exist"
                        + " than the one " + (dryRun ? "this restore would bring back" : "restored") + "; repair or"
                        + " remove that manifest and check with 'backup verify --all'"));
        String heads = timelines.severalHeadsWarning();
        if (heads != null) {
            warnings.add(heads);
        }
        warnings.addAll(session.validated().reservation().ignored());
        if (!dryRun && !(discovered.ran() && discovered.found().isEmpty())) {
            warnings.add(discovered.ran()
                    ? discovered.found().size() + " wallet(s) created after backup " + chain.target().id() + " were "
                    + "found on chain and restored as suspended (\"" + WalletDiscovery.REASON + "\"): give each back "
                    + "to its agent"
                    : applied.reserved().warning(chain.target().id()) + "; run 'wallet-backup wallets discover' once "
                    + "chain endpoints are configured (discovery: " + discovered.reason() + ")");
        }
        if (!dryRun && !later.isEmpty() && session.firstBackup() == null) {
            warnings.add("the first backup of timeline " + applied.timeline().id() + " failed (see the log): take a "
                    + "full backup now; until then " + chain.directory().location() + " holds only the history this "
                    + "restore branched from");
        }
        // at INFO: the command prints them itself, on standard error; the service logs INFO lines always
        warnings.forEach(warning -> LOG.info("Restore: {}", warning));
        return List.copyOf(warnings);
    }

    /** The reconciliation report as JSON under the data directory's reports/, where the operator reads it. */
    private Path writeReconciliationReport(ReconciliationReport report, String backupId) throws IOException {
        Path directory = AtomicFiles.privateDirectory(dataDir.resolve("reports"));
        Path file = directory.resolve("reconciliation-after-restore-" + backupId + "-" + clock.millis() + ".json");
        AtomicFiles.writeAtomically(file,
                WalletJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        return file;
    }
}
