package dev.walletbackup.backup.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walletbackup.backup.BackupReport;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.files.FileDigests;
import dev.walletbackup.routes.ExchangeProperties;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The local destination is Camel's file endpoint: a backup's two files appear under their names in the backup
 * directory, whatever characters its path holds, mode 0600, the manifest last, with nothing temporary left; a name that exists is never written over; and a backup whose
 * manifest cannot be published leaves the directory exactly as it was.
 */
class LocalDirectoryDestinationTest {
    private static final Map<String, String> NO_SCHEDULES = Map.of(WalletConfig.SCHEDULE_ENABLED, "false");

    @TempDir
    Path temp;

    @Test
    void aBackupIsPublishedAsItsTwoPrivateFilesWithNothingTemporaryLeft() throws Exception {
        // a name that a URI would decode: the files must land in this directory, not in "data b+c"
        Path dataDir = temp.resolve("data%20b+c");
        try (RunningApplication app = RunningApplication.start(Kind.H2, dataDir, NO_SCHEDULES, Clock.systemUTC())
                .withHardhatSeed(3)) {
            BackupReport full = app.backup("full");
            Path directory = app.backupDirectory();
            Path file = directory.resolve(full.fileName());
            Path manifestFile = directory.resolve(BackupManifest.manifestNameFor(full.fileName()));

            assertThat(files(directory).keySet())
                    .containsExactlyInAnyOrder(".wallet-backup.lock", file.getFileName().toString(),
                            manifestFile.getFileName().toString());
            for (Path published : new Path[] {file, manifestFile}) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(published)))
                        .as(published.toString()).isEqualTo("rw-------");
            }
            BackupManifest manifest = BackupManifest.read(manifestFile);
            assertThat(manifest.sha256()).isEqualTo(FileDigests.sha256(file));
            assertThat(manifest.bytes()).isEqualTo(Files.size(file));
        }
        try (Stream<Path> listing = Files.list(temp)) {
            assertThat(listing).containsExactly(dataDir);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aManifestThatCannotBePublishedLeavesTheDirectoryAsItWas(Kind kind) throws Exception {
        try (RunningApplication app = RunningApplication.start(kind, temp, NO_SCHEDULES, Clock.systemUTC())
                .withHardhatSeed(3)) {
            AtomicBoolean failing = new AtomicBoolean();
            AdviceWith.adviceWith(app.context(), "backup-destination-local", route ->
                    route.weaveById("backup-destination-local-publish-manifest").before().process(exchange -> {
                        if (failing.get()) {
                            throw new IllegalStateException("injected: the manifest could not be published");
                        }
                    }));
            app.backup("full");
            Map<String, String> before = files(app.backupDirectory());

            failing.set(true);
            app.services().wallets().createMany(2, "later-");
            assertThatThrownBy(() -> app.backup("incremental")).isInstanceOf(CamelExecutionException.class)
                    .rootCause().hasMessageEndingWith("no destination stored it: local failed: injected: the manifest could not be published");
            assertThat(files(app.backupDirectory())).isEqualTo(before);

            failing.set(false);
            BackupReport incremental = app.backup("incremental");
            assertThat(files(app.backupDirectory())).hasSize(before.size() + 2)
                    .containsKeys(incremental.fileName(), BackupManifest.manifestNameFor(incremental.fileName()));
        }
    }

    @Test
    void aFileOfTheSameNameIsNeverWrittenOver() throws Exception {
        try (RunningApplication app = RunningApplication.start(Kind.H2, temp, NO_SCHEDULES, Clock.systemUTC())
                .withHardhatSeed(3)) {
            // names are made of the time and a random id, so only a test can make one exist already
            AdviceWith.adviceWith(app.context(), "backup-destination-local", route ->
                    route.weaveById("backup-destination-local-publish-file").before().process(exchange -> {
                        VerifiedBackup backup = exchange.getProperty(ExchangeProperties.BACKUP_SESSION,
                                VerifiedBackup.class);
                        Files.writeString(backup.backupDirectory().resolve(backup.fileName()), "someone else's");
                    }));
            assertThatThrownBy(() -> app.backup("full")).isInstanceOf(CamelExecutionException.class)
                    .rootCause().hasMessageContaining("local failed: File already exist: " + app.backupDirectory() + "/wallet-backup-");

            Map<String, String> left = files(app.backupDirectory());
            assertThat(left).hasSize(2).containsKey(".wallet-backup.lock");
            String existing = left.keySet().stream().filter(name -> name.endsWith(".wbk")).findFirst().orElseThrow();
            assertThat(Files.readString(app.backupDirectory().resolve(existing))).isEqualTo("someone else's");
        }
    }

    /** Every file in {@code directory} by name, with its SHA-256. */
    private static Map<String, String> files(Path directory) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> listing = Files.list(directory)) {
            for (Path file : listing.toList()) {
                files.put(file.getFileName().toString(), FileDigests.sha256(file));
            }
        }
        return files;
    }
}
