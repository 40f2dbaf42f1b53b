package dev.walletbackup.drill;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.backup.BackupReport;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.drill.DrillRecords.DrillRecord;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.restore.StoreRestorer;
import dev.walletbackup.store.StateDigestLedger;
import dev.walletbackup.store.WalletStore;
import dev.walletbackup.testing.Bytes;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.slf4j.LoggerFactory;

/**
 * Restore drills on a real store (H2 and PostgreSQL): the newest chain of the backup directory restored into a
 * scratch store proves itself (digest, every address re-derived) and leaves the store exactly as it was; a file
 * damaged after it was written fails the drill with exit 3, and the failure is in the catalog, in the metrics, on
 * the telemetry endpoint and in the log.
 */
class RestoreDrillTest {
    static final String PASSWORD = RunningApplication.PASSWORD;
    static final Map<String, String> NO_SCHEDULES = Map.of(WalletConfig.SCHEDULE_ENABLED, "false");
    static final String NEVER_SOON = "0 0 0 1 1 ? 2099";

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDrillProvesTheNewestChainAndLeavesTheStoreUntouched(Kind kind) throws Exception {
        Map<String, String> store = TestStores.environment(kind, temp.resolve("data"));
        BackupReport newest;
        try (RunningApplication app = RunningApplication.startOn(TestStores.config(store).with(NO_SCHEDULES),
                Clock.systemUTC()).withHardhatSeed(3)) {
            app.backup("full");
            app.services().wallets().createMany(1, "later-");
            newest = app.backup("incremental");
        }
        CliRunner cli = runner(store, PASSWORD);
        String before = state(store);

        JsonNode drill = cli.ok("drill", "--json").json();

        assertThat(drill.get("proven").asBoolean()).isTrue();
        assertThat(drill.get("sources")).hasSize(1);
        JsonNode local = drill.get("sources").get(0);
        assertThat(local.get("source").asText()).isEqualTo(temp.resolve("data").resolve("backups").toString());
        assertThat(local.get("kind").asText()).isEqualTo("local");
        assertThat(local.get("outcome").asText()).isEqualTo("proven");
        assertThat(local.get("target").asText()).isEqualTo(newest.id());
        assertThat(local.get("backups").asInt()).isEqualTo(2);
        assertThat(local.get("restored").get("wallets").asLong()).isEqualTo(4);
        assertThat(local.get("walletsRederived").asLong()).isEqualTo(4);
        assertThat(local.get("addressesMatch").asBoolean()).isTrue();
        assertThat(local.get("stateDigest").asText()).isEqualTo(newest.stateDigest());
        assertThat(local.get("digestMatch").asBoolean()).isTrue();
        assertThat(state(store)).as("rows and kept LtHash after the drill").isEqualTo(before);

        Result wrongPassword = runner(store, "Not-The-Password-9!").run("drill");
        assertThat(wrongPassword.exitCode()).as(wrongPassword.stderr()).isEqualTo(4);
        assertThat(state(store)).isEqualTo(before);

        List<DrillRecord> records = records(store);
        assertThat(records).extracting(DrillRecord::outcome)
                .containsExactly(DrillResult.PROVEN, DrillResult.WRONG_PASSWORD);
        assertThat(records.get(0).target()).isEqualTo(newest.id());
        assertThat(records.get(0).wallets()).isEqualTo(4);
        assertThat(records.get(0).stateDigest()).isEqualTo(newest.stateDigest());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFileDamagedAfterItWasWrittenFailsTheDrillWithTheEventTheMetricAndExit3(Kind kind) throws Exception {
        Map<String, String> store = TestStores.environment(kind, temp.resolve("data"));
        WalletConfig config = TestStores.config(store).with(NO_SCHEDULES);
        Path telemetry = config.dataDir().resolve("telemetry").resolve("wallet-balance-mismatch.jsonl");
        Path damaged;
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger drillLog = (Logger) LoggerFactory.getLogger("dev.walletbackup.drill");
        log.start();
        drillLog.addAppender(log);
        try (RunningApplication app = RunningApplication.startOn(config, Clock.systemUTC()).withHardhatSeed(3);
             ProducerTemplate producer = app.context().createProducerTemplate()) {
            app.backup("full");
            app.services().wallets().createMany(2, "later-");
            damaged = app.backupDirectory().resolve(app.backup("incremental").fileName());
            DrillReport proven = producer.requestBody("direct:drill", DrillRequest.everyDestination(), DrillReport.class);
            assertThat(proven.proven()).isTrue();
            Bytes.flipOneByte(damaged);

            DrillReport report = producer.requestBody("direct:drill", DrillRequest.everyDestination(), DrillReport.class);

            assertThat(report.proven()).isFalse();
            DrillOutcome outcome = report.sources().get(0);
            assertThat(outcome.outcome()).isEqualTo(DrillResult.DAMAGED);
            assertThat(outcome.message()).contains(damaged.getFileName().toString());
            MeterRegistry meters = app.context().getRegistry().lookupByNameAndType("walletMeterRegistry",
                    MeterRegistry.class);
            assertThat(meters.counter(DrillMetrics.DRILLS, "outcome", "damaged", "source", "local").count()).isEqualTo(1);
            assertThat(meters.counter(DrillMetrics.DRILLS, "outcome", "proven", "source", "local").count()).isEqualTo(1);
            assertThat(meters.get(DrillMetrics.LAST_SUCCESS).tag("source", "local").gauge().value())
                    .isEqualTo(proven.sources().get(0).startedAt().getEpochSecond());
        } finally {
            drillLog.detachAppender(log);
        }
        List<String> events = Files.readAllLines(telemetry);
        assertThat(events).hasSize(1);
        JsonNode event = WalletJson.mapper().readTree(events.get(0));
        assertThat(event.get("type").asText()).isEqualTo("WALLET_BACKUP_DRILL_FAILED");
        assertThat(event.get("nodeId").asText()).isEqualTo(config.nodeId());
        assertThat(event.get("timestamp").asLong()).isPositive();
        assertThat(event.get("outcome").asText()).isEqualTo("damaged");
        assertThat(event.get("source").asText()).isEqualTo(damaged.getParent().toString());
        assertThat(event.get("reason").asText()).contains(damaged.getFileName().toString());
        assertThat(log.list).filteredOn(line -> line.getLevel() == Level.ERROR).singleElement()
                .satisfies(line -> assertThat(line.getFormattedMessage())
                        .contains("Restore drill of " + damaged.getParent(), "damaged", damaged.getFileName().toString()));

        String before = state(store);
        Result cli = runner(store, PASSWORD).run("drill", "--source", damaged.getParent().toString());
        assertThat(cli.exitCode()).as(cli.stdout() + cli.stderr()).isEqualTo(3);
        assertThat(cli.stderr()).contains("drill: error: ", damaged.getFileName().toString());
        assertThat(state(store)).isEqualTo(before);
        assertThat(records(store)).extracting(DrillRecord::outcome)
                .containsExactly(DrillResult.PROVEN, DrillResult.DAMAGED, DrillResult.DAMAGED);
        assertThat(records(store).get(2).message()).contains(damaged.getFileName().toString());
    }

    /** The service's schedule runs the drill of every destination, and records it, as the command does. */
    @Test
    void theScheduleDrillsEveryDestination() throws Exception {
        Map<String, String> store = TestStores.environment(Kind.H2, temp.resolve("data"));
        try (RunningApplication app = RunningApplication.startOn(TestStores.config(store).with(NO_SCHEDULES),
                Clock.systemUTC()).withHardhatSeed(2)) {
            app.backup("full");
        }
        Map<String, String> everySecond = Map.of(WalletConfig.DRILL_SCHEDULE, "* * * * * ?",
                WalletConfig.FULL_SCHEDULE, NEVER_SOON,
                WalletConfig.INCREMENTAL_SCHEDULE, NEVER_SOON);
        AtomicReference<NotifyBuilder> drilled = new AtomicReference<>();
        try (RunningApplication app = RunningApplication.startOn(TestStores.config(store).with(everySecond),
                Clock.systemUTC(), context -> drilled.set(new NotifyBuilder(context).fromRoute("drill-schedule")
                        .whenDoneByIndex(0).create()))) {
            assertThat(drilled.get().matches(30, TimeUnit.SECONDS)).isTrue();
            Scheduler quartz = app.context().getComponent("quartz", QuartzComponent.class).getScheduler();
            assertThat(((CronTrigger) quartz.getTrigger(TriggerKey.triggerKey("weekly", "wallet-drill")))
                    .getCronExpression()).isEqualTo("* * * * * ?");
            assertThat(new DrillRecords(app.services().store()).list()).first()
                    .satisfies(record -> assertThat(record.outcome()).isEqualTo(DrillResult.PROVEN))
                    .satisfies(record -> assertThat(record.kind()).isEqualTo("local"))
                    .satisfies(record -> assertThat(record.wallets()).isEqualTo(2));
        }
    }

    /** The wallet state's row counts and the store's kept LtHash, which covers every row. */
    private static String state(Map<String, String> environment) {
        try (WalletStore store = WalletStore.open(TestStores.config(environment))) {
            return store.read(connection -> StoreRestorer.counts(connection) + " "
                    + StateDigestLedger.read(connection).ltHash().digest());
        }
    }

    private static List<DrillRecord> records(Map<String, String> environment) {
        try (WalletStore store = WalletStore.open(TestStores.config(environment))) {
            return new DrillRecords(store).list();
        }
    }

    private CliRunner runner(Map<String, String> store, String password) throws IOException {
        Map<String, String> env = new HashMap<>(store);
        env.put("WALLET_BACKUP_PASSWORD", password);
        return new CliRunner(env).withConfig(TestStores.fastConfigFile(temp, Map.of()));
    }
}
