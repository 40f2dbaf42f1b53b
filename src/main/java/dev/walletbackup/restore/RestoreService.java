package dev.walletbackup.restore;

import dev.walletbackup.app.WalletServices;
import dev.walletbackup.backup.BackupPasswordSource;
import dev.walletbackup.backup.BackupReport;
import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.store.BackupDirectory;
import dev.walletbackup.backup.store.AtomicFiles;
import dev.walletbackup.backup.store.BackupSources;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.discovery.WalletDiscovery;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.reconcile.ReconciliationReport;
import dev.walletbackup.reconcile.Reconciler;
import dev.walletbackup.store.WalletStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The restore route's steps: resolve the chain, validate all of it, guard the store, apply in one transaction
 * (or, for a dry run, into a scratch store that is thrown away), and report.
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
     * a downloaded copy is needed by every later step and deleted afterwards.
     */
    public RestoreChain resolve(@Body RestoreRequest request, Exchange exchange) throws IOException {
        BackupDirectory directory = BackupSources.open(request.source(), services.config());
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
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

    public RestoreValidator.Validated validate(@ExchangeProperty(CHAIN) RestoreChain chain) throws IOException {
        RestoreValidator.Validated validated = new RestoreValidator().validate(chain, passwords);
        LOG.info("Restore chain {} validated: every file authentic, {} wallet addresses re-derived from seed {}",
                chain.ids(), validated.walletsRederived(), validated.seedFingerprint());
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
                                      @ExchangeProperty(CHAIN) RestoreChain chain) throws IOException {
        if (request.dryRun()) {
            return dryRun(chain);
        }
        StoreRestorer.Applied applied = restorer.apply(services.store(), chain, passwords);
        new BackupCatalog(services.store()).clear();
        LOG.info("Restored backup {} ({} wallets); the next backup starts a new chain with a full backup",
                chain.target().id(), applied.counts().get("wallets"));
        return applied;
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
                                @ExchangeProperty(STARTED) Instant started,
                                @ExchangeProperty(DISCOVERED) WalletDiscovery.Outcome discovered,
                                @Body ReconciliationReport reconciled) throws IOException {
        Map<String, Long> reconciliation = reconciled.totals();
        Path reportFile = request.dryRun() ? null : writeReconciliationReport(reconciled, chain.target().id());
        return new RestoreReport(request.dryRun(), chain.directory().location(), chain.ids(),
                chain.target().id(), validated.seedFingerprint(), applied.counts(), before,
                validated.walletsRederived(), true, applied.stateDigest(),
                applied.stateDigest().equals(chain.target().stateDigest()), applied.reserved(), discovered,
                safety == null ? null : safety.id(), reconciliation, reportFile == null ? null : reportFile.toString(),
                Duration.between(started, clock.instant()).toMillis(), chain.directory().unreadable(),
                warnings(request, chain, applied, discovered));
    }

    /** Wallets newer than the backup: brought back by discovery, or possibly still out there. */
    private static List<String> warnings(RestoreRequest request, RestoreChain chain, StoreRestorer.Applied applied,
                                         WalletDiscovery.Outcome discovered) {
        if (request.dryRun() || discovered.ran() && discovered.found().isEmpty()) {
            return List.of();
        }
        String warning = discovered.ran()
                ? discovered.found().size() + " wallet(s) created after backup " + chain.target().id() + " were found on "
                + "chain and restored as suspended (\"" + WalletDiscovery.REASON + "\"): give each back to its agent"
                : applied.reserved().warning(chain.target().id()) + "; run 'wallet-backup wallets discover' once "
                + "chain endpoints are configured (discovery: " + discovered.reason() + ")";
        LOG.warn("Restore: {}", warning);
        return List.of(warning);
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
    private StoreRestorer.Applied dryRun(RestoreChain chain) throws IOException {
        Path scratch = Files.createTempDirectory("wallet-backup-dry-run-");
        WalletConfig config = services.config().with(Map.of(WalletConfig.DATA_DIR, scratch.toString(),
                WalletConfig.DB_URL, "", WalletConfig.DB_USER, "", WalletConfig.DB_PASSWORD, ""));
        try (WalletStore store = WalletStore.open(config)) {
            return restorer.apply(store, chain, passwords);
        } finally {
            AtomicFiles.deleteTree(scratch);
        }
    }
}
