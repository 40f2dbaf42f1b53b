package dev.walletbackup.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walletbackup.testing.CliProcess;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.RunningService;
import dev.walletbackup.testing.TestStores;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as an operator runs it, {@code bin/wallet-backup run} in its own JVM, watched from outside: Prometheus
 * metrics and health over its management HTTP server, the schedules and the WalletOperations MBean over a real JMX
 * connector and over Jolokia. The schedules fire every four seconds (full at :00, :04…, incremental two seconds
 * later), so that a suspended schedule's missing slots show against the other's firings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementServerTest {
    static final ObjectName FULL_SCHEDULE = name("org.apache.camel:context=wallet-backup,type=routes,name=\"backup-full-schedule\"");
    static final ObjectName OPERATIONS = name("org.apache.camel:context=wallet-backup,type=services,name=WalletOperations");
    static final Predicate<String> FULL_DONE = line -> line.matches(".*Backup \\S+ \\(full\\) done in .*");
    static final Predicate<String> INCREMENTAL_DONE = line -> line.matches(".*Backup \\S+ \\(incremental\\) done in .*");
    static final Duration PATIENCE = Duration.ofSeconds(60);

    Path temp;
    RunningService service;
    Instant started;

    @BeforeAll
    void startTheService(@TempDir Path directory) throws Exception {
        temp = directory;
        started = Instant.now();
        service = RunningService.start(TestStores.Kind.H2, temp.resolve("data"), 3, Map.of(
                "wallet.backup.full.schedule", "0/4 * * * * ?",
                "wallet.backup.incremental.schedule", "2/4 * * * * ?"), Map.of());
        assertThat(service.process().awaitStderrLines(INCREMENTAL_DONE, 1, PATIENCE)).as(service.process().stderr()).isTrue();
    }

    @AfterAll
    void stopTheService() throws Exception {
        service.close();
    }

    @Test
    void theMetricsShowTheLastSuccessOfEachBackupTypeTheRunsAndNoPendingCopies() {
        HttpResponse<String> scrape = service.get("/observe/metrics");
        assertThat(scrape.statusCode()).isEqualTo(200);
        for (String type : new String[] {"full", "incremental"}) {
            double lastSuccess = metric(scrape.body(), "wallet_backup_last_success_seconds{type=\"" + type + "\"}");
            assertThat(lastSuccess).as(type).isBetween((double) started.getEpochSecond() - 1,
                    (double) Instant.now().getEpochSecond());
            assertThat(metric(scrape.body(), "wallet_backups_total{outcome=\"success\",type=\"" + type + "\"}"))
                    .as(type).isGreaterThanOrEqualTo(1);
            assertThat(metric(scrape.body(), "wallet_backup_duration_seconds_count{type=\"" + type + "\"}")).isPositive();
            assertThat(metric(scrape.body(), "wallet_backup_rows_sum{type=\"full\"}")).isGreaterThanOrEqualTo(6);
        }
        assertThat(metric(scrape.body(), "wallet_backup_copies_pending")).isZero();
        assertThat(metric(scrape.body(), "wallet_drill_last_success_time_seconds{source=\"local\"}"))
                .as("exported before any drill (0: never)").isNotNegative();
        assertThat(scrape.body()).as("Camel's route metrics beside ours")
                .contains("camel_exchanges_total{", "routeId=\"backup-pipeline\"");
    }

    @Test
    void theHealthCommandExitsZeroWhileTheServiceIsUpAndOneWhenNothingAnswers() throws Exception {
        CliRunner.Result up = service.cli().run("health");
        assertThat(up.exitCode()).as(up.stderr()).isZero();
        assertThat(up.stdout()).isEqualTo("UP\n");
        assertThat(service.cli().run("health", "--live").exitCode()).isZero();
        assertThat(service.cli(Map.of("WALLET_MANAGEMENT_HOST", "0.0.0.0")).run("health", "--json").json()
                .get("status").asText()).as("a server on every interface is asked over loopback").isEqualTo("UP");

        int closed = RunningService.freePort();
        CliRunner.Result nothing = service.cli(Map.of("WALLET_MANAGEMENT_PORT", Integer.toString(closed))).run("health");
        assertThat(nothing.exitCode()).isEqualTo(1);
        assertThat(nothing.stderr()).contains("no answer from the management server at 127.0.0.1:" + closed);
        assertThat(service.cli(Map.of("WALLET_MANAGEMENT_PORT", "0")).run("health").exitCode()).isEqualTo(2);
    }

    @Test
    void healthIsDownWhileTheBackupDirectoryIsNotWritableAndUpAgainAfterAndTheFailedSlotsBecomeEvents() throws Exception {
        assertThat(service.get("/observe/health").statusCode()).isEqualTo(200);
        Path backups = service.backupDirectory();
        Path aside = backups.resolveSibling("backups-aside");
        // the failures of scheduled backups; the copy retry (backup-sync-schedule) fails too while the directory is a
        // file, since it takes the backup lock, and a failed retry is no failed backup: it sends no event
        Predicate<String> failure = line -> line.contains("ERROR") && line.contains("failed:")
                && !line.contains("Route backup-sync-schedule failed:");
        long failuresBefore = service.process().countStderrLines(failure);
        Files.move(backups, aside);
        Files.writeString(backups, "a file where the backup directory was");
        try {
            HttpResponse<String> down = service.get("/observe/health?exposureLevel=full");
            assertThat(down.statusCode()).isEqualTo(503);
            JsonNode check = check(down.body(), "backup-directory");
            assertThat(check.get("status").asText()).isEqualTo("DOWN");
            // Camel's health JSON escapes the slashes of the path
            assertThat(check.get("message").asText()).contains("backups is not a directory");
            assertThat(service.process().awaitStderrLines(failure, failuresBefore + 1, PATIENCE))
                    .as("a scheduled slot fails: %s", service.process().stderr()).isTrue();
        } finally {
            Files.delete(backups);
            Files.move(aside, backups);
        }
        HttpResponse<String> up = service.get("/observe/health?exposureLevel=full");
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        assertThat(check(up.body(), "backup-directory").get("status").asText()).isEqualTo("UP");

        // once a backup succeeded after the repair, every failed run has logged and sent what it will
        long done = service.process().countStderrLines(FULL_DONE.or(INCREMENTAL_DONE));
        assertThat(service.process().awaitStderrLines(FULL_DONE.or(INCREMENTAL_DONE), done + 1, PATIENCE)).isTrue();
        String errorLine = service.process().stderr().lines().filter(failure).reduce((first, last) -> last).orElseThrow();
        assertThat(errorLine).as("the ERROR line with the reason").contains("Route backup-", backups.toString());
        // a slot logs its ERROR line before it sends its event: one that failed as the directory came back may still
        // be between the two
        long failedSlots = service.process().countStderrLines(failure) - failuresBefore;
        await().atMost(PATIENCE).until(() -> failedEvents() >= failedSlots);
        assertThat(failedEvents()).as("one event per ERROR line of a failed slot; the service's output:%n%s",
                service.process().stderr()).isEqualTo(failedSlots);
        assertThat(service.telemetry()).anySatisfy(line -> {
            JsonNode event = new ObjectMapper().readTree(line);
            assertThat(event.get("type").asText()).isEqualTo("WALLET_BACKUP_FAILED");
            assertThat(event.get("nodeId").asText()).isEqualTo("wallet-backup");
            assertThat(event.get("backupType").asText()).isIn("full", "incremental");
            assertThat(event.get("reason").asText()).contains(backups.toString());
        });
        assertThat(metric(service.get("/observe/metrics").body(), "wallet_backups_total{outcome=\"failure\",type=\"full\"}")
                + metric(service.get("/observe/metrics").body(), "wallet_backups_total{outcome=\"failure\",type=\"incremental\"}"))
                .isPositive();
    }

    private long failedEvents() throws IOException {
        return service.telemetry().stream().filter(line -> line.contains("WALLET_BACKUP_FAILED")).count();
    }

    @Test
    void suspendingTheFullScheduleOverJmxStopsItsSlotsUntilItIsResumed() throws Exception {
        MBeanServerConnection jmx = service.jmx();
        jmx.invoke(FULL_SCHEDULE, "suspend", null, null);
        try {
            assertThat(jmx.getAttribute(FULL_SCHEDULE, "State")).isEqualTo("Suspended");
            HttpResponse<String> health = service.get("/observe/health?exposureLevel=full");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(check(health.body(), "schedules").get("message").asText()).contains("backup-full-schedule");
            CliRunner.Result probe = service.cli().run("health");
            assertThat(probe.exitCode()).as("the health command, a container's health check").isEqualTo(1);
            assertThat(probe.stdout()).startsWith("DOWN\n").contains("schedules:", "backup-full-schedule");
            long fullFirings = (Long) jmx.getAttribute(FULL_SCHEDULE, "ExchangesTotal");
            long fullDone = service.process().countStderrLines(FULL_DONE);
            // two incremental slots later, the full slots between them have passed
            long incrementals = service.process().countStderrLines(INCREMENTAL_DONE);
            assertThat(service.process().awaitStderrLines(INCREMENTAL_DONE, incrementals + 2, PATIENCE)).isTrue();
            assertThat((Long) jmx.getAttribute(FULL_SCHEDULE, "ExchangesTotal")).isEqualTo(fullFirings);
            assertThat(service.process().countStderrLines(FULL_DONE)).isEqualTo(fullDone);
        } finally {
            jmx.invoke(FULL_SCHEDULE, "resume", null, null);
        }
        assertThat(jmx.getAttribute(FULL_SCHEDULE, "State")).isEqualTo("Started");
        long fullDone = service.process().countStderrLines(FULL_DONE);
        assertThat(service.process().awaitStderrLines(FULL_DONE, fullDone + 1, PATIENCE))
                .as("the schedule fires again: %s", service.process().stderr()).isTrue();
    }

    @Test
    void backupFullOverJmxWritesABackupThatVerifyLatestAndADrillProveAndADryPruneKeeps() throws Exception {
        MBeanServerConnection jmx = service.jmx();
        String made = (String) jmx.invoke(OPERATIONS, "backupFull", null, null);
        Matcher file = Pattern.compile("backup (\\S+) \\(full\\) made: .* file (\\S+)$").matcher(made);
        assertThat(file.matches()).as(made).isTrue();
        assertThat(service.backupDirectory().resolve(file.group(2))).isRegularFile();
        assertThat(service.backupDirectory().resolve(file.group(2).replace(".wbk", ".manifest.json"))).isRegularFile();
        assertThat(jmx.getAttribute(OPERATIONS, "LastBackupResult")).isEqualTo(made);

        String verified = (String) jmx.invoke(OPERATIONS, "verifyLatest", new Object[] {true},
                new String[] {boolean.class.getName()});
        assertThat(verified).startsWith("ok (deep): ");
        assertThat((String[]) jmx.invoke(OPERATIONS, "pendingCopies", null, null)).isEmpty();

        String drilled = (String) jmx.invoke(OPERATIONS, "drill", null, null);
        assertThat(drilled).startsWith("proven: " + service.backupDirectory() + " proven (backup ");
        assertThat(jmx.getAttribute(OPERATIONS, "LastDrillResult")).isEqualTo(drilled);
        String scrape = service.get("/observe/metrics").body();
        assertThat(metric(scrape, "wallet_drills_total{outcome=\"proven\",source=\"local\"}")).isEqualTo(1);
        assertThat(metric(scrape, "wallet_drill_last_success_time_seconds{source=\"local\"}")).isPositive();
        String pruned = (String) jmx.invoke(OPERATIONS, "prune", new Object[] {true},
                new String[] {boolean.class.getName()});
        assertThat(pruned).startsWith("would remove 0 backups () and 0 leftovers; kept ")
                .contains("no retention rule is set");
        assertThat(service.backupDirectory().resolve(file.group(2))).isRegularFile();
    }

    @Test
    void aSecondServiceOnTheSamePortStopsAtOnceSayingWhy() throws Exception {
        try (CliProcess second = service.startSecondService()) {
            CliRunner.Result refused = second.await(Duration.ofMinutes(1));
            assertThat(refused.exitCode()).as(refused.stderr()).isEqualTo(1);
            assertThat(refused.stderr()).contains("the management port 127.0.0.1:" + service.httpPort() + " is in use");
        }
        assertThat(service.get("/observe/health").statusCode()).as("the first service still answers").isEqualTo(200);
    }

    @Test
    void aOneShotCommandBesideTheServiceOpensNoManagementServer() {
        // the command line has the service's environment, WALLET_MANAGEMENT_PORT included: a second server on the
        // same port would fail to bind and fail the command
        CliRunner.Result made = service.cli().ok("backup", "full", "--json");
        assertThat(made.json().get("type").asText()).isEqualTo("full");
        assertThat(service.get("/observe/health").statusCode()).as("the service's server still answers").isEqualTo(200);
    }

    @Test
    void theFullScheduleIsSuspendedAndResumedThroughJolokiaOverHttp() throws Exception {
        String route = "org.apache.camel:context=wallet-backup,type=routes,name=\\\"backup-full-schedule\\\"";
        HttpResponse<String> suspended = service.post("/observe/jolokia",
                "{\"type\":\"exec\",\"mbean\":\"" + route + "\",\"operation\":\"suspend()\"}");
        try {
            assertThat(jolokia(suspended).get("status").asInt()).as(suspended.body()).isEqualTo(200);
            HttpResponse<String> state = service.post("/observe/jolokia",
                    "{\"type\":\"read\",\"mbean\":\"" + route + "\",\"attribute\":\"State\"}");
            assertThat(jolokia(state).get("value").asText()).isEqualTo("Suspended");
        } finally {
            HttpResponse<String> resumed = service.post("/observe/jolokia",
                    "{\"type\":\"exec\",\"mbean\":\"" + route + "\",\"operation\":\"resume()\"}");
            assertThat(jolokia(resumed).get("status").asInt()).as(resumed.body()).isEqualTo(200);
        }
        assertThat(service.jmx().getAttribute(FULL_SCHEDULE, "State")).isEqualTo("Started");
        HttpResponse<String> heapDump = service.post("/observe/jolokia", "{\"type\":\"exec\",\"mbean\":"
                + "\"com.sun.management:type=HotSpotDiagnostic\",\"operation\":\"dumpHeap\",\"arguments\":[\""
                + temp.resolve("heap.hprof") + "\",true]}");
        assertThat(jolokia(heapDump).get("status").asInt()).as("the JVM's diagnostic MBeans are denied").isEqualTo(403);
        assertThat(temp.resolve("heap.hprof")).doesNotExist();

        // the context's own operations would stop the service or write any file as its user
        String context = "org.apache.camel:context=wallet-backup,type=context,name=\\\"wallet-backup\\\"";
        Path written = temp.resolve("written-through-jolokia.txt");
        HttpResponse<String> sendBody = service.post("/observe/jolokia", "{\"type\":\"exec\",\"mbean\":\"" + context
                + "\",\"operation\":\"sendBody(java.lang.String,java.lang.Object)\",\"arguments\":[\"file:"
                + temp + "?fileName=" + written.getFileName() + "\",\"x\"]}");
        assertThat(jolokia(sendBody).get("status").asInt()).as(sendBody.body()).isEqualTo(403);
        assertThat(written).doesNotExist();
        HttpResponse<String> stop = service.post("/observe/jolokia",
                "{\"type\":\"exec\",\"mbean\":\"" + context + "\",\"operation\":\"stop()\"}");
        assertThat(jolokia(stop).get("status").asInt()).as(stop.body()).isEqualTo(403);
        HttpResponse<String> replaceRoute = service.post("/observe/jolokia", "{\"type\":\"exec\",\"mbean\":\"" + route
                + "\",\"operation\":\"updateRouteFromXml\",\"arguments\":[\"<route/>\"]}");
        assertThat(jolokia(replaceRoute).get("status").asInt()).as(replaceRoute.body()).isEqualTo(403);
        assertThat(service.get("/observe/health").statusCode()).as("the service still runs").isEqualTo(200);
    }

    static double metric(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).strip()))
                .orElseThrow(() -> new AssertionError(series + " is not in the scrape:\n" + scrape));
    }

    static JsonNode check(String health, String name) throws Exception {
        for (JsonNode check : new ObjectMapper().readTree(health).get("checks")) {
            if (check.get("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }

    static JsonNode jolokia(HttpResponse<String> response) throws Exception {
        return new ObjectMapper().readTree(response.body());
    }

    static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
