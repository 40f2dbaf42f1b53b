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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * With {@code --json} a failure is one JSON object on standard output, {@code {"error":{"command","exitCode",
 * "message"}}}, and nothing on standard error; the exit code and the message are those of the same command without
 * {@code --json}, which still prints one line on standard error and nothing on standard output.
 */
class JsonErrorsTest {
    static final String PASSWORD = "Json-Errors-Pass-4^";

    @TempDir
    Path temp;

    /** A failing command line, what it runs with and what it must exit with. */
    record Failure(String password, int exitCode, String command, String named, List<String> args) {
        static Failure of(int exitCode, String command, String named, String... args) {
            return new Failure(PASSWORD, exitCode, command, named, List.of(args));
        }
    }

    static final List<Failure> FAILURES = List.of(
            Failure.of(2, "wallet-backup wallets list", "Unknown option: '--bogus'", "wallets", "list", "--bogus"),
            Failure.of(2, "wallet-backup wallets create", "--count", "wallets", "create", "--count", "x"),
            Failure.of(2, "wallet-backup wallets create", "--count must be at least 1", "wallets", "create", "--count", "0"),
            Failure.of(5, "wallet-backup wallets show", "no wallet for agent nobody", "wallets", "show", "--agent", "nobody"),
            Failure.of(5, "wallet-backup backup verify", "no backup 20990101T000000000Z-full-0000000000000000",
                    "backup", "verify", "20990101T000000000Z-full-0000000000000000"),
            new Failure("Wrong-Password-Json-4^", 4, "wallet-backup seed verify", "wrong password",
                    List.of("seed", "verify")));

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFailureWithJsonIsOneErrorObjectOnStandardOutputWithTheSameExitCodeAndMessage(Kind kind) throws IOException {
        Map<String, String> store = TestStores.environment(kind, temp.resolve("data"));
        Path config = TestStores.fastConfigFile(temp, Map.of());
        CliRunner cli = runner(store, PASSWORD).withConfig(config);
        ok(cli.runWithInput(RunningApplication.HARDHAT, "seed", "import"));
        ok(cli.run("wallets", "create", "--agent", "trader-1"));
        ok(cli.run("backup", "full"));

        for (Failure failure : FAILURES) {
            CliRunner failing = runner(store, failure.password()).withConfig(config);
            String what = String.join(" ", failure.args());
            Result text = failing.run(failure.args().toArray(String[]::new));
            assertThat(text.exitCode()).as(what + ": " + text.stderr()).isEqualTo(failure.exitCode());
            assertThat(text.stdout()).as(what).isEmpty();
            String line = text.stderr().lines().findFirst().orElse("");
            assertThat(text.stderr().lines()).as(what).hasSize(1);
            assertThat(line).as(what).startsWith(failure.command() + ": error: ").contains(failure.named());

            for (String[] args : List.of(with(failure.args(), "--json"), withJsonFirst(failure.args()))) {
                Result json = failing.run(args);
                assertThat(json.exitCode()).as(String.join(" ", args)).isEqualTo(failure.exitCode());
                assertThat(json.stderr()).as(String.join(" ", args)).isEmpty();
                JsonNode error = json.json().get("error");
                assertThat(json.json().size()).as(json.stdout()).isOne();
                assertThat(error.get("command").asText()).isEqualTo(failure.command());
                assertThat(error.get("exitCode").asInt()).isEqualTo(failure.exitCode());
                assertThat(failure.command() + ": error: " + error.get("message").asText()).as(String.join(" ", args))
                        .isEqualTo(line);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDamagedBackupFailsVerifyWithTheErrorInsideItsJsonReport(Kind kind) throws IOException {
        CliRunner cli = runner(TestStores.environment(kind, temp.resolve("data")), PASSWORD)
                .withConfig(TestStores.fastConfigFile(temp, Map.of()));
        ok(cli.runWithInput(RunningApplication.HARDHAT, "seed", "import"));
        ok(cli.run("wallets", "create", "--count", "3"));
        Path file = Path.of(ok(cli.run("backup", "full", "--json")).json().get("destinations").get(0)
                .get("location").asText());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);

        Result text = cli.run("backup", "verify");
        assertThat(text.exitCode()).isEqualTo(3);
        assertThat(text.stderr()).contains("wallet-backup backup verify: integrity failure: ");

        Result json = cli.run("backup", "verify", "--json");
        assertThat(json.exitCode()).isEqualTo(3);
        assertThat(json.stderr()).isEmpty();
        assertThat(json.json().get("ok").asBoolean()).isFalse();
        assertThat(json.json().get("error").get("exitCode").asInt()).isEqualTo(3);
        assertThat(json.json().get("error").get("message").asText()).startsWith("integrity failure: ")
                .contains(file.getFileName().toString());
        assertThat(ok(cli.run("backup", "list", "--json")).json().get(0).has("error")).isFalse();
    }

    static CliRunner runner(Map<String, String> store, String password) {
        Map<String, String> environment = new HashMap<>(store);
        environment.put("WALLET_BACKUP_PASSWORD", password);
        return new CliRunner(environment);
    }

    static String[] with(List<String> args, String option) {
        return Stream.concat(args.stream(), Stream.of(option)).toArray(String[]::new);
    }

    static String[] withJsonFirst(List<String> args) {
        return Stream.concat(Stream.of("--json"), args.stream()).toArray(String[]::new);
    }

    static Result ok(Result result) {
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        return result;
    }
}
