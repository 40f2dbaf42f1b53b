package dev.walletbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.store.WalletStore;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An incremental is written only on a parent chain that is intact in the backup directory; otherwise the request
 * makes a full backup and says why, and `backup list` shows which backups of the catalog are really there.
 */
class IncrementalParentCheckTest {
    static final String HARDHAT = "test test test test test test test test test test test junk";
    static final String PASSWORD = "Parent-Check-Pass-1!";

    @TempDir
    Path temp;

    Map<String, String> environment;
    Path config;

    Path backups() {
        return Path.of(environment.getOrDefault("WALLET_BACKUP_PATH", temp.resolve("data").resolve("backups").toString()));
    }

    Result run(String... args) {
        return new CliRunner(environment).withConfig(config).run(args);
    }

    Result ok(String... args) {
        return new CliRunner(environment).withConfig(config).ok(args);
    }

    /** A store with a seed, wallets and one full backup; returns the full's report. */
    JsonNode fullBackup(Kind kind) throws IOException {
        environment = new HashMap<>(TestStores.environment(kind, temp.resolve("data")));
        environment.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        config = TestStores.fastConfigFile(temp, Map.of());
        assertThat(new CliRunner(environment).runWithInput(HARDHAT, "seed", "import", "--config", config.toString())
                .exitCode()).isZero();
        ok("wallets", "create", "--count", "8");
        JsonNode full = ok("backup", "full", "--json").json();
        ok("wallets", "set-state", "--agent", "agent-2", "--state", "active");
        return full;
    }

    Path fileOf(JsonNode report) {
        return backups().resolve(report.get("fileName").asText());
    }

    Path manifestOf(JsonNode report) {
        String name = report.get("fileName").asText();
        return backups().resolve(name.substring(0, name.length() - ".wbk".length()) + ".manifest.json");
    }

    /** The incremental request makes a full that says why; verify passes; list names the backup that is gone. */
    void incrementalMakesAFullThatVerifies(JsonNode full, String status, String why) {
        Result incremental = ok("backup", "incremental");
        assertThat(incremental.stdout()).contains("Note: the chain of backup " + full.get("id").asText()
                + " is not intact in the backup directory").contains(why).contains("(full)");
        JsonNode listed = ok("backup", "list", "--json").json();
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).get("local").asText()).isEqualTo(status);
        assertThat(listed.get(0).get("localProblem").asText()).contains(why);
        assertThat(listed.get(1).get("type").asText()).isEqualTo("full");
        assertThat(listed.get(1).get("local").asText()).isEqualTo("present");
        assertThat(ok("backup", "list").stdout()).contains(status.toUpperCase() + "  " + full.get("id").asText() + ": ");
        assertThat(ok("backup", "verify").stdout()).contains("ok");
        assertThat(ok("backup", "verify", "--deep").stdout()).contains("decrypted, digests recomputed");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDeletedFullMakesTheNextIncrementalAFull(Kind kind) throws IOException {
        JsonNode full = fullBackup(kind);
        Files.delete(fileOf(full));
        incrementalMakesAFullThatVerifies(full, "missing", fileOf(full) + " is not there");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFullMovedAwayWithItsManifestMakesTheNextIncrementalAFull(Kind kind) throws IOException {
        JsonNode full = fullBackup(kind);
        Path elsewhere = Files.createDirectories(temp.resolve("moved"));
        Files.move(fileOf(full), elsewhere.resolve(fileOf(full).getFileName()));
        Files.move(manifestOf(full), elsewhere.resolve(manifestOf(full).getFileName()));
        incrementalMakesAFullThatVerifies(full, "missing", fileOf(full) + " is not there");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDamagedFullMakesTheNextIncrementalAFull(Kind kind) throws IOException {
        JsonNode full = fullBackup(kind);
        byte[] bytes = Files.readAllBytes(fileOf(full));
        bytes[bytes.length / 2] ^= 1;
        Files.write(fileOf(full), bytes, StandardOpenOption.TRUNCATE_EXISTING);
        incrementalMakesAFullThatVerifies(full, "damaged", fileOf(full) + " is not the file that was written");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aNewBackupDirectoryMakesTheNextIncrementalAFull(Kind kind) throws IOException {
        JsonNode full = fullBackup(kind);
        environment.put("WALLET_BACKUP_PATH", Files.createDirectories(temp.resolve("new-backups")).toString());
        incrementalMakesAFullThatVerifies(full, "missing", fileOf(full) + " is not there");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anIntactChainStillGetsItsIncremental(Kind kind) throws IOException {
        JsonNode full = fullBackup(kind);
        JsonNode incremental = ok("backup", "incremental", "--json").json();
        assertThat(incremental.get("type").asText()).isEqualTo("incremental");
        assertThat(incremental.get("parentId").asText()).isEqualTo(full.get("id").asText());
        assertThat(incremental.has("note")).isFalse();
        JsonNode listed = ok("backup", "list", "--json").json();
        assertThat(listed).extracting(entry -> entry.get("local").asText()).containsExactly("present", "present");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aBackupMadeBeforeTimelinesIsNeverTheParentOfAnIncremental(Kind kind) throws IOException {
        JsonNode full = fullBackup(kind);
        try (WalletStore store = WalletStore.open(WalletConfig.load(TestStores.SHIPPED_CONFIG, environment,
                TestStores.FAST))) {
            // what the catalog holds for backups made before the upgrade to format version 2
            store.bookkeeping(connection -> connection.createStatement()
                    .executeUpdate("UPDATE wallet.backup_catalog SET timeline_id = NULL"));
        }
        Result incremental = ok("backup", "incremental", "--json");
        assertThat(incremental.json().get("type").asText()).isEqualTo("full");
        assertThat(incremental.json().get("note").asText()).isEqualTo("the newest backup, " + full.get("id").asText()
                + ", was made before timelines (format version 1), so this incremental request made a full backup");
        assertThat(ok("backup", "incremental", "--json").json().get("type").asText())
                .as("the new full is of the store's timeline").isEqualTo("incremental");
    }
}
