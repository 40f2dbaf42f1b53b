package dev.walletbackup.restore;

import dev.walletbackup.backup.BackupReport;
import dev.walletbackup.backup.destination.BackupDirectory;
import dev.walletbackup.backup.format.DataKeys;
import dev.walletbackup.discovery.WalletDiscovery;
import java.time.Instant;
import java.util.Map;

/**
 * The state of one restore as it moves through routes/restore.camel.yaml, one exchange property
 * ({@code ExchangeProperties.RESTORE_SESSION}): what was asked, the open source and its data keys, and what each
 * step found, in the order the steps run. Each step records its outcome here; the report reads them all.
 */
public final class RestoreSession {
    private final RestoreRequest request;
    private final Instant started;
    private final BackupDirectory source;
    private final DataKeys keys;
    private RestoreChain chain;
    private RestoreValidator.Validated validated;
    private Map<String, Long> storeBefore;
    private BackupReport safetyBackup;
    private ChainInTransaction transaction;
    private AppliedChain applied;
    private WalletDiscovery.Outcome discovered;
    private BackupReport firstBackup;

    RestoreSession(RestoreRequest request, Instant started, BackupDirectory source, DataKeys keys) {
        this.request = request;
        this.started = started;
        this.source = source;
        this.keys = keys;
    }

    public RestoreRequest request() {
        return request;
    }

    public boolean dryRun() {
        return request.dryRun();
    }

    Instant started() {
        return started;
    }

    BackupDirectory source() {
        return source;
    }

    /** The data keys of the source's backups, each unwrapped once for the whole restore and wiped at its end. */
    DataKeys keys() {
        return keys;
    }

    public RestoreChain chain() {
        return chain;
    }

    void resolved(RestoreChain chain) {
        this.chain = chain;
    }

    RestoreValidator.Validated validated() {
        return validated;
    }

    void validated(RestoreValidator.Validated validated) {
        this.validated = validated;
    }

    /** Rows per table of the store before the restore. */
    Map<String, Long> storeBefore() {
        return storeBefore;
    }

    void storeBefore(Map<String, Long> counts) {
        this.storeBefore = counts;
    }

    /** The full backup of the replaced store (a forced restore), or null. */
    BackupReport safetyBackup() {
        return safetyBackup;
    }

    void safetyBackup(BackupReport report) {
        this.safetyBackup = report;
    }

    /** The transaction the chain is being applied in; only while the restoreTransaction policy holds it open. */
    ChainInTransaction transaction() {
        if (transaction == null) {
            throw new IllegalStateException("restore: no transaction is open (the step runs outside the "
                    + "restoreTransaction policy)");
        }
        return transaction;
    }

    void transaction(ChainInTransaction transaction) {
        this.transaction = transaction;
    }

    public AppliedChain applied() {
        return applied;
    }

    void applied(AppliedChain applied) {
        this.applied = applied;
    }

    WalletDiscovery.Outcome discovered() {
        return discovered;
    }

    void discovered(WalletDiscovery.Outcome outcome) {
        this.discovered = outcome;
    }

    /** The first backup of the timeline the restore started, or null (none needed, or it failed). */
    BackupReport firstBackup() {
        return firstBackup;
    }

    void firstBackup(BackupReport report) {
        this.firstBackup = report;
    }

    @Override
    public String toString() {
        return "RestoreSession[" + (request.dryRun() ? "dry run " : "") + "from " + request.source()
                + (chain == null ? "" : " to " + chain.target().id()) + "]";
    }
}
