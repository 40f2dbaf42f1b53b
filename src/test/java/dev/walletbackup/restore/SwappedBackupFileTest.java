package dev.walletbackup.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Someone who can write the backup directory replaces a file after the restore validated it and before it is
 * applied — here with an older genuine backup of the same state, so that every digest still matches. The restore
 * must refuse to apply it rather than apply the older backup and report the one that was asked for.
 */
class SwappedBackupFileTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFileReplacedBetweenValidationAndApplyIsRefused(Kind kind) throws Exception {
        CliRunner old = new CliRunner(Map.of("WALLET_DATA_DIR", temp.resolve("old").toString(),
                "WALLET_BACKUP_PASSWORD", RunningApplication.PASSWORD))
                .withConfig(TestStores.fastConfigFile(Files.createDirectories(temp.resolve("config")), Map.of()));
        assertThat(old.runWithInput(RunningApplication.HARDHAT, "seed", "import").exitCode()).isZero();
        old.ok("wallets", "create", "--count", "3");
        JsonNode older = old.ok("backup", "full", "--json").json();
        JsonNode newer = old.ok("backup", "full", "--json").json();
        assertThat(newer.get("stateDigest")).as("the same state, so digests alone cannot tell them apart")
                .isEqualTo(older.get("stateDigest"));
        Path backups = temp.resolve("old").resolve("backups");
        Path newerFile = backups.resolve(newer.get("fileName").asText());
        Path olderFile = backups.resolve(older.get("fileName").asText());

        RestoreObserver swapBeforeApplying = new RestoreObserver() {
            @Override
            public void applying(BackupManifest backup) {
                try {
                    Files.copy(olderFile, newerFile, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void applied(BackupManifest backup) {
            }
        };
        WalletConfig target = TestStores.config(kind, temp.resolve("new")).with(Map.of(WalletConfig.SCHEDULE_ENABLED, "false"));
        try (RunningApplication app = RunningApplication.startObservingRestores(target, Clock.systemUTC(),
                swapBeforeApplying)) {
            assertThatThrownBy(() -> app.context().createProducerTemplate().requestBody("direct:restore",
                    new RestoreRequest(backups.toString(), newer.get("id").asText(), null, false, false)))
                    .rootCause().hasMessageContaining(newerFile.toString())
                    .hasMessageContaining("changed after it was validated");
            assertThat(StoreRestorer.isEmpty(app.services().store())).as("nothing was restored").isTrue();
        }
    }
}
