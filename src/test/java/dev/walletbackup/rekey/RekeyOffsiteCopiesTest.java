package dev.walletbackup.rekey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.backup.destination.BackupDirectory;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.crypto.PasswordSource;
import dev.walletbackup.files.FileDigests;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.S3Server;
import dev.walletbackup.testing.TestStores.Kind;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * With S3 as a destination, a rekey replaces every object of the installation under the prefix: a backup the
 * directory holds too becomes byte for byte its rekeyed local file, one only the bucket holds is rewritten from its
 * downloaded copy; afterwards the bucket verifies deeply with the new password only, and a second run sends nothing.
 */
class RekeyOffsiteCopiesTest {
    private static final String NEW = "Rekey-Offsite-Pass-4$";
    private static final PasswordSource NEW_PASSWORD = () -> Password.adopt(NEW.toCharArray());
    private static final String PREFIX = "rekey/";

    @TempDir
    Path temp;

    @Test
    void theBucketsCopiesAreReplacedByRekeyedFilesAndOpenOnlyWithTheNewPassword() throws Exception {
        try (S3Server s3 = S3Server.start(Files.createDirectories(temp.resolve("s3")));
             RunningApplication app = RunningApplication.start(Kind.H2, temp.resolve("store"), Map.of(
                     WalletConfig.SCHEDULE_ENABLED, "false", WalletConfig.S3_BUCKET, S3Server.BUCKET,
                     WalletConfig.S3_ENDPOINT, s3.endpoint().toString(), WalletConfig.S3_PREFIX, PREFIX,
                     WalletConfig.S3_ACCESS_KEY, S3Server.IDENTITY, WalletConfig.S3_SECRET_KEY, S3Server.CREDENTIAL),
                     Clock.systemUTC()).withHardhatSeed(2);
             S3Client client = s3.client(S3Server.IDENTITY, S3Server.CREDENTIAL)) {
            app.backup("full");
            app.services().wallets().createMany(1, "second-");
            app.backup("incremental");
            app.services().wallets().createMany(1, "third-");
            app.backup("incremental");
            List<BackupManifest> backups = BackupDirectory.scan(app.backupDirectory()).manifests();
            BackupManifest bucketOnly = backups.get(2);
            Files.delete(app.backupDirectory().resolve(BackupManifest.manifestNameFor(bucketOnly.fileName())));
            Files.delete(app.backupDirectory().resolve(bucketOnly.fileName()));

            RekeyReport first;
            RekeyReport second;
            try (ProducerTemplate producer = app.context().createProducerTemplate()) {
                first = producer.requestBody("direct:backup-rekey", NEW_PASSWORD, RekeyReport.class);
                second = producer.requestBody("direct:backup-rekey", NEW_PASSWORD, RekeyReport.class);
            }

            assertThat(first.rekeyed()).hasSize(2);
            assertThat(first.offsiteRekeyed()).hasSize(3).allMatch(location -> location.startsWith("s3://"));
            assertThat(second.rekeyed()).isEmpty();
            assertThat(second.offsiteRekeyed()).as("a second run sends nothing").isEmpty();
            for (BackupManifest local : backups.subList(0, 2)) {
                try (InputStream object = client.getObject(request -> request.bucket(S3Server.BUCKET)
                        .key(PREFIX + local.fileName()))) {
                    assertThat(FileDigests.sha256(object)).as(local.fileName())
                            .isEqualTo(FileDigests.sha256(app.backupDirectory().resolve(local.fileName())));
                }
            }
            String source = "s3://" + S3Server.BUCKET + "/" + PREFIX;
            assertThat(verifier(s3, NEW).run("backup", "verify", "--all", "--deep", "--source", source).exitCode())
                    .isZero();
            assertThat(verifier(s3, RunningApplication.PASSWORD)
                    .run("backup", "verify", "--all", "--deep", "--source", source).exitCode()).isEqualTo(4);
        }
    }

    private CliRunner verifier(S3Server s3, String password) {
        Map<String, String> env = new HashMap<>(s3.environment(PREFIX));
        env.put("WALLET_DATA_DIR", temp.resolve("verifier").toString());
        env.put("WALLET_BACKUP_PASSWORD", password);
        return new CliRunner(env);
    }
}
