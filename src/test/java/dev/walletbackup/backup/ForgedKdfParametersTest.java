package dev.walletbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.walletbackup.files.FileDigests;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.TestStores.Kind;
import dev.walletbackup.testing.TestStores;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone who can write the backup directory forges a key slot that asks Argon2id for the most the format allows
 * (4 GiB × 16 passes × 16 lanes) and fixes the manifest to match. Reading it must be an integrity failure naming
 * the file, never an OutOfMemoryError, and no restore may start from it.
 */
class ForgedKdfParametersTest {
    static final String PASSWORD = "Forged-Kdf-Pass-1!";

    @TempDir
    Path temp;

    @Test
    void aKeySlotAskingForMoreMemoryThanTheCapIsAnIntegrityFailure() throws IOException {
        Map<String, String> env = new HashMap<>(TestStores.environment(Kind.H2, temp.resolve("data")));
        env.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        CliRunner cli = new CliRunner(env);
        Path config = TestStores.fastConfigFile(temp, Map.of());
        assertThat(cli.runWithInput("test test test test test test test test test test test junk",
                "seed", "import", "--config", config.toString()).exitCode()).isZero();
        assertThat(cli.run("wallets", "create", "--count", "3", "--config", config.toString()).exitCode()).isZero();
        Result backup = cli.run("backup", "full", "--json", "--config", config.toString());
        assertThat(backup.exitCode()).as(backup.stderr()).isZero();
        Path file = temp.resolve("data").resolve("backups").resolve(backup.json().get("fileName").asText());

        forgeKeySlotParameters(file, 4 * 1024 * 1024, 16, 16);

        Result shallow = cli.run("backup", "verify", "--config", config.toString());
        assertThat(shallow.exitCode()).as(shallow.stdout() + shallow.stderr()).isEqualTo(3);
        assertThat(shallow.stderr()).contains(file.toString()).contains("asks for 4096 MiB");
        Result deep = cli.run("backup", "verify", "--deep", "--config", config.toString());
        assertThat(deep.exitCode()).as(deep.stdout() + deep.stderr()).isEqualTo(3);
        assertThat(deep.stderr()).contains(file.toString()).doesNotContain("OutOfMemoryError");

        CliRunner fresh = new CliRunner(Map.of("WALLET_DATA_DIR", temp.resolve("fresh").toString(),
                "WALLET_BACKUP_PASSWORD", PASSWORD));
        Result restore = fresh.run("restore", "--source", file.getParent().toString(), "--config", config.toString());
        assertThat(restore.exitCode()).as(restore.stdout() + restore.stderr()).isEqualTo(3);
        assertThat(restore.stderr()).contains("asks for 4096 MiB");
    }

    /** Rewrites the key slot's Argon2id fields and the manifest's size and SHA-256 so that only the slot is wrong. */
    static void forgeKeySlotParameters(Path file, int memoryKiB, int iterations, int parallelism) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int headerLength = ByteBuffer.wrap(bytes, 10, 4).getInt();
        int slot = 8 + 2 + 4 + headerLength;
        ByteBuffer.wrap(bytes, slot + 2, 9).putInt(memoryKiB).putInt(iterations).put((byte) parallelism);
        Files.write(file, bytes);
        Path manifest = BackupTamperTest.manifestOf(file);
        ObjectNode edited = (ObjectNode) WalletJson.mapper().readTree(manifest.toFile());
        edited.put("sha256", FileDigests.sha256(file));
        edited.put("bytes", Files.size(file));
        Files.write(manifest, WalletJson.mapper().writeValueAsBytes(edited));
    }
}
