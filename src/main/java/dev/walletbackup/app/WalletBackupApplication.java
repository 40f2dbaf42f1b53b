package dev.walletbackup.app;

import dev.walletbackup.backup.BackupAssembler;
import dev.walletbackup.backup.BackupLeftovers;
import dev.walletbackup.backup.BackupLock;
import dev.walletbackup.backup.BackupPlanner;
import dev.walletbackup.backup.BackupRecordRows;
import dev.walletbackup.backup.BackupRecorder;
import dev.walletbackup.backup.BackupSync;
import dev.walletbackup.backup.DiskFull;
import dev.walletbackup.backup.SnapshotPolicy;
import dev.walletbackup.backup.StoredStateCorrection;
import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.catalog.LocalCopyCheck;
import dev.walletbackup.backup.destination.BackupDestinations;
import dev.walletbackup.backup.destination.DestinationOutcomes;
import dev.walletbackup.backup.destination.LocalDirectoryDestination;
import dev.walletbackup.backup.destination.S3Clients;
import dev.walletbackup.backup.destination.S3Destination;
import dev.walletbackup.chain.EvmJsonRpc;
import dev.walletbackup.chain.RpcPolicy;
import dev.walletbackup.chain.XrplJsonRpc;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.crypto.PasswordSource;
import dev.walletbackup.discovery.WalletDiscovery;
import dev.walletbackup.reconcile.BalancePoller;
import dev.walletbackup.reconcile.MismatchTelemetry;
import dev.walletbackup.reconcile.Reconciler;
import dev.walletbackup.reconcile.ReconciliationReports;
import dev.walletbackup.reconcile.ReconciliationRows;
import dev.walletbackup.restore.DiscoveryAfterRestore;
import dev.walletbackup.restore.FirstBackupAfterRestore;
import dev.walletbackup.restore.ReconciliationAfterRestore;
import dev.walletbackup.restore.RestoreChainResolver;
import dev.walletbackup.restore.RestoreObserver;
import dev.walletbackup.restore.RestoreReporter;
import dev.walletbackup.restore.RestoreSessions;
import dev.walletbackup.restore.RestoreTimeline;
import dev.walletbackup.restore.RestoreTransaction;
import dev.walletbackup.restore.RestoreValidator;
import dev.walletbackup.restore.RestoredStateProof;
import dev.walletbackup.restore.StoreGuard;
import dev.walletbackup.restore.StoreRestorer;
import dev.walletbackup.schedule.MissedBackupCheck;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.seed.MasterSeedRepository;
import dev.walletbackup.store.RowBatches;
import dev.walletbackup.timeline.TimelineRepository;
import dev.walletbackup.monitoring.BackupMetrics;
import dev.walletbackup.monitoring.FailureTelemetry;
import dev.walletbackup.monitoring.PendingCopyWatch;
import dev.walletbackup.monitoring.WalletOperations;
import dev.walletbackup.monitoring.health.BackupAgeHealthCheck;
import dev.walletbackup.monitoring.health.BackupDirectoryHealthCheck;
import dev.walletbackup.monitoring.health.PendingCopiesHealthCheck;
import dev.walletbackup.monitoring.health.S3HealthCheck;
import dev.walletbackup.monitoring.health.ScheduleHealthCheck;
import dev.walletbackup.monitoring.health.StoreHealthCheck;
import dev.walletbackup.monitoring.health.WalletHealthChecks;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Camel application: Camel Main with the routes in {@code routes/*.camel.yaml}, the resolved configuration as
 * property placeholders, and the beans the routes name bound in the registry (bean name = route reference).
 */
public final class WalletBackupApplication {
    private WalletBackupApplication() {
    }

    public static Main create(WalletServices services, PasswordSource passwords, Clock clock) {
        return create(services, passwords, clock, RestoreObserver.NONE);
    }

    /** The application with an observer of restores as they apply each backup, inside their transaction. */
    public static Main create(WalletServices services, PasswordSource passwords, Clock clock,
                              RestoreObserver restoreObserver) {
        WalletConfig config = services.config();
        Main main = new Main();
        main.setOverrideProperties(camelProperties(config));
        BackupCatalog catalog = new BackupCatalog(services.store());
        main.bind("walletDataSource", services.store().dataSource());
        main.bind("walletServices", services);
        main.bind("walletSnapshot", new SnapshotPolicy(services.store().dataSource(), config.isEmbeddedDatabase()));
        // camel-sql's streaming queries take connections straight from their DataSource; through this proxy they get
        // the connection of the snapshot transaction that walletSnapshot opened on the same thread, and with
        // walletCursorReads their statements fetch through a cursor instead of holding the whole result.
        main.bind("walletSnapshotDataSource", new TransactionAwareDataSourceProxy(services.store().dataSource()));
        main.bind("walletCursorReads", new CursorReads());
        main.bind("backupRecordRows", new BackupRecordRows());
        // A thousand rows per exchange: the routing cost per row becomes negligible, a batch stays under a megabyte.
        main.bind("rowBatches", new RowBatches(1000));
        main.bind("backupCatalog", catalog);
        TimelineRepository timelines = new TimelineRepository();
        MasterSeedRepository seeds = new MasterSeedRepository();
        main.bind("backupPlanner", new BackupPlanner(catalog, new LocalCopyCheck(config.backupPath()),
                config.backupPath(), () -> services.store().read(connection -> new BackupPlanner.Lineage(
                        timelines.current(connection),
                        seeds.find(connection).map(MasterSeedRecord::fingerprint).orElse(null))), clock));
        main.bind("backupAssembler", new BackupAssembler(config.backupPath(), passwords, config.kdf(), config.chunkSize(),
                services.progress()));
        main.bind("backupLeftovers", new BackupLeftovers(config.backupPath()));
        main.bind("storedStateCorrection", new StoredStateCorrection(services.store()));
        main.bind("diskFull", new DiskFull(config.backupPath(), catalog));
        main.bind("backupLock", new BackupLock(config.backupPath(), Duration.ofSeconds(config.lockTimeoutSeconds()), clock));
        main.bind("localDestination", new LocalDirectoryDestination(clock));
        main.bind("destinationOutcomes", new DestinationOutcomes(clock));
        main.bind("backupDestinations", new BackupDestinations(config.destinations(), config.s3().enabled()));
        main.bind("backupSync", new BackupSync(catalog, clock));
        S3Client s3 = S3Clients.create(config.s3());
        main.bind("walletS3Client", s3);
        main.bind("s3Destination", new S3Destination(s3, config.s3(), config.backupPath(), clock));
        main.bind("backupRecorder", new BackupRecorder(catalog, clock));
        main.bind("backupSchedule", new MissedBackupCheck(catalog, config.fullSchedule(), config.incrementalSchedule(), clock));
        EvmJsonRpc evm = config.evmRpcUrl() == null ? null : new EvmJsonRpc(config.evmRpcUrl(),
                config.reconcileBatchSize(), config.reconcileInFlight(), Duration.ofSeconds(config.reconcileTimeoutSeconds()),
                new RpcPolicy(config.rpcAttempts(), config.rpcRequestsPerSecond()));
        XrplJsonRpc xrpl = config.xrplRpcUrl() == null ? null
                : new XrplJsonRpc(config.xrplRpcUrl(), Duration.ofSeconds(config.reconcileTimeoutSeconds()),
                        new RpcPolicy(config.rpcAttempts(), config.rpcRequestsPerSecond()));
        WalletDiscovery discovery = new WalletDiscovery(services.store(), evm, xrpl, config.evmTokens(),
                config.discoveryGapLimit(), clock);
        main.bind("walletDiscovery", discovery);
        bindRestoreSteps(main, services, passwords, clock, restoreObserver, discovery);
        main.bind("reconciler", new Reconciler(evm, xrpl, config.reconcileInFlight()));
        main.bind("balancePoller", new BalancePoller(services.store(), evm, xrpl, config.evmTokens(), clock));
        main.bind("reconcileBatches", new RowBatches(config.reconcileBatchSize()));
        main.bind("reconciliationRows", new ReconciliationRows(config.reconcileReportRows()));
        main.bind("reconciliationReports", new ReconciliationReports());
        main.bind("mismatchTelemetry", new MismatchTelemetry(config.nodeId(), clock));
        bindMonitoring(main, services, catalog, s3, clock);
        return main;
    }

    /**
     * The service, {@code run}: the application with its management HTTP server on
     * {@code wallet.management.host:port} (none when the port is 0) and its MBean. One-shot commands open neither.
     */
    public static Main service(WalletServices services, PasswordSource passwords, Clock clock) {
        WalletConfig config = services.config();
        Main main = create(services, passwords, clock);
        if (config.managementPort() != 0) {
            main.addOverrideProperty("camel.management.enabled", "true");
            main.addOverrideProperty("camel.management.host", config.managementHost());
            main.addOverrideProperty("camel.management.port", Integer.toString(config.managementPort()));
            main.addOverrideProperty("camel.management.health-check-enabled", "true");
            main.addOverrideProperty("camel.management.metrics-enabled", "true");
            main.addOverrideProperty("camel.management.jolokia-enabled", "true");
            main.addOverrideProperty("camel.metrics.enabled", "true");
        }
        BackupCatalog catalog = new BackupCatalog(services.store());
        WalletOperations operations = new WalletOperations(catalog,
                new PendingCopyWatch(catalog, config.maxPendingAge(), clock), config.backupPath(), passwords);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                // a service of the context, so that Camel's JMX registers the bean's @ManagedResource operations
                try {
                    configured.getCamelContext().addService(operations);
                } catch (Exception e) {
                    throw new RuntimeCamelException("cannot register the WalletOperations MBean: " + e.getMessage(), e);
                }
            }
        });
        return main;
    }

    /**
     * Metrics (walletMeterRegistry, the Prometheus registry that Camel's metrics share), the health checks, and the
     * failure events of the monitoring routes (routes/monitoring.camel.yaml).
     */
    private static void bindMonitoring(Main main, WalletServices services, BackupCatalog catalog, S3Client s3,
                                       Clock clock) {
        WalletConfig config = services.config();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        main.bind("walletMeterRegistry", registry);
        PendingCopyWatch pendingCopies = new PendingCopyWatch(catalog, config.maxPendingAge(), clock);
        main.bind("pendingCopyWatch", pendingCopies);
        main.bind("backupMetrics", new BackupMetrics(registry, catalog, pendingCopies));
        main.bind("failureTelemetry", new FailureTelemetry(config.nodeId(), clock));
        List<HealthCheck> checks = new ArrayList<>(List.of(new StoreHealthCheck(services.store()),
                new BackupDirectoryHealthCheck(config.backupPath()),
                new BackupAgeHealthCheck(catalog, config.maxBackupAge(), clock),
                new PendingCopiesHealthCheck(pendingCopies),
                new ScheduleHealthCheck(List.of("backup-full-schedule", "backup-incremental-schedule"))));
        if (config.s3().enabled()) {
            checks.add(new S3HealthCheck(s3, config.s3().bucket()));
        }
        main.bind("walletHealthChecks", new WalletHealthChecks(checks));
    }

    /** The beans of routes/restore.camel.yaml, one per step of the restore procedure. */
    private static void bindRestoreSteps(Main main, WalletServices services, PasswordSource passwords,
                                         Clock clock, RestoreObserver observer, WalletDiscovery discovery) {
        WalletConfig config = services.config();
        StoreRestorer restorer = new StoreRestorer(observer, passwords, services.progress());
        main.bind("restoreSessions", new RestoreSessions(config, passwords, clock));
        main.bind("restoreChainResolver", new RestoreChainResolver());
        main.bind("restoreValidator", new RestoreValidator());
        main.bind("storeGuard", new StoreGuard(services.store()));
        main.bind("restoreTransaction", new RestoreTransaction(services.store(), config, restorer));
        main.bind("storeRestorer", restorer);
        main.bind("restoredStateProof", new RestoredStateProof());
        main.bind("restoreTimeline", new RestoreTimeline(services.store(), config.discoveryGapLimit(), clock));
        main.bind("discoveryAfterRestore", new DiscoveryAfterRestore(discovery, config.discoveryGapLimit()));
        main.bind("firstBackupAfterRestore", new FirstBackupAfterRestore());
        main.bind("reconciliationAfterRestore", new ReconciliationAfterRestore());
        main.bind("restoreReporter", new RestoreReporter(services.store(), config.dataDir(), clock));
    }

    /**
     * Starts the application without its schedules, sends one request to {@code endpoint}, stops, and returns the
     * reply: how the command line runs the same routes as the service. A failure is thrown to the caller, which
     * reports it; the routes log it at DEBUG only, so that the operator reads it once.
     */
    public static <T> T requestOnce(WalletServices services, PasswordSource passwords, Clock clock,
                                    String endpoint, Object body, Class<T> replyType) throws Exception {
        Main main = create(services, passwords, clock);
        main.addOverrideProperty(WalletConfig.FAILURE_LOG_LEVEL, "DEBUG");
        main.start();
        try (ProducerTemplate producer = main.getCamelContext().createProducerTemplate()) {
            return producer.requestBody(endpoint, body, replyType);
        } catch (CamelExecutionException e) {
            // not e itself: it holds the exchange, and after an OutOfMemoryError that still holds what filled the heap
            throw e.getCause() instanceof Exception cause ? cause : new RuntimeCamelException(e.getCause());
        } finally {
            main.stop();
        }
    }

    static Properties camelProperties(WalletConfig config) {
        Properties properties = config.toCamelProperties();
        properties.setProperty(WalletConfig.HOME, System.getProperty(WalletConfig.HOME, "."));
        return properties;
    }
}
