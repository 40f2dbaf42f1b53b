package dev.walletbackup.monitoring;

import dev.walletbackup.backup.BackupReport;
import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.format.BackupType;
import dev.walletbackup.routes.ExchangeProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * The backups' metrics, named the Micrometer way (Prometheus shows {@code wallet.backups} as
 * {@code wallet_backups_total}): runs by type and outcome, the duration, size and rows of each successful backup,
 * and, read from the catalog at each scrape so that they are right after a restart, the time of the newest backup
 * of each type and the off-site copies still pending. The balance-mismatch counter that the reconcile route
 * increments is registered here at zero for each chain, like the run counters for each type and outcome, so that a
 * scrape shows every series before its first event.
 */
public final class BackupMetrics {
    public static final String RUNS = "wallet.backups";
    public static final String LAST_SUCCESS = "wallet.backup.last.success";
    public static final String DURATION = "wallet.backup.duration";
    public static final String SIZE = "wallet.backup.size";
    public static final String ROWS = "wallet.backup.rows";
    public static final String PENDING_COPIES = "wallet.backup.copies.pending";
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";

    private final MeterRegistry registry;
    private final BackupCatalog catalog;

    public BackupMetrics(MeterRegistry registry, BackupCatalog catalog, PendingCopyWatch pendingCopies) {
        this.registry = registry;
        this.catalog = catalog;
        for (BackupType type : BackupType.values()) {
            runs(type.wireName(), SUCCESS);
            runs(type.wireName(), FAILURE);
            Gauge.builder(LAST_SUCCESS, () -> newest(type)).tag("type", type.wireName()).baseUnit("seconds")
                    .description("When the newest backup of this type was made (Unix time)").register(registry);
        }
        Gauge.builder(PENDING_COPIES, () -> pendingCopies.pending().size())
                .description("Off-site copies that have not arrived yet").register(registry);
    }

    /**
     * Counts a backup run when it ends (the pipeline's doFinally). A success is counted under the type it made (an
     * incremental may become a full), a failure under the type asked for.
     */
    public void finished(@Body Object body, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure,
                         @ExchangeProperty(ExchangeProperties.BACKUP_REQUESTED) String requested) {
        BackupReport report = BackupRuns.reportOf(body, failure);
        if (report == null) {
            runs(requested, FAILURE).increment();
            return;
        }
        String type = report.type().wireName();
        runs(type, SUCCESS).increment();
        Timer.builder(DURATION).tag("type", type).description("How long backups took").register(registry).record(Duration.ofMillis(report.durationMs()));
        DistributionSummary.builder(SIZE).tag("type", type).baseUnit("bytes").description("Size of the backup files")
                .register(registry).record(report.bytes());
        DistributionSummary.builder(ROWS).tag("type", type).description("Records in each backup")
                .register(registry).record(report.counts().rows());
    }

    private Counter runs(String type, String outcome) {
        return Counter.builder(RUNS).tag("type", type).tag("outcome", outcome).description("Backup runs")
                .register(registry);
    }

    private double newest(BackupType type) {
        return catalog.newestOfType(type).map(entry -> (double) entry.createdAt().getEpochSecond()).orElse(Double.NaN);
    }
}
