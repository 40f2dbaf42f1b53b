package dev.walletbackup.monitoring.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The backup-age check on a real store's catalog: DOWN before the first backup, UP after it, DOWN once it is old. */
class BackupAgeHealthCheckTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(TestStores.Kind.class)
    void theNewestBackupMustBeYoungerThanTheMaximumAge(TestStores.Kind kind) throws Exception {
        Duration maxAge = Duration.ofHours(26);
        try (RunningApplication app = RunningApplication.start(kind, temp.resolve("data"),
                Map.of("wallet.backup.schedule.enabled", "false"), Clock.systemUTC()).withHardhatSeed(2)) {
            BackupCatalog catalog = new BackupCatalog(app.services().store());
            HealthCheck.Result none = new BackupAgeHealthCheck(catalog, maxAge, Clock.systemUTC()).call();
            assertThat(none.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(none.getMessage().orElse("")).contains("no backup yet");

            String id = app.backup("full").id();
            assertThat(new BackupAgeHealthCheck(catalog, maxAge, Clock.systemUTC()).call().getState())
                    .isEqualTo(HealthCheck.State.UP);
            HealthCheck.Result old = new BackupAgeHealthCheck(catalog, maxAge,
                    Clock.offset(Clock.systemUTC(), Duration.ofHours(27))).call();
            assertThat(old.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(old.getMessage().orElse("")).contains(id, "wallet.health.max-backup-age is PT26H");
        }
    }
}
