package dev.walletbackup.monitoring;

import static dev.walletbackup.monitoring.ManagementServerTest.check;
import static dev.walletbackup.monitoring.ManagementServerTest.metric;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walletbackup.testing.RunningService;
import dev.walletbackup.testing.TestStores;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An off-site copy that cannot be made (S3 at a port nothing listens on): the service's start-up backup is stored
 * locally and its copy is pending; the metrics count it, health turns DOWN once it has been pending longer than
 * wallet.health.max-pending-age, and the watch reports it once, with an ERROR line and a WALLET_BACKUP_COPY_PENDING
 * event on the telemetry endpoint.
 */
class PendingCopyAlertTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(TestStores.Kind.class)
    void aCopyPendingTooLongIsCountedMakesHealthDownAndBecomesOneEvent(TestStores.Kind kind) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> s3 = Map.of("S3_BUCKET", "offsite", "S3_ENDPOINT", "http://127.0.0.1:" + closedPort,
                "AWS_ACCESS_KEY_ID", "access", "AWS_SECRET_ACCESS_KEY", "secret-key-of-the-test");
        try (RunningService service = RunningService.start(kind, temp.resolve("data"), 2, Map.of(
                "wallet.health.max-pending-age", "PT1S", "wallet.backup.sync-period-seconds", "1"), s3)) {
            assertThat(service.process().awaitStderrLine(line -> line.contains("ERROR")
                    && line.contains("Off-site copy of backup"), Duration.ofSeconds(60))).as(service.process().stderr())
                    .isTrue();
            String errorLine = service.process().stderr().lines().filter(line -> line.contains("Off-site copy of backup"))
                    .findFirst().orElseThrow();
            assertThat(errorLine).contains("to s3 pending since", "PT1S");

            HttpResponse<String> scrape = service.get("/observe/metrics");
            assertThat(metric(scrape.body(), "wallet_backup_copies_pending")).isEqualTo(1);
            HttpResponse<String> health = service.get("/observe/health?exposureLevel=full");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(check(health.body(), "copies-pending").get("status").asText()).isEqualTo("DOWN");
            assertThat(check(health.body(), "s3").get("status").asText()).isEqualTo("DOWN");

            assertThat(service.telemetry()).singleElement().satisfies(line -> {
                JsonNode event = new ObjectMapper().readTree(line);
                assertThat(event.get("type").asText()).isEqualTo("WALLET_BACKUP_COPY_PENDING");
                assertThat(event.get("destination").asText()).isEqualTo("s3");
                assertThat(errorLine).contains(event.get("backupId").asText());
                assertThat(event.get("attempts").asInt()).isPositive();
                assertThat(line).doesNotContain("secret-key-of-the-test");
            });
            assertThat(service.process().stderr()).doesNotContain("secret-key-of-the-test");
        }
    }
}
