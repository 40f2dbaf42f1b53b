package dev.walletbackup.rekey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.files.FileDigests;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup rekey} through the command line: afterwards the old password opens nothing — neither a backup
 * (verify and restore fail with exit 4) nor the store's seed — and every backup, and the incrementals made after it,
 * restore with the new one into a fresh store holding the same wallets. Neither password is ever printed.
 */
class BackupRekeyCommandTest {
    private static final String HARDHAT = "test test test test test test test test test test test junk";
    private static final String OLD = "Rekey-Old-Password-1!";
    private static final String NEW = "Rekey-New-Password-2?";
    /** The password of the fixture backups in src/test/resources/fixtures. */
    private static final String FIXTURE_PASSWORD = "Fixture-Backup-Pass-1!";

    @TempDir
    Path temp;

    /**
     * On H2 only: the store's side of a rekey (its seed re-sealed, its LtHash traded) runs on PostgreSQL in
     * {@link RekeyInterruptedTest}, and a command line run per step costs a Camel start each.
     */
    @Test
    void afterRekeyTheOldPasswordOpensNothingAndEveryBackupRestoresWithTheNewOne() throws Exception {
        Path config = TestStores.fastConfigFile(temp, Map.of());
        Path backups = temp.resolve("origin").resolve("backups");
        CliRunner origin = runner("origin", OLD, config);
        assertThat(origin.runWithInput(HARDHAT, "seed", "import").exitCode()).isZero();
        origin.ok("wallets", "create", "--count", "3");
        origin.ok("backup", "full");
        origin.ok("balances", "record", "--agent", "agent-1", "--chain", "evm", "--token", "ETH", "--amount", "7");
        origin.ok("backup", "incremental");
        Path newPasswordFile = temp.resolve("new-password.txt");
        Files.writeString(newPasswordFile, NEW + "\n");

        Result rekey = origin.ok("backup", "rekey", "--new-password-file", newPasswordFile.toString());

        assertThat(rekey.stdout()).contains("Rekeyed 2 backup(s)")
                .contains("The store's master seed is now sealed under the new password.");
        assertThat(rekey.stdout() + rekey.stderr()).doesNotContain(OLD).doesNotContain(NEW);
        assertThat(origin.run("backup", "verify", "--all", "--deep").exitCode()).isEqualTo(4);
        assertThat(origin.run("seed", "verify").exitCode()).isEqualTo(4);

        CliRunner rotated = runner("origin", NEW, config);
        rotated.ok("seed", "verify");
        rotated.ok("backup", "verify", "--all", "--deep");
        rotated.ok("wallets", "create", "--count", "1", "--prefix", "after-");
        rotated.ok("backup", "incremental");
        assertThat(rotated.ok("backup", "rekey", "--new-password-file", newPasswordFile.toString()).stdout())
                .startsWith("Note: --new-password-file " + newPasswordFile + " holds the current password: nothing is "
                        + "rotated");
        JsonNode again = rotated.ok("backup", "rekey", "--new-password-file", newPasswordFile.toString(), "--json").json();
        assertThat(again.get("rekeyed")).as("a rekey to the password everything is under already rewrites nothing")
                .isEmpty();
        assertThat(again.get("alreadyRekeyed")).hasSize(3);
        assertThat(again.get("storeResealed").asBoolean()).isFalse();

        JsonNode wallets = rotated.ok("wallets", "list", "--json").json();

        assertThat(runner("restored", OLD, config).run("restore", "--source", backups.toString()).exitCode())
                .isEqualTo(4);
        CliRunner restored = runner("restored", NEW, config);
        restored.ok("restore", "--source", backups.toString());
        assertThat(restored.ok("wallets", "list", "--json").json()).isEqualTo(wallets);
    }

    @Test
    void backupsOfFormatVersionsOneAndTwoRefuseTheRekeyBeforeAnythingIsRewritten() throws Exception {
        Path config = TestStores.fastConfigFile(temp, Map.of());
        CliRunner store = runner("legacy", FIXTURE_PASSWORD, config);
        assertThat(store.runWithInput(HARDHAT, "seed", "import").exitCode()).isZero();
        Path backups = Files.createDirectories(temp.resolve("legacy").resolve("backups"));
        for (String version : List.of("backup-v1", "backup-v2")) {
            try (Stream<Path> files = Files.list(Path.of("src/test/resources/fixtures", version))) {
                for (Path file : files.toList()) {
                    Files.copy(file, backups.resolve(file.getFileName()));
                }
            }
        }
        Map<String, String> before = digests(backups);
        Path newPasswordFile = Files.writeString(temp.resolve("legacy-new-password.txt"), NEW);

        Result refused = store.run("backup", "rekey", "--new-password-file", newPasswordFile.toString());

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).contains("4 backup(s) of format version 1 or 2 cannot be rekeyed")
                .contains("wallet-backup-20261125T175709193Z-full-0ccaecce09d5faee.wbk")
                .contains("Nothing was rewritten");
        assertThat(digests(backups)).isEqualTo(before);
        store.ok("seed", "verify");
    }

    /** The backup files and manifests of a directory, with their SHA-256. */
    private static Map<String, String> digests(Path directory) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            // the backup lock file (§12) is created empty by the run that takes it; it is not a backup's
            for (Path file : files.filter(path -> !path.getFileName().toString().startsWith(".")).toList()) {
                digests.put(file.getFileName().toString(), FileDigests.sha256(file));
            }
        }
        return digests;
    }

    /** The command line on the H2 store in the directory {@code name}, made by its first command, with {@code password}. */
    private CliRunner runner(String name, String password, Path config) {
        Map<String, String> env = new HashMap<>(TestStores.environment(Kind.H2, temp.resolve(name)));
        env.put("WALLET_BACKUP_PASSWORD", password);
        return new CliRunner(env).withConfig(config);
    }
}
