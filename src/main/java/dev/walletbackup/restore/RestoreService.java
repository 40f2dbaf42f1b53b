package dev.walletbackup.restore;

import dev.walletbackup.app.WalletServices;
import dev.walletbackup.backup.BackupPasswordSource;
import dev.walletbackup.backup.BackupReport;
import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.DataKeys;
import dev.walletbackup.backup.store.BackupDirectory;
import dev.walletbackup.backup.store.AtomicFiles;
import dev.walletbackup.backup.store.BackupSources;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.discovery.WalletDiscovery;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.reconcile.ReconciliationReport;
import dev.walletbackup.reconcile.Reconciler;
import dev.walletbackup.store.WalletStore;
import dev.walletbackup.timeline.Timelines;
import dev.walletbackup.wallet.IndexReservation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The restore route's steps: resolve the chain, check every file (nothing decrypted beyond its header), guard the
 * store, apply in one transaction that decrypts, proves and writes each file in one read (or, for a dry run, into a
 * scratch store that is thrown away), and report.
 */
public final class RestoreService {
    public static final String CHAIN = "walletRestoreChain";
    public static final String REQUEST = "walletRestoreRequest";
    public static final String VALIDATED = "walletRestoreValidated";
    public static final String APPLIED = "walletRestoreApplied";
    public static final String STORE_BEFORE = "walletRestoreStoreBefore";
    public static final String SAFETY_BACKUP = "walletRestoreSafetyBackup";
    public static final String STARTED = "walletRestoreStarted";
    public static final String DISCOVERED = "walletRestoreDiscovered";
    public static final String FIRST_BACKUP = "walletRestoreFirstBackup";
    /** The data keys of the source's backups, each unwrapped once for the whole restore ({@link DataKeys}). */
    public static final String KEYS = "walletRestoreKeys";
    private static final Logger LOG = LoggerFactory.getLogger(RestoreService.class);

    private final WalletServices services;
    private final BackupPasswordSource passwords;
    private final StoreRestorer restorer;
    private final WalletDiscovery discovery;
    private final Clock clock;

    public RestoreService(WalletServices services, BackupPasswordSource passwords, StoreRestorer restorer,
                          WalletDiscovery discovery, Clock clock) {
        this.services = services;
        this.passwords = passwords;
        this.restorer = restorer;
        this.discovery = discovery;
        this.clock = clock;
    }

    public Instant start() {
        return clock.instant();
    }

    /**
     * Opens the source and finds the chain. The source stays open until the exchange is done, successful or not:
     * a downloaded copy is needed by every later step and deleted afterwards. So do the data keys (exchange
     * property {@value #KEYS}): every later step opens backups with them, and they are wiped at the end.
     */
    public RestoreChain resolve(@Body RestoreRequest request, Exchange exchange) throws IOException {
        BackupDirectory directory = BackupSources.open(request.source(), services.config());
        DataKeys keys = new DataKeys(passwords);
        exchange.setProperty(KEYS, keys);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                keys.close();
                try {
                    directory.close();
                } catch (IOException e) {
                    LOG.warn("Could not delete the downloaded copy of {} in {}: {}", directory.location(),
                            directory.directory(), e.getMessage());
                }
            }
        });
        return new RestoreChainResolver().resolve(directory, request.backupId(), request.at(), request.fingerprint());
    }

    public RestoreValidator.Validated validate(@ExchangeProperty(CHAIN) RestoreChain chain,
                                               @ExchangeProperty(KEYS) DataKeys keys) {
        RestoreValidator.Validated validated = new RestoreValidator().validate(chain, keys);
        LOG.info("Restore chain {} checked: every file's size, SHA-256 and authenticated header (seed {}); its "
                + "chunks, digests and addresses are proven as it is applied", chain.ids(), validated.seedFingerprint());
        return validated;
    }

    /** The store's rows before anything happens; refuses a non-empty store unless forced or a dry run. */
    public Map<String, Long> guard(@ExchangeProperty(REQUEST) RestoreRequest request) {
        Map<String, Long> before = services.store().read(StoreRestorer::counts);
        if (!request.dryRun() && !request.force() && !StoreRestorer.isEmpty(services.store())) {
            throw new IllegalStateException("the store is not empty (" + before.get("wallets") + " wallets): restore "
                    + "will not overwrite it. Check with --dry-run, then use --force: a safety full backup of the "
                    + "current state is taken first");
        }
        return before;
    }

    public boolean needsSafetyBackup(@ExchangeProperty(REQUEST) RestoreRequest request) {
        return request.force() && !request.dryRun() && !StoreRestorer.isEmpty(services.store());
    }

    public StoreRestorer.Applied apply(@ExchangeProperty(REQUEST) RestoreRequest request,
                                      @ExchangeProperty(CHAIN) RestoreChain chain,
                                      @ExchangeProperty(VALIDATED) RestoreValidator.Validated validated,
                                      @ExchangeProperty(KEYS) DataKeys keys) throws IOException {
        long sourceReservation = validated.reservation().highest();
        if (request.dryRun()) {
            return dryRun(chain, keys, sourceReservation);
        }
        StoreRestorer.Applied applied = restorer.apply(services.store(), chain, keys, passwords, sourceReservation);
        new BackupCatalog(services.store()).clear();
        LOG.info("Restored backup {} ({} wallets, {} addresses re-derived from seed {}) and started timeline {}; the "
                + "next backup is a full", chain.target().id(), applied.counts().get("wallets"),
                applied.walletsRederived(), validated.seedFingerprint(), applied.timeline().id());
        return applied;
    }

    /**
     * A point-in-time restore abandons the later backups of its timeline: its new timeline must show in the backup
     * directory at once, or a plain restore after the next disaster would bring the abandoned history back. A
     * restore of a timeline's newest backup abandons nothing (and a drill of it leaves nothing behind); a dry run
     * changes nothing.
     */
    public boolean needsFirstBackup(@ExchangeProperty(REQUEST) RestoreRequest request,
                                    @ExchangeProperty(CHAIN) RestoreChain chain) {
        return !request.dryRun() && !laterInItsTimeline(chain).isEmpty();
    }

    private static List<BackupManifest> laterInItsTimeline(RestoreChain chain) {
        return Timelines.of(chain.directory().installations().get(chain.target().seedFingerprint()))
                .laterInItsTimeline(chain.target());
    }

    /**
     * The first backup of the new timeline failed: the restore stands (it is committed), and the operator is told
     * to take one, since until then the source shows only the history the restore branched from.
     */
    public BackupReport firstBackupFailed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) {
        LOG.error("The first backup after the restore failed: {}; take a full backup ('wallet-backup backup full') as "
                + "soon as the cause is fixed", failure.getMessage());
        return null;
    }

    /**
     * Brings back the wallets created after the restored backup that the chains know of. The restore is committed
     * whatever happens here: a chain that cannot be asked is reported, and the reservation still holds.
     */
    public WalletDiscovery.Outcome discover(@ExchangeProperty(REQUEST) RestoreRequest request) {
        if (request.dryRun()) {
            return new WalletDiscovery.Outcome(false, "dry run: nothing was restored", services.config()
                    .discoveryGapLimit(), -1, List.of());
        }
        try {
            return discovery.discover();
        } catch (RuntimeException e) {
            LOG.error("Discovery after the restore failed: {}; run 'wallet-backup wallets discover' once the cause is "
                    + "fixed", e.getMessage());
            return new WalletDiscovery.Outcome(false, "failed: " + e.getMessage(),
                    services.config().discoveryGapLimit(), -1, List.of());
        }
    }

    public RestoreReport report(@ExchangeProperty(REQUEST) RestoreRequest request,
                                @ExchangeProperty(CHAIN) RestoreChain chain,
                                @ExchangeProperty(VALIDATED) RestoreValidator.Validated validated,
                                @ExchangeProperty(APPLIED) StoreRestorer.Applied applied,
                                @ExchangeProperty(STORE_BEFORE) Map<String, Long> before,
                                @ExchangeProperty(SAFETY_BACKUP) BackupReport safety,
                                @ExchangeProperty(FIRST_BACKUP) BackupReport firstBackup,
                                @ExchangeProperty(STARTED) Instant started,
                                @ExchangeProperty(DISCOVERED) WalletDiscovery.Outcome discovered,
                                @Body ReconciliationReport reconciled) throws IOException {
        Map<String, Long> reconciliation = reconciled.totals();
        Path reportFile = request.dryRun() ? null : writeReconciliationReport(reconciled, chain.target().id());
        // addresses and digest match: apply returns only when every address re-derived and the digest was the target's
        return new RestoreReport(request.dryRun(), chain.directory().location(), chain.ids(),
                chain.target().id(), validated.seedFingerprint(), applied.counts(), before,
                applied.walletsRederived(), true, applied.stateDigest(), true, request.dryRun() ? applied.reserved()
                        : applied.reserved().raisedTo(services.store().read(new IndexReservation()::highestReserved)),
                request.dryRun() ? null : applied.timeline(), discovered, safety == null ? null : safety.id(),
                firstBackup == null ? null : firstBackup.id(), reconciliation,
                reportFile == null ? null : reportFile.toString(), Duration.between(started, clock.instant()).toMillis(),
                chain.directory().unreadable(), warnings(request, chain, validated, applied, discovered, firstBackup));
    }

    /**
     * What the operator must act on: the later backups a point-in-time restore leaves behind, other timeline heads
     * in the source, reservation claims that did not
     * authenticate, wallets newer than the backup (brought back by discovery, or possibly still out there), and a
     * first backup of the new timeline that failed.
     */
    private static List<String> warnings(RestoreRequest request, RestoreChain chain, RestoreValidator.Validated validated,
                                         StoreRestorer.Applied applied, WalletDiscovery.Outcome discovered,
                                         BackupReport firstBackup) {
        List<String> warnings = new ArrayList<>();
        Timelines timelines = Timelines.of(chain.directory().installations().get(chain.target().seedFingerprint()));
        List<BackupManifest> later = laterInItsTimeline(chain);
        if (!later.isEmpty()) {
            warnings.add("backup " + chain.target().id() + " is not the newest of its timeline: this point-in-time "
                    + "restore " + (request.dryRun() ? "would leave" : "leaves") + " behind " + later.size()
                    + " later backup(s), up to " + later.get(later.size() - 1).id() + " of "
                    + later.get(later.size() - 1).createdAt() + (request.dryRun() ? ""
                    : "; it starts timeline " + applied.timeline().id() + ", which plain restores take from now on"));
        }
        String heads = timelines.severalHeadsWarning();
        if (heads != null) {
            warnings.add(heads);
        }
        warnings.addAll(validated.reservation().ignored());
        if (!request.dryRun() && !(discovered.ran() && discovered.found().isEmpty())) {
            warnings.add(discovered.ran()
                    ? discovered.found().size() + " wallet(s) created after backup " + chain.target().id() + " were "
                    + "found on chain and restored as suspended (\"" + WalletDiscovery.REASON + "\"): give each back "
                    + "to its agent"
                    : applied.reserved().warning(chain.target().id()) + "; run 'wallet-backup wallets discover' once "
                    + "chain endpoints are configured (discovery: " + discovered.reason() + ")");
        }
        if (!request.dryRun() && !later.isEmpty() && firstBackup == null) {
            warnings.add("the first backup of timeline " + applied.timeline().id() + " failed (see the log): take a full "
                    + "backup now; until then " + chain.directory().location() + " holds only the history this restore "
                    + "branched from");
        }
        warnings.forEach(warning -> LOG.warn("Restore: {}", warning));
        return List.copyOf(warnings);
    }

    /** The reconciliation report as JSON under the data directory's reports/, where the operator reads it. */
    private Path writeReconciliationReport(ReconciliationReport report, String backupId) throws IOException {
        Path directory = AtomicFiles.privateDirectory(services.config().dataDir().resolve("reports"));
        Path file = directory.resolve("reconciliation-after-restore-" + backupId + "-" + clock.millis() + ".json");
        AtomicFiles.writeAtomically(file, WalletJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        return file;
    }

    /** A dry run leaves the store as it was, so there is nothing new to reconcile and no telemetry to send. */
    public ReconciliationReport notReconciled() {
        String why = "dry run: nothing was restored";
        return ReconciliationReport.empty(new Reconciler.Heights(null, why, null, why));
    }

    /** The restore is committed whatever reconciliation does: a failed reconciliation is logged and reported empty. */
    public ReconciliationReport reconciliationFailed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) {
        LOG.error("Reconciliation after the restore failed: {}; run 'wallet-backup reconcile' once the cause is fixed",
                failure.getMessage());
        return ReconciliationReport.empty(new Reconciler.Heights(null, failure.getMessage(), null, failure.getMessage()));
    }

    /** Applies the chain to a scratch store in a temporary directory, reads what it got, and deletes it. */
    private StoreRestorer.Applied dryRun(RestoreChain chain, DataKeys keys, long sourceReservation) throws IOException {
        Path scratch = Files.createTempDirectory("wallet-backup-dry-run-");
        WalletConfig config = services.config().with(Map.of(WalletConfig.DATA_DIR, scratch.toString(),
                WalletConfig.DB_URL, "", WalletConfig.DB_USER, "", WalletConfig.DB_PASSWORD, ""));
        try (WalletStore store = WalletStore.open(config)) {
            return restorer.apply(store, chain, keys, passwords, sourceReservation);
        } finally {
            AtomicFiles.deleteTree(scratch);
        }
    }
}
