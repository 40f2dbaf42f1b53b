package dev.walletbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The common options — {@code --data-dir}, {@code --config}, {@code --json}, {@code --password-file} — work before
 * the command's name as they do after it, so one shell alias can carry them for every command. The environment
 * names no data directory and no password here: only the options can.
 */
class CommonOptionsPlacementTest {
    static final String PASSWORD = "Placement-Test-Pass-8&";

    @TempDir
    Path temp;

    Path dataDir;
    Path passwordFile;
    List<String> store;

    CliRunner installation(Kind kind) throws IOException {
        dataDir = temp.resolve("data");
        Map<String, String> environment = new HashMap<>(TestStores.environment(kind, dataDir));
        environment.remove("WALLET_DATA_DIR");
        passwordFile = temp.resolve("password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        store = List.of("--data-dir", dataDir.toString(), "--config",
                TestStores.fastConfigFile(temp, Map.of()).toString());
        return new CliRunner(environment);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void commonOptionsBeforeTheCommandWorkAsTheyDoAfterIt(Kind kind) throws IOException {
        CliRunner cli = installation(kind);
        ok(cli.runWithInput(RunningApplication.HARDHAT, after(List.of("seed", "import", "--password-file", passwordFile.toString()))));
        ok(cli.run(before(List.of("--password-file", passwordFile.toString()), "wallets", "create", "--count", "3")));

        String listedAfter = ok(cli.run(after(List.of("wallets", "list", "--json")))).stdout();
        assertThat(ok(cli.run(before(List.of("--json"), "wallets", "list"))).stdout()).isEqualTo(listedAfter);
        assertThat(ok(cli.run(before(List.of(), "wallets", "list", "--json"))).stdout()).isEqualTo(listedAfter);
        assertThat(ok(cli.run(before(List.of(), "wallets", "--json", "list"))).stdout()).isEqualTo(listedAfter);
        assertThat(listedAfter).contains("\"agentId\" : \"agent-2\"");

        String verifiedAfter = ok(cli.run(after(List.of("seed", "verify", "--json", "--password-file",
                passwordFile.toString())))).stdout();
        assertThat(ok(cli.run(before(List.of("--password-file", passwordFile.toString(), "--json"), "seed", "verify")))
                .stdout()).isEqualTo(verifiedAfter).contains("\"verified\" : true");
        assertThat(cli.run(before(List.of(), "seed", "verify")).exitCode()).as("no password anywhere").isEqualTo(2);

        JsonNode backup = ok(cli.run(before(List.of("--password-file", passwordFile.toString(), "--json"),
                "backup", "full"))).json();
        assertThat(Path.of(backup.get("destinations").get(0).get("location").asText()))
                .as("--data-dir before the command names the backup directory too").startsWith(dataDir).exists();
        assertThat(ok(cli.run(after(List.of("backup", "list", "--json")))).json()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aMistakeBeforeTheCommandIsStillAOneLineUsageError(Kind kind) throws IOException {
        CliRunner cli = installation(kind);
        ok(cli.runWithInput(RunningApplication.HARDHAT, after(List.of("seed", "import", "--password-file", passwordFile.toString()))));

        Result unknown = cli.run(before(List.of("--no-such-option"), "wallets", "list"));
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr().lines()).singleElement().asString()
                .startsWith("wallet-backup: error: Unknown option: '--no-such-option'");
        assertThat(unknown.stdout()).isEmpty();

        Result refused = cli.run(after(List.of("wallets", "list", "--password-file", passwordFile.toString())));
        assertThat(refused.exitCode()).as("a command that needs no password takes no --password-file after its name")
                .isEqualTo(2);
        assertThat(refused.stderr().lines()).singleElement().asString()
                .startsWith("wallet-backup wallets list: error: Unknown options: '--password-file'");

        Result missingValue = cli.run("wallets", "list", "--data-dir");
        assertThat(missingValue.exitCode()).isEqualTo(2);
        assertThat(missingValue.stderr().lines()).singleElement().asString().contains("--data-dir");
    }

    /** The command with the store options after its words. */
    String[] after(List<String> command) {
        return Stream.concat(command.stream(), store.stream()).toArray(String[]::new);
    }

    /** The store options and {@code options} before the command's words. */
    String[] before(List<String> options, String... command) {
        List<String> all = new ArrayList<>(store);
        all.addAll(options);
        all.addAll(List.of(command));
        return all.toArray(String[]::new);
    }

    static Result ok(Result result) {
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        return result;
    }
}
