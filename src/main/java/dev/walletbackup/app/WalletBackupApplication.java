package dev.walletbackup.app;

import dev.walletbackup.backup.BackupAssembler;
import dev.walletbackup.backup.BackupReport;
import dev.walletbackup.backup.FullStateProof;
import dev.walletbackup.backup.BackupInterruption;
import dev.walletbackup.backup.BackupLeftovers;
import dev.walletbackup.backup.BackupLock;
import dev.walletbackup.backup.BackupLockHeld;
import dev.walletbackup.backup.BackupPlanner;
import dev.walletbackup.backup.BackupRecordRows;
import dev.walletbackup.backup.BackupRecorder;
import dev.walletbackup.backup.BackupSync;
import dev.walletbackup.backup.ClusterLock;
import dev.walletbackup.backup.PostgresAdvisoryLock;
import dev.walletbackup.backup.DiskFull;
import dev.walletbackup.backup.SnapshotPolicy;
import dev.walletbackup.backup.TableCopy;
import dev.walletbackup.backup.StoredStateCorrection;
import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.catalog.LocalCopyCheck;
import dev.walletbackup.backup.destination.BackupDestinations;
import dev.walletbackup.backup.destination.DestinationOutcomes;
import dev.walletbackup.backup.destination.LocalDirectoryDestination;
import dev.walletbackup.backup.destination.S3Clients;
import dev.walletbackup.backup.destination.S3Destination;
import dev.walletbackup.backup.destination.S3Location;
import dev.walletbackup.backup.retention.BackupPruner;
import dev.walletbackup.chain.EvmJsonRpc;
import dev.walletbackup.chain.RpcPolicy;
import dev.walletbackup.chain.XrplJsonRpc;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.crypto.PasswordSource;
import dev.walletbackup.discovery.WalletDiscovery;
import dev.walletbackup.drill.DrillAttempts;
import dev.walletbackup.drill.DrillMetrics;
import dev.walletbackup.drill.DrillRecords;
import dev.walletbackup.drill.DrillSources;
import dev.walletbackup.drill.DrillTelemetry;
import dev.walletbackup.reconcile.BalancePoller;
import dev.walletbackup.reconcile.MismatchTelemetry;
import dev.walletbackup.reconcile.Reconciler;
import dev.walletbackup.reconcile.ReconciliationReports;
import dev.walletbackup.reconcile.ReconciliationRows;
import dev.walletbackup.rekey.OffsiteRekey;
import dev.walletbackup.rekey.PasswordRotation;
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
import dev.walletbackup.schedule.ClusteredQuartz;
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
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
        Main main = new Main();
        main.setOverrideProperties(camelProperties(services.config()));
        bindBeans(services, passwords, clock, restoreObserver, main::bind);
        return main;
    }

    /**
     * Binds every bean the routes name, through {@code bind} (bean name = route reference): Camel Main's registry
     * in {@link #create}, a test kit's registry in route tests, so that both run the same beans.
     */
    public static void bindBeans(WalletServices services, PasswordSource passwords, Clock clock,
                                 RestoreObserver restoreObserver, BiConsumer<String, Object> bind) {
        WalletConfig config = services.config();
        BackupCatalog catalog = new BackupCatalog(services.store());
        bind.accept("walletDataSource", services.store().dataSource());
        bind.accept("walletServices", services);
        bind.accept("walletSnapshot", new SnapshotPolicy(services.store().dataSource(), config.isEmbeddedDatabase()));
        // camel-sql's streaming queries take connections straight from their DataSource; through this proxy they get
        // the connection of the snapshot transaction that walletSnapshot opened on the same thread, and with
        // walletCursorReads their statements fetch through a cursor instead of holding the whole result.
        bind.accept("walletSnapshotDataSource", new TransactionAwareDataSourceProxy(services.store().dataSource()));
        bind.accept("walletCursorReads", new CursorReads());
        bind.accept("backupRecordRows", new BackupRecordRows());
        TableCopy tableCopy = new TableCopy(services.store().dataSource(), !config.isEmbeddedDatabase());
        bind.accept("tableCopy", tableCopy);
        bind.accept("fullStateProof", new FullStateProof(tableCopy));
        // A thousand rows per exchange: the routing cost per row becomes negligible, a batch stays under a megabyte.
        bind.accept("rowBatches", new RowBatches(1000));
        bind.accept("backupCatalog", catalog);
        TimelineRepository timelines = new TimelineRepository();
        MasterSeedRepository seeds = new MasterSeedRepository();
        bind.accept("backupPlanner", new BackupPlanner(catalog, new LocalCopyCheck(config.backupPath()),
                config.backupPath(), () -> services.store().read(connection -> new BackupPlanner.Lineage(
                        timelines.current(connection),
                        seeds.find(connection).map(MasterSeedRecord::fingerprint).orElse(null))), clock));
        bind.accept("backupAssembler", new BackupAssembler(config.backupPath(), passwords, config.kdf(), config.chunkSize(),
                services.progress(), () -> services.store().read(connection -> seeds.find(connection)
                        .map(MasterSeedRecord::envelope).orElse(null))));
        bind.accept("backupLeftovers", new BackupLeftovers(config.backupPath(), clock));
        bind.accept("storedStateCorrection", new StoredStateCorrection(services.store()));
        bind.accept("diskFull", new DiskFull(config.backupPath(), catalog));
        bind.accept("backupInterruption", new BackupInterruption());
        ClusterLock cluster = config.isEmbeddedDatabase() ? ClusterLock.NONE : new PostgresAdvisoryLock(config.dbUrl(),
                config.dbUser(), config.dbPassword(), InstanceName.of(config.nodeId()));
        BackupLock lock = new BackupLock(config.backupPath(), cluster, Duration.ofSeconds(config.lockTimeoutSeconds()),
                clock);
        bind.accept("backupLock", lock);
        bind.accept("backupLockHeld", new BackupLockHeld(lock));
        bind.accept("localDestination", new LocalDirectoryDestination(clock));
        bind.accept("destinationOutcomes", new DestinationOutcomes(clock));
        BackupDestinations destinations = new BackupDestinations(config.destinations(), config.s3().enabled());
        bind.accept("backupDestinations", destinations);
        bind.accept("backupSync", new BackupSync(catalog, config.backupPath(), clock));
        Supplier<S3Client> s3 = S3Clients.onFirstUse(config.s3());
        if (config.s3().enabled()) {
            bind.accept("walletS3Client", s3.get()); // only the S3 route's endpoints name it, and it stays stopped when S3 is off
        }
        bind.accept("s3Destination", new S3Destination(s3, config.s3(), config.backupPath(), clock));
        bind.accept("backupRecorder", new BackupRecorder(catalog, clock));
        boolean clustered = ClusteredQuartz.applies(config);
        if (clustered) {
            bind.accept("quartz", ClusteredQuartz.component(config));
        }
        bind.accept("backupSchedule", new MissedBackupCheck(catalog, config.fullSchedule(), config.incrementalSchedule(),
                clustered, clock));
        EvmJsonRpc evm = config.evmRpcUrl() == null ? null : new EvmJsonRpc(config.evmRpcUrl(),
                config.evmMaxBatchCalls(), config.reconcileInFlight(), Duration.ofSeconds(config.reconcileTimeoutSeconds()),
                rpcPolicy(config));
        XrplJsonRpc xrpl = config.xrplRpcUrl() == null ? null
                : new XrplJsonRpc(config.xrplRpcUrl(), Duration.ofSeconds(config.reconcileTimeoutSeconds()),
                        rpcPolicy(config), config.xrplLinesPerPage());
        WalletDiscovery discovery = new WalletDiscovery(services.store(), evm, xrpl, config.evmTokens(),
                config.discoveryGapLimit(), clock);
        bind.accept("walletDiscovery", discovery);
        bindRestoreSteps(services, passwords, clock, restoreObserver, discovery, bind);
        bind.accept("reconciler", new Reconciler(evm, xrpl, config.reconcileInFlight()));
        bind.accept("balancePoller", new BalancePoller(services.store(), evm, xrpl, config.evmTokens(), clock));
        bind.accept("reconcileBatches", new RowBatches(config.reconcileBatchSize()));
        bind.accept("reconciliationRows", new ReconciliationRows(config.reconcileReportRows()));
        bind.accept("reconciliationReports", new ReconciliationReports());
        bind.accept("mismatchTelemetry", new MismatchTelemetry(config.nodeId(), clock));
        MeterRegistry meters = bindMonitoring(services, catalog, s3, clock, bind);
        bind.accept("backupPruner", BackupPruner.create(catalog, config.backupPath(), config.retention(), s3,
                destinations.names().contains(S3Destination.NAME)
                        ? new S3Location(config.s3().bucket(), config.s3().prefix()) : null,
                config.s3().objectLock().enabled() ? config.s3().objectLock().period() : null, meters, clock));
        bindDrillSteps(services, destinations, meters, clock, bind);
        // backup rekey: routes/rekey.camel.yaml
        OffsiteRekey offsiteRekey = new OffsiteRekey(s3, config, passwords);
        bind.accept("offsiteRekey", offsiteRekey);
        bind.accept("passwordRotation", new PasswordRotation(config.backupPath(), passwords, config.kdf(), services.seeds(),
                catalog, offsiteRekey));
    }

    /** The beans of routes/drill.camel.yaml: a drill is the restore route's dry run, recorded and reported. */
    private static void bindDrillSteps(WalletServices services, BackupDestinations destinations, MeterRegistry meters,
                                       Clock clock, BiConsumer<String, Object> bind) {
        WalletConfig config = services.config();
        DrillRecords records = new DrillRecords(services.store());
        bind.accept("drillSources", new DrillSources(config, destinations));
        bind.accept("drillAttempts", new DrillAttempts(clock));
        bind.accept("drillRecords", records);
        bind.accept("drillMetrics", new DrillMetrics(meters, records.lastProven()));
        bind.accept("drillTelemetry", new DrillTelemetry(config.nodeId(), clock));
    }

    /**
     * The service, {@code run}: the application with its management HTTP server on
     * {@code wallet.management.host:port} (none when the port is 0) and its MBean. One-shot commands open neither.
     */
    public static Main service(WalletServices services, PasswordSource passwords, Clock clock) {
        WalletConfig config = services.config();
        Main main = create(services, passwords, clock);
        if (config.managementPort() != 0) {
            requireFreePort(config.managementHost(), config.managementPort());
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
                new PendingCopyWatch(catalog, config.maxPendingAge(), clock), config.backupPath(), passwords,
                config.retention());
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

    /** Each chain's provider gets its own policy: push-back from one never slows the other. */
    private static RpcPolicy rpcPolicy(WalletConfig config) {
        return new RpcPolicy(config.rpcAttempts(), config.rpcRequestsPerSecond(), config.rpcFirstBackOff(),
                config.rpcMaxBackOff());
    }

    /**
     * Camel's management server only logs a warning when its port is taken and the service would run on without it:
     * a second service on one store, unreachable, both scheduling backups. It must not start at all.
     */
    private static void requireFreePort(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException("the management port " + host + ":" + port + " is in use (" + e.getMessage()
                    + "): is another 'wallet-backup run' up? Stop it, or set WALLET_MANAGEMENT_PORT (0 turns the "
                    + "management server off)");
        }
    }

    /**
     * Metrics (walletMeterRegistry, the Prometheus registry that Camel's metrics share), the health checks, and the
     * failure events of the monitoring routes (routes/monitoring.camel.yaml).
     */
    private static MeterRegistry bindMonitoring(WalletServices services, BackupCatalog catalog, Supplier<S3Client> s3,
                                                Clock clock, BiConsumer<String, Object> bind) {
        WalletConfig config = services.config();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        bind.accept("walletMeterRegistry", registry);
        PendingCopyWatch pendingCopies = new PendingCopyWatch(catalog, config.maxPendingAge(), clock);
        bind.accept("pendingCopyWatch", pendingCopies);
        bind.accept("backupMetrics", new BackupMetrics(registry, catalog, pendingCopies));
        bind.accept("failureTelemetry", new FailureTelemetry(config.nodeId(), clock));
        List<HealthCheck> checks = new ArrayList<>(List.of(new StoreHealthCheck(services.store()),
                new BackupDirectoryHealthCheck(config.backupPath(), catalog),
                new BackupAgeHealthCheck(catalog, config.maxBackupAge(), clock),
                new PendingCopiesHealthCheck(pendingCopies),
                new ScheduleHealthCheck(List.of("backup-full-schedule", "backup-incremental-schedule"))));
        if (config.s3().enabled()) {
            checks.add(new S3HealthCheck(s3.get(), config.s3().bucket()));
        }
        bind.accept("walletHealthChecks", new WalletHealthChecks(checks));
        return registry;
    }

    /** The beans of routes/restore.camel.yaml, one per step of the restore procedure. */
    private static void bindRestoreSteps(WalletServices services, PasswordSource passwords, Clock clock,
                                         RestoreObserver observer, WalletDiscovery discovery,
                                         BiConsumer<String, Object> bind) {
        WalletConfig config = services.config();
        StoreRestorer restorer = new StoreRestorer(observer, passwords, services.progress());
        bind.accept("restoreSessions", new RestoreSessions(config, passwords, clock));
        bind.accept("restoreChainResolver", new RestoreChainResolver());
        bind.accept("restoreValidator", new RestoreValidator());
        bind.accept("storeGuard", new StoreGuard(services.store()));
        bind.accept("restoreTransaction", new RestoreTransaction(services.store(), config, restorer));
        bind.accept("storeRestorer", restorer);
        bind.accept("restoredStateProof", new RestoredStateProof());
        bind.accept("restoreTimeline", new RestoreTimeline(services.store(), config.discoveryGapLimit(), clock));
        bind.accept("discoveryAfterRestore", new DiscoveryAfterRestore(discovery, config.discoveryGapLimit()));
        bind.accept("firstBackupAfterRestore", new FirstBackupAfterRestore());
        bind.accept("reconciliationAfterRestore", new ReconciliationAfterRestore());
        bind.accept("restoreReporter", new RestoreReporter(services.store(), config.dataDir(), clock));
    }

    /**
     * Starts the application without its schedules, sends one request to {@code endpoint}, stops, and returns the
     * reply: how the command line runs the same routes as the service, and stops them the same way when the JVM is
     * asked to stop. A failure is thrown to the caller, which
     * reports it; the routes log it at DEBUG only, so that the operator reads it once.
     */
    public static <T> T requestOnce(WalletServices services, PasswordSource passwords, Clock clock,
                                    String endpoint, Object body, Class<T> replyType) throws Exception {
        return requestOnce(services, passwords, clock, endpoint, body, replyType, main -> {
        });
    }

    /**
     * {@link #requestOnce} of a backup: its two Argon2id derivations (the file's key and the check that the password
     * opens the seed), a second of both cores, start before the application and run while Camel starts.
     */
    public static BackupReport requestBackup(WalletServices services, PasswordSource passwords, Clock clock,
                                             String endpoint) throws Exception {
        return requestOnce(services, passwords, clock, endpoint, null, BackupReport.class,
                main -> main.lookup("backupAssembler", BackupAssembler.class).deriveAhead());
    }

    private static <T> T requestOnce(WalletServices services, PasswordSource passwords, Clock clock,
                                     String endpoint, Object body, Class<T> replyType, Consumer<Main> beforeStart)
            throws Exception {
        Main main = create(services, passwords, clock);
        main.addOverrideProperty(WalletConfig.FAILURE_LOG_LEVEL, "DEBUG");
        // JMX is how an operator controls the service's routes; a one-shot command's process has no one to serve,
        // and registering its routes' MBeans took half a second of every command's start
        main.addOverrideProperty("camel.main.jmxEnabled", "false");
        beforeStart.accept(main);
        // On SIGTERM Camel Main's shutdown hook ends only a Main that run() waits on; this request runs on the
        // caller's thread instead, so the hook's shutdown stops the context here: Camel's shutdown strategy then
        // waits for the request in flight up to camel.main.shutdown-timeout, as it does for the service.
        main.getShutdownStrategy().addShutdownListener(() -> main.getCamelContext().stop());
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

    /** The configuration as Camel property placeholders: Camel Main's override properties, or a test kit's. */
    public static Properties camelProperties(WalletConfig config) {
        Properties properties = config.toCamelProperties();
        properties.setProperty(WalletConfig.HOME, System.getProperty(WalletConfig.HOME, "."));
        return properties;
    }
}
