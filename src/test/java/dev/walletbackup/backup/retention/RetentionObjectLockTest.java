package dev.walletbackup.backup.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.backup.BackupReport;
import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.destination.S3Location;
import dev.walletbackup.config.RetentionSettings;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.S3Server;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * With S3 Object Lock on, retention keeps a backup whose off-site objects are still locked (its chain with it, by the
 * planner's rule that a kept backup keeps its parents), says until when, and removes it from both destinations by a prune after that. S3Proxy cannot lock objects (it
 * answers the lock headers with 501), so the backups are uploaded without a lock and the lock period is the
 * pruner's: what is checked is that retention decides from each object's upload time and the configured period.
 */
class RetentionObjectLockTest {
    @TempDir
    Path temp;

    @Test
    void aBackupStillLockedOffSiteIsKeptWithItsChainUntilTheLockEnds() throws Exception {
        try (S3Server s3 = S3Server.start(Files.createDirectories(temp.resolve("s3")))) {
            Map<String, String> environment = new HashMap<>(TestStores.environment(Kind.H2, temp.resolve("data")));
            environment.putAll(s3.environment("locked/"));
            WalletConfig config = TestStores.config(environment).with(Map.of(WalletConfig.SCHEDULE_ENABLED, "false"));
            try (RunningApplication app = RunningApplication.startOn(config, Clock.systemUTC()).withHardhatSeed(2)) {
                BackupReport oldFull = app.backup("full");
                BackupReport oldIncremental = app.backup("incremental");
                app.backup("full");
                BackupReport newest = app.backup("incremental");
                S3Client client = s3.client(S3Server.IDENTITY, S3Server.CREDENTIAL);
                S3Location bucket = new S3Location(S3Server.BUCKET, "locked/");
                PruneRequest keepLast = new PruneRequest(new RetentionSettings(1, 0, 0, 0), false);

                Instant now = Instant.now();
                PruneReport whileLocked = pruner(app, client, bucket, now.plus(Duration.ofHours(1))).prune(keepLast);
                assertThat(whileLocked.removed()).isEmpty();
                for (BackupReport locked : List.of(oldIncremental, oldFull)) {
                    assertThat(whileLocked.kept()).filteredOn(kept -> kept.id().equals(locked.id())).singleElement()
                            .satisfies(kept -> assertThat(kept.reasons()).singleElement().asString()
                                    .startsWith("s3 Object Lock until 2"));
                }
                assertThat(keys(client)).hasSize(8);

                PruneReport afterTheLock = pruner(app, client, bucket, now.plus(Duration.ofDays(2))).prune(keepLast);
                assertThat(afterTheLock.removed()).extracting(PruneReport.Removed::id)
                        .containsExactly(oldIncremental.id(), oldFull.id());
                assertThat(keys(client)).hasSize(4).allMatch(key -> !key.contains(oldFull.id())
                        && !key.contains(oldIncremental.id()));
                assertThat(app.backupDirectory().resolve(newest.fileName())).exists();
                assertThat(app.backupDirectory().resolve(oldFull.fileName())).doesNotExist();
            }
        }
    }

    private static BackupPruner pruner(RunningApplication app, S3Client client, S3Location bucket, Instant at) {
        return BackupPruner.create(new BackupCatalog(app.services().store()), app.backupDirectory(),
                new RetentionSettings(0, 0, 0, 0), () -> client, bucket, Duration.ofDays(1), new SimpleMeterRegistry(),
                Clock.fixed(at, ZoneOffset.UTC));
    }

    private static List<String> keys(S3Client client) {
        try (Stream<S3Object> objects = client.listObjectsV2Paginator(request -> request.bucket(S3Server.BUCKET)
                .prefix("locked/")).contents().stream()) {
            return objects.map(S3Object::key).toList();
        }
    }
}
