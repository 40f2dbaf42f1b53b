package dev.walletbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.S3Server;
import dev.walletbackup.testing.TestStores.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The periodic retry of pending off-site copies pushes only copies whose file is in this instance's backup
 * directory (another instance of the store, whose directory is not shared, made the others); {@code backup sync}
 * tries them all.
 */
class BackupSyncTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void thePeriodicRetryLeavesACopyWhoseFileIsInAnotherInstancesDirectory(Kind kind) throws Exception {
        try (S3Server s3 = S3Server.start(Files.createDirectories(temp.resolve("s3")));
             RunningApplication app = RunningApplication.start(kind, temp.resolve("data"), Map.of(
                     WalletConfig.SCHEDULE_ENABLED, "false", WalletConfig.S3_BUCKET, S3Server.BUCKET,
                     WalletConfig.S3_ENDPOINT, s3.endpoint().toString(), WalletConfig.S3_ACCESS_KEY, S3Server.IDENTITY,
                     WalletConfig.S3_SECRET_KEY, S3Server.CREDENTIAL), Clock.systemUTC()).withHardhatSeed(1)) {
            s3.stop();
            BackupReport pending = app.backup("full");
            BackupCatalog catalog = new BackupCatalog(app.services().store());
            // an hour on: the copy's back-off has passed
            Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
            BackupSync.Item retry = new BackupSync.Item(pending.id(), pending.fileName(), "s3", 2);

            assertThat(new BackupSync(catalog, app.backupDirectory(), later).due(false)).containsExactly(retry);
            BackupSync elsewhere = new BackupSync(catalog, temp.resolve("other-host-backups"), later);
            assertThat(elsewhere.due(false)).isEmpty();
            assertThat(elsewhere.due(true)).as("backup sync tries every pending copy").containsExactly(retry);
        }
    }
}
