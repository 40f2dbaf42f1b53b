package dev.walletbackup.monitoring;

import dev.walletbackup.backup.BackupReport;
import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.destination.BackupDirectory;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.retention.PruneReport;
import dev.walletbackup.backup.retention.PruneRequest;
import dev.walletbackup.backup.verify.BackupVerifier;
import dev.walletbackup.config.RetentionSettings;
import dev.walletbackup.crypto.PasswordSource;
import dev.walletbackup.drill.DrillOutcome;
import dev.walletbackup.drill.DrillReport;
import dev.walletbackup.drill.DrillRequest;
import dev.walletbackup.progress.Progress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.StaticService;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The service's own MBean, {@code org.apache.camel:context=wallet-backup,type=services,name=WalletOperations}: start a
 * backup, verify the newest chain, list pending off-site copies, and read the last results — from jconsole, Hawtio or
 * Jolokia (a {@link StaticService}: one per context, so its name has no instance suffix). Backups go through the same routes as the schedules and the command line ({@code direct:backup-full},
 * {@code direct:backup-incremental}), so they take the same lock and are counted in the same metrics.
 *
 * <p>Every operation that runs a route goes through {@link #request}: a restore drill ({@code direct:drill}) and a
 * retention run with the configured rules ({@code direct:backup-prune}) are operations of the same shape, with their
 * results kept in attributes. A failure reaches the JMX client as an {@link IllegalStateException} carrying only the operator's
 * message, a class every client can read.
 */
@ManagedResource(description = "wallet-backup: backups, verification and off-site copies")
public final class WalletOperations extends ServiceSupport implements CamelContextAware, StaticService {
    private final BackupCatalog catalog;
    private final PendingCopyWatch pendingCopies;
    private final Path backupDirectory;
    private final PasswordSource passwords;
    private final RetentionSettings retention;
    private CamelContext camelContext;
    private ProducerTemplate producer;
    private volatile String lastBackupResult = "none since the service started";
    private volatile String lastVerifyResult = "none since the service started";
    private volatile String lastDrillResult = "none since the service started";
    private volatile String lastPruneResult = "none since the service started";

    /** @param retention the configured rules ({@code wallet.retention.*}), what {@link #prune} applies */
    public WalletOperations(BackupCatalog catalog, PendingCopyWatch pendingCopies, Path backupDirectory,
                            PasswordSource passwords, RetentionSettings retention) {
        this.catalog = catalog;
        this.pendingCopies = pendingCopies;
        this.backupDirectory = backupDirectory;
        this.passwords = passwords;
        this.retention = retention;
    }

    @ManagedOperation(description = "Make a full backup now; returns what it made")
    public String backupFull() {
        return backup("direct:backup-full");
    }

    @ManagedOperation(description = "Make an incremental backup now (a full if its parent chain is not intact)")
    public String backupIncremental() {
        return backup("direct:backup-incremental");
    }

    @ManagedOperation(description = "Verify the newest backup chain of each installation in the backup directory: "
            + "SHA-256 and chain links, and with deep=true decrypt everything and recompute the digests")
    public String verifyLatest(boolean deep) {
        List<BackupVerifier.Result> results;
        try (BackupDirectory directory = BackupDirectory.scan(backupDirectory)) {
            directory.requireAny();
            List<BackupManifest> newest = directory.installations().values().stream().map(BackupDirectory::newest)
                    .toList();
            results = new BackupVerifier(Progress.NONE).verify(directory, newest, deep ? passwords : null);
        } catch (Exception e) {
            throw failed(result -> lastVerifyResult = result, e.getMessage());
        }
        Optional<String> problem = results.stream().filter(result -> !result.ok()).map(BackupVerifier.Result::problem)
                .findFirst();
        if (problem.isPresent()) {
            throw failed(result -> lastVerifyResult = result, "integrity failure: " + problem.get());
        }
        lastVerifyResult = "ok" + (deep ? " (deep)" : "") + ": " + results.stream()
                .map(result -> result.id() + " " + result.type()).collect(Collectors.joining(", "));
        return lastVerifyResult;
    }

    @ManagedOperation(description = "Restore the newest chain of every destination into a scratch store and prove it "
            + "(digest, every address re-derived); the store is not touched")
    public String drill() {
        DrillReport report = request("direct:drill", new DrillRequest(null), DrillReport.class,
                result -> lastDrillResult = result);
        lastDrillResult = (report.proven() ? "proven: " : "NOT proven: ") + report.sources().stream()
                .map(WalletOperations::describe).collect(Collectors.joining("; "));
        if (!report.proven()) {
            throw new IllegalStateException(lastDrillResult);
        }
        return lastDrillResult;
    }

    @ManagedOperation(description = "Apply the configured retention rules (wallet.retention.*) to every destination; "
            + "with dryRun=true only list what would be removed")
    public String prune(boolean dryRun) {
        PruneReport report = request("direct:backup-prune", new PruneRequest(retention, dryRun), PruneReport.class,
                result -> lastPruneResult = result);
        lastPruneResult = (dryRun ? "would remove " : "removed ") + report.removed().size() + " backups ("
                + report.removed().stream().map(PruneReport.Removed::id).collect(Collectors.joining(", "))
                + ") and " + report.leftovers().size() + " leftovers; kept " + report.kept().size()
                + (report.notes().isEmpty() ? "" : "; " + String.join("; ", report.notes()));
        return lastPruneResult;
    }

    @ManagedOperation(description = "Off-site copies that have not arrived yet, with their attempts and last failure")
    public String[] pendingCopies() {
        return pendingCopies.pending().stream().map(PendingCopyWatch.PendingCopy::describe).toArray(String[]::new);
    }

    @ManagedAttribute(description = "Off-site copies that have not arrived yet")
    public int getPendingCopyCount() {
        return pendingCopies().length;
    }

    @ManagedAttribute(description = "The newest backup in the catalog (any type, however it was started)")
    public String getNewestBackup() {
        return catalog.newest().map(entry -> entry.id() + " " + entry.type().wireName() + " " + entry.createdAt())
                .orElse("none");
    }

    @ManagedAttribute(description = "What the last backupFull/backupIncremental of this MBean made, or why it failed")
    public String getLastBackupResult() {
        return lastBackupResult;
    }

    @ManagedAttribute(description = "The outcome of the last verifyLatest of this MBean")
    public String getLastVerifyResult() {
        return lastVerifyResult;
    }

    @ManagedAttribute(description = "The outcome of the last drill of this MBean")
    public String getLastDrillResult() {
        return lastDrillResult;
    }

    @ManagedAttribute(description = "What the last prune of this MBean removed, or would have with dryRun")
    public String getLastPruneResult() {
        return lastPruneResult;
    }

    private String backup(String endpoint) {
        BackupReport report = request(endpoint, null, BackupReport.class, result -> lastBackupResult = result);
        lastBackupResult = "backup " + report.id() + " (" + report.type().wireName() + ") made: "
                + report.counts().describe() + ", " + report.bytes() + " bytes, file " + report.fileName();
        return lastBackupResult;
    }

    private static String describe(DrillOutcome drilled) {
        return drilled.source() + " " + drilled.outcome().wireName()
                + (drilled.proven() ? " (backup " + drilled.target() + ", " + drilled.wallets() + " wallets)"
                        : ": " + drilled.message());
    }

    /** Runs a route and returns its reply; a failure is kept as {@code lastResult} and thrown as the operator reads it. */
    private <T> T request(String endpoint, Object body, Class<T> replyType, Consumer<String> lastResult) {
        try {
            return producer.requestBody(endpoint, body, replyType);
        } catch (CamelExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw failed(lastResult, cause.getMessage());
        }
    }

    private static IllegalStateException failed(Consumer<String> lastResult, String message) {
        lastResult.accept("failed: " + message);
        return new IllegalStateException(message);
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    protected void doStart() {
        producer = camelContext.createProducerTemplate();
    }

    @Override
    protected void doStop() throws Exception {
        producer.close();
    }
}
