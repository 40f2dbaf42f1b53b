package dev.walletbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The real commands, run in a temporary data directory on H2 and on PostgreSQL, read through their JSON output. */
class CommandLineTest {
    static final String HARDHAT = "test test test test test test test test test test test junk";
    static final String PASSWORD = "Cli-Test-Password-7?";

    @TempDir
    Path temp;

    private CliRunner cli(Kind kind) {
        Map<String, String> env = new HashMap<>(TestStores.environment(kind, temp.resolve("data")));
        env.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        return new CliRunner(env);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void importedMnemonicGivesTheReferenceAddressesInWalletsListJson(Kind kind) throws IOException {
        CliRunner cli = cli(kind);
        Result imported = cli.runWithInput(HARDHAT + "\n", "seed", "import", "--json");
        assertThat(imported.exitCode()).as(imported.stderr()).isZero();
        assertThat(imported.json().get("fingerprint").asText()).matches("[0-9a-f]{8}");

        assertThat(cli.run("wallets", "create", "--count", "8").exitCode()).isZero();
        JsonNode listed = cli.run("wallets", "list", "--json").json();

        JsonNode reference = referenceRows();
        assertThat(listed).hasSize(8);
        for (JsonNode row : reference) {
            if (row.get("account").asInt() != 1 || row.get("index").asInt() > 7) {
                continue;
            }
            JsonNode wallet = listed.get(row.get("index").asInt());
            assertThat(wallet.get("derivationIndex").asInt()).isEqualTo(row.get("index").asInt());
            assertThat(wallet.get("evmAddress").asText()).isEqualTo(row.get("evmAddress").asText());
            assertThat(wallet.get("xrpAddress").asText()).isEqualTo(row.get("xrpAddress").asText());
            assertThat(wallet.get("agentId").asText()).isEqualTo("agent-" + row.get("index").asInt());
            assertThat(wallet.get("state").asText()).isEqualTo("pending");
            assertThat(wallet.get("createdAt").isNumber()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void lifecycleAndBalancesThroughTheCommandLine(Kind kind) {
        CliRunner cli = cli(kind);
        assertThat(cli.runWithInput(HARDHAT, "seed", "import").exitCode()).isZero();
        assertThat(cli.run("wallets", "create", "--agent", "trader-1", "--metadata", "{\"desk\":\"fx\"}").exitCode()).isZero();
        assertThat(cli.run("wallets", "set-state", "--agent", "trader-1", "--state", "active").exitCode()).isZero();
        Result suspended = cli.run("wallets", "set-state", "--agent", "trader-1", "--state", "suspended",
                "--reason", "manual review", "--json");
        assertThat(suspended.json().get("suspensionReason").asText()).isEqualTo("manual review");

        Result illegal = cli.run("wallets", "set-state", "--agent", "trader-1", "--state", "pending");
        assertThat(illegal.exitCode()).isEqualTo(1);
        assertThat(illegal.stderr()).contains("cannot move from suspended to pending");

        String wei = "123456789012345678901234567890123456789012345678901234567890123456789012345678";
        assertThat(cli.run("balances", "record", "--agent", "trader-1", "--chain", "evm", "--token", "ETH",
                "--amount", wei, "--block", "19000000").exitCode()).isZero();
        assertThat(cli.run("balances", "record", "--agent", "trader-1", "--chain", "xrp", "--token", "XRP",
                "--amount", "25000000").exitCode()).isZero();
        JsonNode balances = cli.run("balances", "list", "--agent", "trader-1", "--json").json();
        assertThat(balances).hasSize(2);
        assertThat(balances.get(0).get("balance").asText()).isEqualTo(wei);
        assertThat(balances.get(0).get("decimals").asInt()).isEqualTo(18);
        assertThat(balances.get(0).get("blockNumber").asLong()).isEqualTo(19_000_000L);
        assertThat(balances.get(1).get("decimals").asInt()).isEqualTo(6);

        JsonNode shown = cli.run("wallets", "show", "--agent", "trader-1", "--json").json();
        assertThat(shown.get("wallet").get("metadata").get("desk").asText()).isEqualTo("fx");
        assertThat(shown.get("lifecycle").get("state").asText()).isEqualTo("suspended");
        assertThat(shown.get("balances")).hasSize(2);

        assertThat(cli.run("balances", "remove", "--agent", "trader-1", "--chain", "xrp", "--token", "XRP").exitCode()).isZero();
        assertThat(cli.run("balances", "list", "--json").json()).hasSize(1);
    }

    @Test
    void oneContractTypedInAnyCaseIsOneBalanceRemovedByAnySpellingAndAMistypedOneIsRefused() {
        String checksummed = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
        CliRunner cli = cli(Kind.H2);
        assertThat(cli.runWithInput(HARDHAT, "seed", "import").exitCode()).isZero();
        assertThat(cli.run("wallets", "create", "--agent", "trader-1").exitCode()).isZero();
        for (String spelling : List.of(checksummed, checksummed.toLowerCase(Locale.ROOT),
                "0x" + checksummed.substring(2).toUpperCase(Locale.ROOT))) {
            assertThat(cli.run("balances", "record", "--agent", "trader-1", "--chain", "evm", "--token", spelling,
                    "--amount", "7", "--decimals", "6").exitCode()).isZero();
        }
        assertThat(cli.run("balances", "list", "--json").json()).singleElement()
                .satisfies(balance -> assertThat(balance.get("token").asText()).isEqualTo(checksummed));

        for (String mistyped : List.of("0x5FbDB23", "0x5FbDB2315678afecb367f032d93F642f64180aA3", "USDC")) {
            Result refused = cli.run("balances", "record", "--agent", "trader-1", "--chain", "evm", "--token", mistyped,
                    "--amount", "7");
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.stderr()).contains(mistyped + ": ");
        }
        assertThat(cli.run("balances", "remove", "--agent", "trader-1", "--chain", "evm", "--token",
                checksummed.toLowerCase(Locale.ROOT)).exitCode()).isZero();
        assertThat(cli.run("balances", "list", "--json").json()).isEmpty();
    }

    @Test
    void exitCodesFollowTheContract() throws IOException {
        CliRunner cli = cli(Kind.H2);
        assertThat(cli.run("wallets", "frobnicate").exitCode()).isEqualTo(2);
        assertThat(cli.run("wallets", "create").exitCode()).isEqualTo(2);
        assertThat(cli.run("wallets", "create", "--agent", "a", "--count", "3").exitCode()).isEqualTo(2);
        assertThat(cli.run("balances", "record", "--agent", "a", "--chain", "btc", "--token", "BTC", "--amount", "1")
                .exitCode()).isEqualTo(2);
        assertThat(cli.run("wallets", "create", "--agent", "a1").stderr()).contains("seed init");

        assertThat(cli.runWithInput(HARDHAT, "seed", "import").exitCode()).isZero();
        Path wrong = temp.resolve("wrong-password");
        Files.writeString(wrong, "Not-The-Password-1!\n");
        Files.setPosixFilePermissions(wrong, PosixFilePermissions.fromString("rw-------"));
        Result wrongPassword = cli.run("seed", "verify", "--password-file", wrong.toString());
        assertThat(wrongPassword.exitCode()).isEqualTo(4);
        assertThat(wrongPassword.stderr()).contains("wrong password");
        assertThat(cli.run("seed", "verify").exitCode()).isZero();
    }

    @Test
    void thePasswordFileVariableWinsOverThePasswordVariableAndTheOptionOverBoth() throws IOException {
        Path file = Files.writeString(temp.resolve("password"), PASSWORD + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Path wrong = Files.writeString(temp.resolve("wrong-password"), "Not-The-Password-1!\n");
        Map<String, String> env = new HashMap<>(TestStores.environment(Kind.H2, temp.resolve("data")));
        env.put("WALLET_BACKUP_PASSWORD", "short");
        env.put("WALLET_BACKUP_PASSWORD_FILE", file.toString());
        assertThat(new CliRunner(env).run("seed", "init").exitCode()).isZero();

        env.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        env.put("WALLET_BACKUP_PASSWORD_FILE", wrong.toString());
        CliRunner cli = new CliRunner(env);
        assertThat(cli.run("seed", "verify").exitCode()).isEqualTo(4);
        assertThat(cli.run("seed", "verify", "--password-file", file.toString()).exitCode()).isZero();

        env.put("WALLET_BACKUP_PASSWORD_FILE", temp.resolve("absent").toString());
        Result absent = new CliRunner(env).run("seed", "verify");
        assertThat(absent.exitCode()).isEqualTo(2);
        assertThat(absent.stderr()).contains(temp.resolve("absent").toString()).doesNotContain(PASSWORD);
    }

    @Test
    void passwordsAreCheckedAgainstThePolicyAndNeverTakenFromArguments() {
        CliRunner weak = new CliRunner(Map.of("WALLET_DATA_DIR", temp.resolve("weak").toString(),
                "WALLET_BACKUP_PASSWORD", "short"));
        Result refused = weak.run("seed", "init");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderr()).contains("WALLET_BACKUP_PASSWORD").contains("at least 16 characters")
                .doesNotContain("short\n");

        CliRunner none = new CliRunner(Map.of("WALLET_DATA_DIR", temp.resolve("none").toString()));
        assertThat(none.run("seed", "init").stderr()).contains("WALLET_BACKUP_PASSWORD");
        assertThat(none.run("seed", "init", "--password", "Some-Password-123!").exitCode()).isEqualTo(2);
    }

    @Test
    void initShowsTheMnemonicOnlyWhenAskedAndOnlyOnce() {
        CliRunner cli = cli(Kind.H2);
        Result init = cli.run("seed", "init", "--words", "12", "--show-mnemonic", "--json");
        assertThat(init.exitCode()).as(init.stderr()).isZero();
        String mnemonic = init.json().get("mnemonic").asText();
        assertThat(mnemonic.split(" ")).hasSize(12);
        Result fingerprint = cli.run("seed", "fingerprint", "--json");
        assertThat(fingerprint.stdout()).doesNotContain(mnemonic).contains(init.json().get("fingerprint").asText());
        assertThat(cli.run("seed", "init").stderr()).contains("never replaced");
    }

    @Test
    void demoBacksUpLosesItsDataDirectoryAndRestoresEverything() {
        Result demo = new CliRunner(Map.of()).run("demo", "--wallets", "50", "--data-dir", temp.resolve("demo").toString());
        assertThat(demo.exitCode()).as(demo.stderr()).isZero();
        assertThat(demo.stdout()).contains("not shown").contains("full backup").contains("incremental backup")
                .contains("Wallets restored      51").contains("equals the backup's")
                .contains("identical to those before the disaster");
        assertThat(temp.resolve("demo").resolve("live")).doesNotExist();
    }

    static JsonNode referenceRows() throws IOException {
        try (InputStream in = CommandLineTest.class.getResourceAsStream("/vectors/hd-derivation-hardhat.json")) {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).get("rows");
        }
    }
}
