package dev.walletbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
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
 * What an operator can mistype, on a store that holds a seed, a wallet with a balance and a backup: every usage
 * error exits 2 naming the option (or the password's source), every "not found" exits 5, no message shows SQL, and
 * the store and the backup directory are exactly as they were.
 */
class UsageErrorsTest {
    static final String PASSWORD = "Usage-Test-Password-3#";
    static final String WEAK = "weakpassword";
    /** An issued currency whose issuer's last character was mistyped: its base58check checksum fails. */
    static final String BAD_CHECKSUM = "USD.rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTi";
    static final String UNKNOWN_BACKUP = "20990101T000000000Z-full-0000000000000000";

    @TempDir
    Path temp;

    /** One mistake: the command line, the password it runs with, the exit code and what stderr must say. */
    record Mistake(List<String> args, String password, int exitCode, String named) {
        static Mistake usage(String named, String... args) {
            return new Mistake(List.of(args), PASSWORD, 2, named);
        }

        static Mistake weakPassword(String named, String... args) {
            return new Mistake(List.of(args), WEAK, 2, named);
        }

        static Mistake notFound(String named, String... args) {
            return new Mistake(List.of(args), PASSWORD, 5, named);
        }
    }

    List<Mistake> mistakes(Path weakPasswordFile) {
        return List.of(
                Mistake.usage("--amount", record("--amount", "١٢٣")),
                Mistake.usage("--amount", record("--amount", "+5")),
                Mistake.usage("--amount", record("--amount", "-5")),
                Mistake.usage("--amount", record("--amount", "1" + "0".repeat(78))),
                Mistake.usage("--decimals", record("--amount", "5", "--decimals", "١٨")),
                Mistake.usage("--decimals", record("--amount", "5", "--decimals", "+18")),
                Mistake.usage("--decimals", record("--amount", "5", "--decimals", "78")),
                Mistake.usage("--block", record("--amount", "5", "--block", "+7")),
                Mistake.usage("--block", record("--amount", "5", "--block", "٧")),
                Mistake.usage("--token", "balances", "record", "--agent", "trader-1", "--chain", "evm", "--token",
                        "not a token", "--amount", "5", "--decimals", "6"),
                Mistake.usage("--token: 'ETH ': token must be", "balances", "record", "--agent", "trader-1", "--chain",
                        "evm", "--token", "ETH ", "--amount", "5"),
                Mistake.usage("--token: 0x5FbDB23: an EVM token is ETH or a contract address", "balances", "record",
                        "--agent", "trader-1", "--chain", "evm", "--token", "0x5FbDB23", "--amount", "5"),
                Mistake.usage("--token: " + BAD_CHECKSUM + ": the issuer", "balances", "record", "--agent", "trader-1",
                        "--chain", "xrp", "--token", BAD_CHECKSUM, "--amount", "5"),
                Mistake.usage("--token: XRP.rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh: XRP is the ledger's own currency", "balances",
                        "record", "--agent", "trader-1", "--chain", "xrp", "--token", "XRP.rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh",
                        "--amount", "5", "--decimals", "6"),
                Mistake.usage("--agent", "balances", "record", "--agent", "trader 1", "--chain", "evm", "--token", "ETH",
                        "--amount", "5"),
                Mistake.usage("--agent", "wallets", "create", "--agent", "has space"),
                Mistake.usage("--agent", "wallets", "create", "--agent", "x".repeat(129)),
                Mistake.usage("--agent", "wallets", "show", "--agent", ""),
                Mistake.usage("--agent", "wallets", "set-state", "--agent", "a/b", "--state", "active"),
                Mistake.usage("--agent", "balances", "remove", "--agent", "a/b", "--chain", "evm", "--token", "ETH"),
                Mistake.usage("--metadata", "wallets", "create", "--agent", "new-1", "--metadata", "{"),
                Mistake.usage("--count", "wallets", "create", "--count", "0"),
                Mistake.usage("--count", "wallets", "create", "--count", "+2"),
                Mistake.usage("--count", "wallets", "create", "--count", "٣"),
                Mistake.usage("--prefix", "wallets", "create", "--count", "10", "--prefix", "p".repeat(127)),
                Mistake.weakPassword("WALLET_BACKUP_PASSWORD", "seed", "init"),
                Mistake.weakPassword("WALLET_BACKUP_PASSWORD", "backup", "full"),
                Mistake.usage("--password-file " + weakPasswordFile, "seed", "init", "--password-file",
                        weakPasswordFile.toString()),
                Mistake.notFound("no wallet for agent nobody", "wallets", "show", "--agent", "nobody"),
                Mistake.notFound("no wallet for agent nobody", "wallets", "set-state", "--agent", "nobody", "--state", "active"),
                Mistake.notFound("no wallet for agent nobody", "balances", "record", "--agent", "nobody", "--chain", "evm",
                        "--token", "ETH", "--amount", "1"),
                Mistake.notFound("no wallet for agent nobody", "balances", "remove", "--agent", "nobody", "--chain", "evm",
                        "--token", "ETH"),
                Mistake.notFound("has no xrp balance of XRP", "balances", "remove", "--agent", "trader-1", "--chain", "xrp",
                        "--token", "XRP"),
                Mistake.notFound("no backup " + UNKNOWN_BACKUP, "backup", "verify", UNKNOWN_BACKUP),
                Mistake.notFound("no backup " + UNKNOWN_BACKUP, "restore", "--backup", UNKNOWN_BACKUP, "--force"));
    }

    static String[] record(String... amountOptions) {
        List<String> args = new ArrayList<>(List.of("balances", "record", "--agent", "trader-1", "--chain", "evm",
                "--token", "ETH"));
        args.addAll(List.of(amountOptions));
        return args.toArray(String[]::new);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyMistakeExitsWithItsCodeNamesWhatWasWrongAndChangesNothing(Kind kind) throws IOException {
        Map<String, String> store = TestStores.environment(kind, temp.resolve("data"));
        Path config = TestStores.fastConfigFile(temp, Map.of());
        CliRunner cli = runner(store, PASSWORD);
        ok(cli.runWithInput("test test test test test test test test test test test junk",
                "seed", "import", "--config", config.toString()));
        ok(cli.run("wallets", "create", "--agent", "trader-1", "--config", config.toString()));
        ok(cli.run("balances", "record", "--agent", "trader-1", "--chain", "evm", "--token", "ETH", "--amount", "42",
                "--config", config.toString()));
        ok(cli.run("backup", "full", "--config", config.toString()));
        Path weakFile = temp.resolve("weak-password");
        Files.writeString(weakFile, WEAK + "\n");
        Files.setPosixFilePermissions(weakFile, PosixFilePermissions.fromString("rw-------"));
        String before = state(cli, config);

        for (Mistake mistake : mistakes(weakFile)) {
            List<String> args = new ArrayList<>(mistake.args());
            args.addAll(List.of("--config", config.toString()));
            Result result = runner(store, mistake.password()).run(args.toArray(String[]::new));
            String what = String.join(" ", mistake.args());
            assertThat(result.exitCode()).as(what + ": " + result.stderr()).isEqualTo(mistake.exitCode());
            assertThat(result.stderr().lines().findFirst().orElse("")).as(what).contains(mistake.named())
                    .doesNotContainIgnoringCase("insert into").doesNotContainIgnoringCase("select ")
                    .doesNotContain("Exception").doesNotContain("[Source:").doesNotContain(WEAK);
            assertThat(state(cli, config)).as("after " + what).isEqualTo(before);
        }
    }

    static String state(CliRunner cli, Path config) throws IOException {
        Result backups = ok(cli.run("backup", "list", "--json", "--config", config.toString()));
        String files;
        try (Stream<Path> listing = Files.list(Path.of(backups.json().get(0).get("destinations").get(0)
                .get("location").asText()).getParent())) {
            files = listing.map(path -> path.getFileName().toString()).filter(name -> !name.startsWith("."))
                    .sorted().toList().toString();
        }
        return ok(cli.run("wallets", "list", "--json", "--config", config.toString())).stdout()
                + ok(cli.run("balances", "list", "--json", "--config", config.toString())).stdout()
                + backups.stdout() + files;
    }

    static CliRunner runner(Map<String, String> store, String password) {
        Map<String, String> env = new HashMap<>(store);
        env.put("WALLET_BACKUP_PASSWORD", password);
        return new CliRunner(env);
    }

    static Result ok(Result result) {
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result;
    }
}
