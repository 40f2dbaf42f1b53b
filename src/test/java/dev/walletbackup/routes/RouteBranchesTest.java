package dev.walletbackup.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.walletbackup.backup.BackupReport;
import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.catalog.CatalogEntry;
import dev.walletbackup.backup.destination.DestinationOutcome;
import dev.walletbackup.backup.format.BackupType;
import dev.walletbackup.balance.Chain;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.reconcile.ReconciliationReport;
import dev.walletbackup.restore.RestoreReport;
import dev.walletbackup.restore.RestoreRequest;
import dev.walletbackup.restore.StoreRestorer;
import dev.walletbackup.testing.AnvilNode;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.S3Server;
import dev.walletbackup.testing.TestStores.Kind;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedProcessorMBean;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every branch of every route (each choice's when and otherwise, each filter, each doTry's catch) taken at least once
 * by the real application, on H2 and PostgreSQL, with the branch's effect asserted and the step that only the branch
 * runs counted by its id (JMX; the steps inside a doCatch have no managed processor here, so a catch is known by its
 * effect alone). Failures that the real components do not produce on demand (a full disk, a read-back check that
 * could not run, a failed first backup or reconciliation) are injected at a named step with AdviceWith.
 */
class RouteBranchesTest {
    /** Only what the test sends runs: no trigger, and no catch-up of a backup "missed" by a fresh store. */
    private static final Map<String, String> NO_SCHEDULES = Map.of(WalletConfig.SCHEDULE_ENABLED, "false");

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void backupsReadWholeTablesForAFullChangesAndDeletionsForAnIncrementalAndRetryOffSiteCopies(Kind kind)
            throws Exception {
        try (S3Server s3 = S3Server.start(Files.createDirectories(temp.resolve("s3")));
             RunningApplication app = RunningApplication.start(kind, temp.resolve("data"), s3Settings(s3),
                     Clock.systemUTC())) {
            app.withHardhatSeed(3);
            AtomicBoolean readBackFailed = new AtomicBoolean();
            AdviceWith.adviceWith(app.context(), "backup-destination-s3", route -> route
                    .weaveById("backup-destination-s3-verify").before().process(exchange -> {
                        if (readBackFailed.compareAndSet(false, true)) {
                            throw new IOException("injected: the read-back check could not run");
                        }
                    }));

            BackupReport full = app.backup("full");
            assertThat(full.type()).isEqualTo(BackupType.FULL);
            assertThat(full.counts().wallets()).isEqualTo(3);
            assertThat(full.destinations()).extracting(DestinationOutcome::name, DestinationOutcome::isPending)
                    .containsExactly(tuple("local", false),
                            tuple("s3", true));
            // a full of PostgreSQL streams each table with COPY; H2's reads its rows through camel-sql
            long copied = kind == Kind.POSTGRESQL ? 1 : 0;
            assertThat(ran(app, "backup-snapshot-copy-tables")).isEqualTo(copied);
            assertThat(ran(app, "backup-snapshot-read-all-wallets")).isEqualTo(1 - copied);
            assertThat(ran(app, "backup-snapshot-read-all-lifecycles")).isEqualTo(1 - copied);
            assertThat(ran(app, "backup-snapshot-read-all-balances")).isEqualTo(1 - copied);
            assertThat(ran(app, "backup-snapshot-read-tombstones")).as("a full holds no tombstones").isZero();
            assertThat(ran(app, "backup-destination-s3-upload-file")).isEqualTo(1);

            app.services().wallets().createMany(1, "later-");
            app.services().balances().record("agent-0", Chain.EVM, "ETH", BigInteger.TEN, 18, null);
            assertThat(app.services().balances().remove("agent-0", Chain.EVM, "ETH")).isTrue();
            BackupReport incremental = app.backup("incremental");
            assertThat(incremental.type()).isEqualTo(BackupType.INCREMENTAL);
            assertThat(incremental.counts().wallets()).as("only the wallet created since").isEqualTo(1);
            assertThat(incremental.counts().tombstones()).as("the balance deleted since").isEqualTo(1);
            assertThat(ran(app, "backup-snapshot-read-changed-wallets")).isEqualTo(1);
            assertThat(ran(app, "backup-snapshot-read-changed-lifecycles")).isEqualTo(1);
            assertThat(ran(app, "backup-snapshot-read-changed-balances")).isEqualTo(1);
            assertThat(ran(app, "backup-snapshot-read-tombstones")).isEqualTo(1);

            s3.stop();
            assertThat(sync(app)).singleElement().satisfies(outcome -> {
                assertThat(outcome.isPending()).as("S3 is down: still pending").isTrue();
                assertThat(outcome.attempts()).isEqualTo(2);
            });

            s3.restart();
            long uploads = ran(app, "backup-destination-s3-upload-file");
            assertThat(sync(app)).singleElement().satisfies(outcome -> assertThat(outcome.isPending()).isFalse());
            assertThat(ran(app, "backup-destination-s3-upload-file")).as("the file was already there: not sent again")
                    .isEqualTo(uploads);
            assertThat(new BackupCatalog(app.services().store()).list()).flatExtracting(CatalogEntry::destinations)
                    .noneMatch(DestinationOutcome::isPending);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void restoresDryRunForcedPointInTimeAndWithFailedFirstBackupAndReconciliation(Kind kind) throws Exception {
        try (RunningApplication app = RunningApplication.start(kind, temp.resolve("data"), NO_SCHEDULES,
                Clock.systemUTC()).withHardhatSeed(3)) {
            app.services().balances().record("agent-0", Chain.EVM, "ETH", BigInteger.TEN, 18, null);
            BackupReport full = app.backup("full");
            app.services().wallets().createMany(1, "later-");
            app.backup("incremental");
            String source = app.backupDirectory().toString();

            RestoreReport dryRun = restore(app, new RestoreRequest(source, null, null, true, false));
            assertThat(dryRun.dryRun()).isTrue();
            assertThat(dryRun.restored().get("wallets")).isEqualTo(4);
            assertThat(dryRun.reconciliationReport()).as("a dry run does not reconcile").isNull();
            assertThat(ran(app, "restore-apply-backup")).as("the split applied the full and the incremental")
                    .isEqualTo(2);
            assertThat(ran(app, "restore-skip-reconciliation")).isEqualTo(1);
            assertThat(ran(app, "restore-take-safety-backup")).isZero();
            assertThat(wallets(app)).as("the store as it was").isEqualTo(4);

            RestoreReport forced = restore(app, new RestoreRequest(source, full.id(), null, false, true));
            assertThat(forced.safetyBackupId()).as("the replaced store was backed up first").isNotNull();
            assertThat(forced.firstBackupId()).as("the new timeline shows in the source at once").isNotNull();
            assertThat(forced.reconciliation()).as("no chain endpoint: the snapshot is counted")
                    .containsEntry("NOT_CONFIGURED", 1L);
            assertThat(wallets(app)).isEqualTo(3);
            assertThat(ran(app, "restore-take-safety-backup")).isEqualTo(1);
            assertThat(ran(app, "restore-take-first-backup")).isEqualTo(1);
            assertThat(ran(app, "restore-reconcile")).isEqualTo(1);
            assertThat(ran(app, "reconcile-count-snapshots-per-chain")).isEqualTo(1);

            AdviceWith.adviceWith(app.context(), "restore", route -> {
                route.weaveById("restore-take-first-backup").replace()
                        .throwException(new IllegalStateException("injected: the first backup failed"));
                route.weaveById("restore-reconcile").replace()
                        .throwException(new IllegalStateException("injected: reconciliation failed"));
            });
            RestoreReport standing = restore(app, new RestoreRequest(source, full.id(), null, false, true));
            assertThat(standing.firstBackupId()).isNull();
            assertThat(standing.warnings()).anyMatch(warning -> warning.contains("failed (see the log): take a full"));
            assertThat(standing.reconciliation()).as("reported empty: the restore stands")
                    .containsEntry("NOT_CONFIGURED", 0L)
                    .allSatisfy((status, count) -> assertThat(count).isZero());
            assertThat(wallets(app)).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void reconciliationSendsEachMismatchWithAChainAndCountsWithout(Kind kind) throws Exception {
        try (AnvilNode anvil = AnvilNode.start();
             RunningApplication app = RunningApplication.start(kind, temp.resolve("data"),
                     Map.of(WalletConfig.SCHEDULE_ENABLED, "false", WalletConfig.EVM_RPC_URL,
                             anvil.endpoint().toString()), Clock.systemUTC())
                     .withHardhatSeed(2)) {
            // the hardhat accounts hold Anvil's 10,000 ether each: a recorded ten wei is a mismatch
            app.services().balances().record("agent-0", Chain.EVM, "ETH", BigInteger.TEN, 18, null);
            ReconciliationReport report = request(app, "direct:reconcile", null, ReconciliationReport.class);
            assertThat(report.totals()).containsEntry("MISMATCH", 1L);
            assertThat(ran(app, "reconcile-classify-batch")).isEqualTo(1);
            assertThat(ran(app, "reconcile-send-mismatch")).isEqualTo(1);
            assertThat(ran(app, "reconcile-count-snapshots-per-chain")).isZero();
            try (Stream<String> events = Files.lines(app.services().config().dataDir().resolve("telemetry")
                    .resolve("wallet-balance-mismatch.jsonl"))) {
                assertThat(events.toList()).singleElement().asString().contains("\"agentId\":\"agent-0\"");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFullDiskIsExplainedAndMissedBackupsRunAtStartUp(Kind kind) throws Exception {
        WalletConfig config;
        // no full is ever due after the first; an incremental is due daily (in the real time of the triggers, so
        // that neither fires during the test unless it runs across midnight)
        Map<String, String> daily = Map.of(WalletConfig.FULL_SCHEDULE, "0 0 0 1 1 ? 2099",
                WalletConfig.INCREMENTAL_SCHEDULE, "0 0 * * *", WalletConfig.SCHEDULE_ENABLED, "false");
        try (RunningApplication app = RunningApplication.start(kind, temp.resolve("data"), daily, Clock.systemUTC())
                .withHardhatSeed(2)) {
            config = app.services().config();
            AdviceWith.adviceWith(app.context(), "backup-snapshot", route -> route
                    .weaveById("backup-snapshot-finish-file").replace()
                    .throwException(new IOException("No space left on device")));
            assertThatThrownBy(() -> app.backup("full")).isInstanceOf(CamelExecutionException.class)
                    .cause().isInstanceOf(IOException.class).hasMessageStartingWith("No space left on device writing ")
                    .hasMessageContaining("Make room in the backup directory");
            assertThat(new BackupCatalog(app.services().store()).list()).isEmpty();
        }

        Map<String, String> enabled = Map.of(WalletConfig.SCHEDULE_ENABLED, "true");
        AtomicReference<NotifyBuilder> caughtUp = new AtomicReference<>();
        try (RunningApplication app = RunningApplication.startOn(config.with(enabled),
                Clock.systemUTC(), context -> caughtUp.set(catchUp(context)))) {
            assertThat(caughtUp.get().matches(60, TimeUnit.SECONDS)).isTrue();
            assertThat(new BackupCatalog(app.services().store()).list()).extracting(CatalogEntry::type)
                    .containsExactly(BackupType.FULL);
            assertThat(ran(app, "backup-catch-up-full")).isEqualTo(1);
            assertThat(ran(app, "backup-catch-up-incremental")).as("the full just made is newer than any slot")
                    .isZero();
        }
        Clock twoDaysLater = Clock.offset(Clock.systemUTC(), Duration.ofDays(2));
        try (RunningApplication app = RunningApplication.startOn(config.with(enabled),
                twoDaysLater, context -> caughtUp.set(catchUp(context)))) {
            assertThat(caughtUp.get().matches(60, TimeUnit.SECONDS)).isTrue();
            assertThat(new BackupCatalog(app.services().store()).list()).extracting(CatalogEntry::type)
                    .containsExactly(BackupType.FULL, BackupType.INCREMENTAL);
            assertThat(ran(app, "backup-catch-up-incremental")).isEqualTo(1);
        }
    }

    /** How many exchanges the step with this id processed, from its JMX bean. */
    private static long ran(RunningApplication app, String stepId) {
        ManagedProcessorMBean step = app.context().getCamelContextExtension()
                .getContextPlugin(ManagedCamelContext.class).getManagedProcessor(stepId);
        assertThat(step).as("step " + stepId + " is managed").isNotNull();
        return step.getExchangesTotal();
    }

    private static NotifyBuilder catchUp(CamelContext context) {
        return new NotifyBuilder(context).fromRoute("backup-catch-up").whenDoneByIndex(0).create();
    }

    private static Map<String, String> s3Settings(S3Server s3) {
        return Map.of(WalletConfig.SCHEDULE_ENABLED, "false", WalletConfig.S3_BUCKET, S3Server.BUCKET, WalletConfig.S3_ENDPOINT, s3.endpoint().toString(),
                WalletConfig.S3_PREFIX, "branches/", WalletConfig.S3_ACCESS_KEY, S3Server.IDENTITY,
                WalletConfig.S3_SECRET_KEY, S3Server.CREDENTIAL);
    }

    @SuppressWarnings("unchecked")
    private static List<DestinationOutcome> sync(RunningApplication app) throws Exception {
        return request(app, "direct:backup-sync", true, List.class);
    }

    private static RestoreReport restore(RunningApplication app, RestoreRequest request) throws Exception {
        return request(app, "direct:restore", request, RestoreReport.class);
    }

    private static <T> T request(RunningApplication app, String endpoint, Object body, Class<T> type)
            throws Exception {
        try (ProducerTemplate producer = app.context().createProducerTemplate()) {
            return producer.requestBody(endpoint, body, type);
        }
    }

    private static long wallets(RunningApplication app) {
        return app.services().store().read(StoreRestorer::counts).get("wallets");
    }
}
