package dev.walletbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.walletbackup.backup.format.KeySlot;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every way of damaging a backup, each caught by {@code backup verify} with exit code 3 and a message naming the
 * file: without the password through the manifest's SHA-256, and — when the manifest is edited to match the
 * damaged file — with the password through authentication.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupTamperTest {
    static final String PASSWORD = "Tamper-Test-Pass-1!";
    static final int CHUNK = 4096 + 16;

    Path temp;
    CliRunner cli;
    Path config;
    Path target;
    Path donor;
    byte[] original;

    @BeforeAll
    void twoBackupsOfManyChunks(@TempDir Path directory) throws IOException {
        temp = directory;
        Map<String, String> env = new HashMap<>(TestStores.environment(Kind.H2, temp.resolve("data")));
        env.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        cli = new CliRunner(env);
        config = TestStores.fastConfigFile(temp, Map.of());
        assertThat(cli.runWithInput("test test test test test test test test test test test junk",
                "seed", "import", "--config", config.toString()).exitCode()).isZero();
        assertThat(cli.run("wallets", "create", "--count", "400", "--config", config.toString()).exitCode()).isZero();
        target = backupFile(cli.run("backup", "full", "--json", "--config", config.toString()));
        donor = backupFile(cli.run("backup", "full", "--json", "--config", config.toString()));
        original = Files.readAllBytes(target);
        assertThat(original.length).isGreaterThan(chunkStart(original) + 4 * CHUNK);
    }

    Path backupFile(Result result) {
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return temp.resolve("data").resolve("backups").resolve(result.json().get("fileName").asText());
    }

    enum Tamper { HEADER_BYTE, MIDDLE_CHUNK_BYTE, LAST_CHUNK_BYTE, TRUNCATED_AT_CHUNK_BOUNDARY, SWAPPED_CHUNKS,
        CHUNK_SPLICED_FROM_ANOTHER_BACKUP }

    byte[] tampered(Tamper tamper) throws IOException {
        byte[] bytes = original.clone();
        int chunks = chunkStart(bytes);
        switch (tamper) {
            case HEADER_BYTE -> {
                int createdAt = dev.walletbackup.testing.Bytes.indexOf(bytes, "\"createdAt\":\"".getBytes()) + 14;
                bytes[createdAt] = (byte) (bytes[createdAt] == '1' ? '2' : '1');
            }
            case MIDDLE_CHUNK_BYTE -> bytes[chunks + 2 * CHUNK + 1000] ^= 0x01;
            case LAST_CHUNK_BYTE -> bytes[bytes.length - 3] ^= 0x01;
            case TRUNCATED_AT_CHUNK_BOUNDARY -> bytes = Arrays.copyOf(bytes, chunks + 3 * CHUNK);
            case SWAPPED_CHUNKS -> {
                byte[] first = Arrays.copyOfRange(bytes, chunks + CHUNK, chunks + 2 * CHUNK);
                System.arraycopy(bytes, chunks + 2 * CHUNK, bytes, chunks + CHUNK, CHUNK);
                System.arraycopy(first, 0, bytes, chunks + 2 * CHUNK, CHUNK);
            }
            case CHUNK_SPLICED_FROM_ANOTHER_BACKUP -> {
                byte[] other = Files.readAllBytes(donor);
                System.arraycopy(other, chunkStart(other) + CHUNK, bytes, chunks + CHUNK, CHUNK);
            }
        }
        return bytes;
    }

    @ParameterizedTest
    @EnumSource(Tamper.class)
    void damageIsAnIntegrityFailureNamingTheFile(Tamper tamper) throws IOException {
        Path manifest = manifestOf(target);
        byte[] originalManifest = Files.readAllBytes(manifest);
        try {
            Files.write(target, tampered(tamper));
            Result shallow = verify(false);
            assertThat(shallow.exitCode()).as(shallow.stdout() + shallow.stderr()).isEqualTo(3);
            assertThat(shallow.stderr()).contains(target.toString());

            ObjectNode edited = (ObjectNode) WalletJson.mapper().readTree(originalManifest);
            edited.put("sha256", FileDigests.sha256(target));
            edited.put("bytes", Files.size(target));
            Files.write(manifest, WalletJson.mapper().writeValueAsBytes(edited));
            Result deep = verify(true);
            assertThat(deep.exitCode()).as(deep.stdout() + deep.stderr()).isEqualTo(3);
            assertThat(deep.stderr()).contains(target.toString());
        } finally {
            Files.write(target, original);
            Files.write(manifest, originalManifest);
        }
        assertThat(verify(true).exitCode()).isZero();
    }

    @Test
    void wrongPasswordIsExitFourAndNamesTheFile() {
        Result result = new CliRunner(Map.of("WALLET_BACKUP_PASSWORD", "Not-The-Password-9!"))
                .run("backup", "verify", "--all", "--deep", "--source", target.getParent().toString(),
                        "--config", config.toString());
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.stderr()).contains("wrong password");
    }

    @Test
    void aMissingParentBreaksTheChain() throws IOException {
        Result incremental = cli.run("backup", "incremental", "--json", "--config", config.toString());
        JsonNode report = incremental.json();
        Path parent = donor;
        Path parentManifest = manifestOf(parent);
        byte[] parentBytes = Files.readAllBytes(parent);
        byte[] manifestBytes = Files.readAllBytes(parentManifest);
        try {
            Files.delete(parent);
            Files.delete(parentManifest);
            Result verify = cli.run("backup", "verify", report.get("id").asText(), "--config", config.toString());
            assertThat(verify.exitCode()).isEqualTo(3);
            assertThat(verify.stderr()).contains("broken chain").contains(report.get("parentId").asText());
        } finally {
            Files.write(parent, parentBytes);
            Files.write(parentManifest, manifestBytes);
        }
    }

    Result verify(boolean deep) {
        return deep
                ? cli.run("backup", "verify", "--all", "--deep", "--config", config.toString())
                : cli.run("backup", "verify", "--all", "--config", config.toString());
    }

    static Path manifestOf(Path backupFile) {
        return backupFile.resolveSibling(backupFile.getFileName().toString().replace(".wbk", ".manifest.json"));
    }

    static int chunkStart(byte[] file) {
        int headerLength = ByteBuffer.wrap(file, 10, 4).getInt();
        return 8 + 2 + 4 + headerLength + KeySlot.BYTES + 32;
    }
}
