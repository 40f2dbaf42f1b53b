package dev.walletbackup.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.derivation.MasterSeed;
import dev.walletbackup.seed.Mnemonic;
import dev.walletbackup.testing.Bytes;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.TestStores.Kind;
import dev.walletbackup.testing.TestStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the seed, wallet and backup commands, failures included, then reads back every byte they wrote — the
 * data directory with its database files, the backup files and manifests, the log file and standard error —
 * looking for the mnemonics, the seeds (raw and hex) and the passwords (the new one of a rekey too).
 */
class SecretsNeverLeakTest {
    private static final String HARDHAT = "test test test test test test test test test test test junk";
    private static final String PASSWORD = "Leak-Check-Password-31!";
    private static final String NEW_PASSWORD = "Leak-Check-Rekeyed-Pass-47?";
    /** This test JVM's log file (each JVM that surefire runs side by side has its own: see pom.xml). */
    private static final Path TEST_LOG = Path.of(System.getProperty("wallet.test.log",
            Path.of(System.getProperty("wallet.home", "."), "target", "test-logs", "tests.log").toString()));

    @TempDir
    Path temp;

    @Test
    void noSecretReachesDiskLogsOrErrors() throws IOException {
        Map<String, String> env = new HashMap<>(TestStores.environment(Kind.H2, temp.resolve("imported")));
        env.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        // Verbose: everything the commands log is in the log file this test reads back.
        CliRunner imported = new CliRunner(env).verbose();
        List<Result> results = new ArrayList<>();
        results.add(imported.runWithInput(HARDHAT.replace("junk", "junks"), "seed", "import"));
        results.add(imported.runWithInput(HARDHAT, "seed", "import"));
        results.add(imported.run("wallets", "create", "--count", "5"));
        results.add(imported.run("balances", "record", "--agent", "agent-1", "--chain", "evm", "--token", "ETH", "--amount", "7"));
        results.add(imported.run("seed", "verify"));
        Path wrongPasswordFile = temp.resolve("wrong.txt");
        Files.writeString(wrongPasswordFile, PASSWORD + "x");
        results.add(imported.run("seed", "verify", "--password-file", wrongPasswordFile.toString()));
        results.add(imported.run("backup", "full"));
        results.add(imported.run("wallets", "set-state", "--agent", "agent-2", "--state", "active"));
        results.add(imported.run("backup", "incremental"));
        results.add(imported.run("backup", "verify", "--all", "--deep"));
        results.add(imported.run("backup", "verify", "--all", "--deep", "--password-file", wrongPasswordFile.toString()));
        Files.delete(wrongPasswordFile);
        Path newPasswordFile = temp.resolve("new.txt");
        Files.writeString(newPasswordFile, NEW_PASSWORD);
        results.add(imported.run("backup", "rekey", "--new-password-file", newPasswordFile.toString()));
        Files.delete(newPasswordFile);

        Map<String, String> generatedEnv = new HashMap<>(TestStores.environment(Kind.H2, temp.resolve("generated")));
        generatedEnv.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        Result init = new CliRunner(generatedEnv).verbose().run("seed", "init", "--show-mnemonic", "--json");
        String generated = init.json().get("mnemonic").asText();
        results.add(new Result(init.exitCode(), "", init.stderr()));
        results.add(new CliRunner(generatedEnv).verbose().run("wallets", "create", "--count", "3"));

        Map<String, byte[]> secrets = new LinkedHashMap<>();
        secrets.put("password", PASSWORD.getBytes(StandardCharsets.UTF_8));
        secrets.put("password (UTF-16)", PASSWORD.getBytes(StandardCharsets.UTF_16BE));
        secrets.put("new password", NEW_PASSWORD.getBytes(StandardCharsets.UTF_8));
        for (String mnemonic : List.of(HARDHAT, generated)) {
            String label = mnemonic.equals(HARDHAT) ? "imported" : "generated";
            secrets.put(label + " mnemonic", mnemonic.getBytes(StandardCharsets.UTF_8));
            secrets.put(label + " mnemonic, first three words", String.join(" ",
                    List.of(mnemonic.split(" ")).subList(0, 3)).getBytes(StandardCharsets.UTF_8));
            try (MasterSeed seed = Mnemonic.parse(mnemonic).toSeed("")) {
                secrets.put(label + " seed", seed.withBytes(byte[]::clone));
                secrets.put(label + " seed (hex)", seed.withBytes(Hex::toHexString).getBytes(StandardCharsets.UTF_8));
            }
        }
        secrets.remove("imported mnemonic, first three words");

        List<Path> written;
        try (Stream<Path> files = Files.walk(temp)) {
            written = new ArrayList<>(files.filter(Files::isRegularFile).toList());
        }
        written.add(TEST_LOG);
        assertThat(written).as("database files were written").anyMatch(path -> path.toString().endsWith(".mv.db"));
        assertThat(written).as("backups and manifests were written").anyMatch(path -> path.toString().endsWith(".wbk"))
                .anyMatch(path -> path.toString().endsWith(".manifest.json"));
        assertThat(Files.size(TEST_LOG)).isPositive();

        for (Path file : written) {
            byte[] content = Files.readAllBytes(file);
            secrets.forEach((label, secret) ->
                    assertThat(Bytes.indexOf(content, secret)).as(label + " in " + file).isEqualTo(-1));
        }
        for (Result result : results) {
            byte[] stderr = result.stderr().getBytes(StandardCharsets.UTF_8);
            secrets.forEach((label, secret) -> assertThat(Bytes.indexOf(stderr, secret)).as(label + " on stderr").isEqualTo(-1));
        }
        assertThat(results.get(0).stderr()).contains("word 12");
        assertThat(results.get(5).exitCode()).isEqualTo(4);
        assertThat(results.subList(6, 10)).allMatch(result -> result.exitCode() == 0);
        assertThat(results.get(10).exitCode()).isEqualTo(4);
        assertThat(results.get(11).exitCode()).as("backup rekey").isZero();
    }
}
