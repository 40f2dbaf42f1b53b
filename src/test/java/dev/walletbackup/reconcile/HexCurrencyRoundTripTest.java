package dev.walletbackup.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.derivation.HdKeys;
import dev.walletbackup.derivation.MasterSeed;
import dev.walletbackup.seed.Mnemonic;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.Disaster;
import dev.walletbackup.testing.RippledStandIn.Line;
import dev.walletbackup.testing.RippledStandIn;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores.Kind;
import dev.walletbackup.testing.TestStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An issued currency with a 40-hex-digit code: its token with the issuer is 75 characters (more than the 64 the
 * store once took). It is recorded, backed up, restored and reconciled like any other, on both stores; recorded
 * again, or removed, with the hex code in lower case it is the same snapshot, not a second one that no trust line
 * would match.
 */
class HexCurrencyRoundTripTest {
    static final String TOKEN = ProviderReconcileTest.HEX_CURRENCY + "." + ProviderReconcileTest.ISSUER;
    static final String LOWER_CASE = ProviderReconcileTest.HEX_CURRENCY.toLowerCase(Locale.ROOT) + "."
            + ProviderReconcileTest.ISSUER;

    @TempDir
    Path temp;

    CliRunner cli(Map<String, String> store, RippledStandIn rippled) throws IOException {
        Map<String, String> env = new HashMap<>(store);
        env.put("WALLET_BACKUP_PASSWORD", "Hex-Currency-Pass-1!");
        env.put("XRPL_RPC_URL", rippled.endpoint().toString());
        return new CliRunner(env).withConfig(TestStores.fastConfigFile(Files.createDirectories(temp.resolve("config")),
                Map.of()));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFortyHexCurrencyBalanceIsRecordedBackedUpRestoredAndReconciled(Kind kind) throws IOException {
        assertThat(TOKEN).hasSize(75);
        try (RippledStandIn rippled = new RippledStandIn(3, Integer.MAX_VALUE)) {
            try (MasterSeed seed = Mnemonic.parse(RunningApplication.HARDHAT).toSeed("")) {
                rippled.account(HdKeys.agentAccountKeys(seed).addressesAt(0).xrpAddress(), 0,
                        List.of(new Line(ProviderReconcileTest.HEX_CURRENCY, ProviderReconcileTest.ISSUER, "1234.5")));
            }
            CliRunner old = cli(TestStores.environment(kind, temp.resolve("old")), rippled);
            assertThat(old.runWithInput(RunningApplication.HARDHAT, "seed", "import").exitCode()).isZero();
            old.ok("wallets", "create", "--count", "1");
            old.ok("balances", "record", "--agent", "agent-0", "--chain", "xrp", "--token", TOKEN, "--amount", "1234500000",
                    "--decimals", "6");
            old.ok("balances", "record", "--agent", "agent-0", "--chain", "xrp", "--token", LOWER_CASE,
                    "--amount", "1234500000", "--decimals", "6");
            CliRunner.Result tooLong = old.run("balances", "record", "--agent", "agent-0", "--chain", "xrp", "--token",
                    TOKEN + "xxxxxx", "--amount", "1");
            assertThat(tooLong.exitCode()).isEqualTo(2);
            assertThat(tooLong.stderr()).contains("token must be 1 to 80 characters");
            old.ok("backup", "full");
            Path copy = Disaster.keepBackupsAndDestroy(temp.resolve("old"), temp.resolve("backup-copy"));

            CliRunner fresh = cli(TestStores.environment(kind, temp.resolve("new")), rippled);
            JsonNode restore = fresh.ok("restore", "--source", copy.toString(), "--json").json();
            assertThat(restore.get("reconciliation").get("MATCH").asInt()).isEqualTo(1);
            JsonNode balances = fresh.ok("balances", "list", "--json").json();
            assertThat(balances).singleElement().satisfies(balance -> {
                assertThat(balance.get("token").asText()).isEqualTo(TOKEN);
                assertThat(balance.get("balance").asText()).isEqualTo("1234500000");
            });
            JsonNode report = fresh.ok("reconcile", "--json").json();
            assertThat(report.get("totals").get("MATCH").asInt()).isEqualTo(1);
            assertThat(report.get("rows")).isEmpty();

            fresh.ok("balances", "remove", "--agent", "agent-0", "--chain", "xrp", "--token", LOWER_CASE);
            assertThat(fresh.ok("balances", "list", "--json").json()).as("removed by the spelling that recorded it").isEmpty();
        }
    }
}
