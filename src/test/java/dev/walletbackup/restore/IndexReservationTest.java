package dev.walletbackup.restore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.Disaster;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.WalletListing;
import dev.walletbackup.testing.TestStores.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A backup is older than the disaster: wallets created after it are lost from the store but may hold funds on
 * chain. After a restore, no new wallet may be handed one of their addresses.
 */
class IndexReservationTest {
    static final String HARDHAT = "test test test test test test test test test test test junk";
    static final String PASSWORD = "Reservation-Drill-Pass-1!";

    @TempDir
    Path temp;

    CliRunner runner(Map<String, String> store, Map<String, String> settings) throws IOException {
        Map<String, String> env = new HashMap<>(store);
        env.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        return new CliRunner(env).withConfig(TestStores.fastConfigFile(Files.createDirectories(temp.resolve("config")),
                settings));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void walletsCreatedAfterARestoreNeverGetTheAddressesOfWalletsLostSinceTheBackup(Kind kind) throws IOException {
        CliRunner old = runner(Map.of("WALLET_DATA_DIR", temp.resolve("old").toString()), Map.of());
        assertThat(old.runWithInput(HARDHAT, "seed", "import").exitCode()).isZero();
        old.ok("wallets", "create", "--count", "3");
        String backupId = old.ok("backup", "full", "--json").json().get("id").asText();
        old.ok("wallets", "create", "--count", "4", "--prefix", "lost-");
        List<String> lostAddresses = WalletListing.evmAddresses(old.ok("wallets", "list", "--json").json(), "lost-");
        assertThat(lostAddresses).hasSize(4);
        Path copy = disaster();

        CliRunner fresh = runner(TestStores.environment(kind, temp.resolve("new")), Map.of());
        CliRunner.Result restore = fresh.ok("restore", "--source", copy.toString());
        assertThat(restore.stdout()).contains("derivation indices reserved up to 22");
        assertThat(restore.stderr()).containsOnlyOnce("WARNING: wallets created after backup " + backupId
                + " may exist on chain").contains("indices 3 to 22");

        JsonNode single = fresh.ok("wallets", "create", "--agent", "newcomer", "--json").json();
        assertThat(single.get("derivationIndex").asInt()).isEqualTo(23);
        JsonNode bulk = fresh.ok("wallets", "create", "--count", "2", "--prefix", "bulk-", "--json").json();
        assertThat(bulk.get("firstIndex").asInt()).isEqualTo(24);
        JsonNode wallets = fresh.ok("wallets", "list", "--json").json();
        assertThat(wallets).hasSize(6);
        List<String> handedOut = new ArrayList<>();
        wallets.forEach(wallet -> handedOut.add(wallet.get("evmAddress").asText()));
        assertThat(handedOut).doesNotContainAnyElementsOf(lostAddresses);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theRestoreReportNamesTheReservationAndTheWarningInJson(Kind kind) throws IOException {
        CliRunner old = runner(Map.of("WALLET_DATA_DIR", temp.resolve("old").toString()), Map.of());
        assertThat(old.runWithInput(HARDHAT, "seed", "import").exitCode()).isZero();
        old.ok("wallets", "create", "--count", "5");
        String backupId = old.ok("backup", "full", "--json").json().get("id").asText();
        Path copy = disaster();

        CliRunner fresh = runner(TestStores.environment(kind, temp.resolve("new")),
                Map.of("wallet.discovery.gap-limit", "7"));
        JsonNode report = fresh.ok("restore", "--source", copy.toString(), "--json").json();
        assertThat(report.get("reservedIndices").get("highestRestoredIndex").asLong()).isEqualTo(4);
        assertThat(report.get("reservedIndices").get("gapLimit").asInt()).isEqualTo(7);
        assertThat(report.get("reservedIndices").get("reservedThrough").asLong()).isEqualTo(11);
        assertThat(report.get("warnings")).hasSize(1);
        assertThat(report.get("warnings").get(0).asText())
                .startsWith("wallets created after backup " + backupId + " may exist on chain")
                .contains("indices up to 11 are reserved");
        assertThat(fresh.ok("wallets", "create", "--agent", "next", "--json").json().get("derivationIndex").asInt())
                .isEqualTo(12);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aForcedRestoreOfAnOlderBackupKeepsTheIndicesTheReplacedStoreHandedOut(Kind kind) throws IOException {
        CliRunner cli = runner(TestStores.environment(kind, temp.resolve("store")), Map.of());
        assertThat(cli.runWithInput(HARDHAT, "seed", "import").exitCode()).isZero();
        cli.ok("wallets", "create", "--count", "2");
        String older = cli.ok("backup", "full", "--json").json().get("id").asText();
        cli.ok("wallets", "create", "--count", "30", "--prefix", "newer-");

        JsonNode report = cli.ok("restore", "--backup", older, "--force", "--json").json();
        assertThat(report.get("restored").get("wallets").asLong()).isEqualTo(2);
        assertThat(report.get("reservedIndices").get("highestRestoredIndex").asLong()).isEqualTo(1);
        assertThat(report.get("reservedIndices").get("reservedThrough").asLong())
                .as("indices 2..31 were handed out by the replaced store; 1 + gap limit 20 would hand 22..31 out again")
                .isEqualTo(31);
        assertThat(cli.ok("wallets", "create", "--agent", "after-force", "--json").json().get("derivationIndex").asInt())
                .isEqualTo(32);

        JsonNode again = cli.ok("restore", "--backup", older, "--force", "--json").json();
        assertThat(again.get("reservedIndices").get("highestReservedInBackups").asLong())
                .as("the first restore's safety backup authenticates a reservation through 31").isEqualTo(31);
        assertThat(again.get("reservedIndices").get("reservedThrough").asLong())
                .as("31 seen in a newer backup + gap limit 20, above the replaced store's own 32").isEqualTo(51);
    }

    private Path disaster() throws IOException {
        return Disaster.keepBackupsAndDestroy(temp.resolve("old"), temp.resolve("backup-copy"));
    }
}
