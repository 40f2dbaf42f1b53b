package dev.walletbackup.backup.destination;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.backup.format.BackupCounts;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.BackupType;
import dev.walletbackup.files.AtomicFiles;
import dev.walletbackup.files.FileDigests;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.testing.S3Server;
import dev.walletbackup.testing.TestStores;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** A 200 MB backup file goes up by multipart from a JVM whose heap is capped at 256 MB. */
class LargeUploadTest {
    static final long SIZE = 200L * 1024 * 1024;

    @TempDir
    Path temp;

    @Test
    void twoHundredMegabytesGoUpWithTheHeapCappedAt256Megabytes() throws Exception {
        try (S3Server server = S3Server.start(Files.createDirectories(temp.resolve("s3")))) {
            Path backups = Files.createDirectories(temp.resolve("data").resolve("backups"));
            String name = "wallet-backup-20261125T000000000Z-full-00000000000000ff.wbk";
            Path file = backups.resolve(name);
            Random random = new Random(7);
            byte[] block = new byte[1 << 20];
            try (OutputStream out = Files.newOutputStream(file)) {
                for (long written = 0; written < SIZE; written += block.length) {
                    random.nextBytes(block);
                    out.write(block);
                }
            }
            BackupManifest manifest = new BackupManifest(1, "00000000000000ff", BackupType.FULL, null, "00000000000000ff",
                    "2026-11-25T00:00:00Z", 0, 1, "0a1b2c3d", null, null, new BackupCounts(0, 0, 0, 0), SIZE,
                    FileDigests.sha256(file), "0".repeat(64), "0".repeat(64), name);
            Path manifestFile = file.resolveSibling(BackupManifest.manifestNameFor(name));
            AtomicFiles.writeAtomically(manifestFile, manifest.toJson());

            Path config = TestStores.fastConfigFile(temp, Map.of());
            ProcessBuilder probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-Dwallet.home=" + System.getProperty("wallet.home", "."),
                    "-cp", System.getProperty("java.class.path"), LargeUploadProbe.class.getName(),
                    config.toString(), temp.resolve("data").toString(), manifestFile.toString());
            probe.environment().putAll(server.environment(""));
            probe.redirectErrorStream(true);
            probe.redirectOutput(temp.resolve("probe.log").toFile());
            Process process = probe.start();
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
            String log = Files.readString(temp.resolve("probe.log"));
            assertThat(process.exitValue()).as(log).isZero();
            assertThat(log).contains("OUTCOME stored").contains("maxHeapMiB=256");
            try (S3Client client = server.client(S3Server.IDENTITY, S3Server.CREDENTIAL)) {
                assertThat(client.headObject(request -> request.bucket(S3Server.BUCKET).key(name)).contentLength())
                        .isEqualTo(SIZE);
            }
            assertThat(WalletJson.mapper().readTree(manifestFile.toFile()).get("bytes").asLong()).isEqualTo(SIZE);
        }
    }
}
