package dev.walletbackup.monitoring.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup-directory check: UP before the first backup (its parent is writable, the backup will create it), UP
 * with backups in it, DOWN once it is gone while the catalog lists backups made in it, UP again when it is back.
 */
class BackupDirectoryHealthCheckTest {
    @TempDir
    Path temp;

    @Test
    void aBackupDirectoryGoneWhileTheCatalogListsBackupsIsDown() throws Exception {
        try (RunningApplication app = RunningApplication.start(TestStores.Kind.H2, temp.resolve("data"),
                Map.of("wallet.backup.schedule.enabled", "false"), Clock.systemUTC()).withHardhatSeed(1)) {
            Path backups = app.backupDirectory();
            BackupDirectoryHealthCheck check = new BackupDirectoryHealthCheck(backups,
                    new BackupCatalog(app.services().store()));
            assertThat(Files.exists(backups)).isFalse();
            assertThat(check.call().getState()).as("before the first backup").isEqualTo(HealthCheck.State.UP);

            app.backup("full");
            assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);

            Path aside = Files.move(backups, backups.resolveSibling("moved-away"));
            HealthCheck.Result gone = check.call();
            assertThat(gone.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(gone.getMessage().orElse("")).contains(backups + " is gone");
            Files.move(aside, backups);
            assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
        }
    }
}
