package dev.walletbackup.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.balance.BalanceRepository;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.lifecycle.LifecycleRepository;
import dev.walletbackup.seed.MasterSeedRepository;
import dev.walletbackup.statedigest.LtHash;
import dev.walletbackup.statedigest.RowSum;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.Disaster;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import dev.walletbackup.wallet.WalletRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store keeps the LtHash of its state in every write (docs/backup-format.md, section 6.1), so an incremental
 * backup reads its state digest instead of the whole state, and the row sum beside it (section 6.2), with which a full
 * proves that LtHash. Whatever the writes, the kept hash and row sum must equal the ones recomputed from the rows:
 * after random creations, lifecycle moves, balance changes and removals, after backups, and after a restore.
 */
class StateDigestLedgerTest {
    static final String HARDHAT = "test test test test test test test test test test test junk";
    static final String PASSWORD = "Ledger-Drill-Pass-1!";
    static final List<String> TOKENS = List.of("ETH", "0x5FbDB2315678afecb367f032d93F642f64180aa3", "XRP");

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theKeptDigestEqualsTheRowsAfterRandomChangesAndIncrementalsCarryIt(Kind kind) throws IOException {
        Map<String, String> environment = TestStores.environment(kind, temp.resolve("old"));
        CliRunner cli = seededWithWallets(environment, 6);
        cli.ok("wallets", "create", "--agent", "with-metadata", "--metadata", "{\"b\":[1,{\"z\":2,\"a\":3}],\"a\":\"x\"}");
        Random random = new Random(11);
        for (int step = 0; step < 24; step++) {
            changeAtRandom(cli, random);
            if (step % 6 == 5) {
                assertThat(kept(environment)).as("after step %d", step).isEqualTo(recomputed(environment));
                assertThat(stored(environment).rowSum()).as("after step %d", step).isEqualTo(recomputedRowSum(environment));
            }
            if (step == 11) {
                assertThat(stored(environment).rowSumProven()).as("a new store's: the sum of no rows, then kept")
                        .isTrue();
                cli.ok("backup", "full");
            }
        }
        JsonNode incremental = cli.ok("backup", "incremental", "--json").json();

        assertThat(incremental.get("type").asText()).isEqualTo("incremental");
        assertThat(incremental.get("stateDigest").asText()).isEqualTo(recomputed(environment).digest());

        List<String> stamped = timestamps(environment);
        Path copy = Disaster.keepBackupsAndDestroy(temp.resolve("old"), temp.resolve("copy"));
        Map<String, String> fresh = TestStores.environment(kind, temp.resolve("new"));
        CliRunner restored = runner(fresh);
        restored.ok("restore", "--source", copy.toString());
        assertThat(timestamps(fresh)).as("every instant as stored, to the last digit the database keeps")
                .isEqualTo(stamped);
        assertThat(kept(fresh)).isEqualTo(recomputed(fresh));
        assertThat(kept(fresh).digest()).isEqualTo(incremental.get("stateDigest").asText());
        assertThat(stored(fresh).rowSumProven()).as("a restore replaces the hash; the next full proves its row sum")
                .isFalse();
        restored.ok("wallets", "create", "--agent", "after-restore");
        restored.ok("balances", "record", "--agent", "after-restore", "--chain", "evm", "--token", "ETH", "--amount", "5");
        assertThat(kept(fresh)).isEqualTo(recomputed(fresh));
        restored.ok("backup", "full");
        restored.ok("wallets", "set-state", "--agent", "after-restore", "--state", "active");
        assertThat(stored(fresh).rowSumProven()).isTrue();
        assertThat(stored(fresh).rowSum()).isEqualTo(recomputedRowSum(fresh));
        JsonNode provenFull = restored.ok("backup", "full", "--json").json();
        assertThat(provenFull.has("note")).as("a full that proved the kept LtHash by the row sum corrects nothing")
                .isFalse();
        assertThat(provenFull.get("stateDigest").asText()).isEqualTo(recomputed(fresh).digest());
    }

    /**
     * Both ways a full finds the kept hash wrong: its row sum unproven (a store that held rows when it began keeping
     * the sum, or a restored one), when it hashes its rows as it writes them; or proven and now different, when it
     * hashes its snapshot again.
     */
    @ParameterizedTest
    @MethodSource("storesAndRowSums")
    void aFullBackupCorrectsADigestThatARowChangedBehindItsBackLeftWrong(Kind kind, boolean rowSumProven)
            throws IOException {
        Map<String, String> environment = TestStores.environment(kind, temp.resolve("old"));
        CliRunner cli = seededWithWallets(environment, 3);
        // a line break and a TAB between the JSON's tokens, a backslash and a non-ASCII letter inside its string: text
        // that a COPY escapes or passes as UTF-8, summed alike from the streamed rows and from the records
        cli.ok("wallets", "create", "--agent", "odd-text", "--metadata", "{\"note\":\n\t\"back\\\\slash é\"}");
        cli.ok("balances", "record", "--agent", "agent-1", "--chain", "evm", "--token", "ETH", "--amount", "100");
        if (!rowSumProven) {
            // as schema version 13 leaves a store that held rows, and a restore leaves any
            behindItsBack(environment, "UPDATE wallet.state_digest SET row_sum_proven = FALSE");
        }
        behindItsBack(environment, "UPDATE wallet.balance_snapshots SET balance = 999 WHERE agent_id = 'agent-1'");
        assertThat(kept(environment)).isNotEqualTo(recomputed(environment));

        JsonNode full = cli.ok("backup", "full", "--json").json();

        assertThat(full.get("note").asText()).contains("the store's state digest differed from its rows");
        assertThat(full.get("stateDigest").asText()).isEqualTo(recomputed(environment).digest());
        assertThat(kept(environment)).isEqualTo(recomputed(environment));
        assertThat(stored(environment).rowSum()).isEqualTo(recomputedRowSum(environment));
        assertThat(stored(environment).rowSumProven()).isTrue();
        cli.ok("balances", "record", "--agent", "agent-2", "--chain", "xrp", "--token", "XRP", "--amount", "7");
        JsonNode incremental = cli.ok("backup", "incremental", "--json").json();
        assertThat(incremental.get("stateDigest").asText()).isEqualTo(recomputed(environment).digest());
        Path copy = Disaster.keepBackupsAndDestroy(temp.resolve("old"), temp.resolve("copy"));
        CliRunner restored = runner(TestStores.environment(kind, temp.resolve("new")));
        assertThat(restored.ok("restore", "--source", copy.toString()).stdout()).contains("matches the backup");
    }

    static Stream<Arguments> storesAndRowSums() {
        return Stream.of(Kind.values()).flatMap(kind -> Stream.of(Arguments.of(kind, false), Arguments.of(kind, true)));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRowChangedBehindItsBackIntoOneNoReaderAcceptsFailsTheFullAndPublishesNothing(Kind kind) throws IOException {
        Map<String, String> environment = TestStores.environment(kind, temp.resolve("old"));
        CliRunner cli = seededWithWallets(environment, 2);
        cli.ok("balances", "record", "--agent", "agent-1", "--chain", "evm", "--token", "ETH", "--amount", "100");
        cli.ok("backup", "full");
        behindItsBack(environment,
                "UPDATE wallet.balance_snapshots SET token = 'not a token!' WHERE agent_id = 'agent-1'");

        var failed = cli.run("backup", "full");

        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.stderr()).contains("not a token!");
        assertThat(cli.ok("backup", "list", "--json").json()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aStoreFromBeforeVersion3GetsTheDigestOfTheRowsItAlreadyHolds(Kind kind) throws IOException {
        Map<String, String> environment = TestStores.environment(kind, temp.resolve("old"));
        CliRunner cli = seededWithWallets(environment, 4);
        cli.ok("balances", "record", "--agent", "agent-3", "--chain", "xrp", "--token", "XRP", "--amount", "12");
        cli.ok("wallets", "set-state", "--agent", "agent-3", "--state", "active");
        LtHash beforeTheUpgrade = recomputed(environment);
        // a store from before format version 3: every migration from V7 on undone (V9 made the drills' table, V10
        // the Quartz cluster's, V11 the wallets' XRP scheme, V12 widened the balances' tokens, V13 added the row sum
        // to the dropped state digest)
        behindItsBack(environment, "DROP TABLE wallet.state_digest", "DROP TABLE wallet.restore_drills",
                "DROP TABLE wallet.qrtz_fired_triggers, wallet.qrtz_paused_trigger_grps, wallet.qrtz_scheduler_state,"
                        + " wallet.qrtz_locks, wallet.qrtz_simple_triggers, wallet.qrtz_cron_triggers,"
                        + " wallet.qrtz_simprop_triggers, wallet.qrtz_blob_triggers, wallet.qrtz_triggers,"
                        + " wallet.qrtz_job_details, wallet.qrtz_calendars CASCADE",
                "ALTER TABLE wallet.agent_wallets DROP COLUMN xrp_scheme",
                "ALTER TABLE wallet.balance_snapshots ALTER COLUMN token SET DATA TYPE VARCHAR(64)",
                "DELETE FROM wallet.\"flyway_schema_history\" WHERE \"version\" IN ('7', '8', '9', '10', '11', '12', '13')");

        assertThat(kept(environment)).as("computed by the migration from the rows").isEqualTo(beforeTheUpgrade);
        assertThat(beforeTheUpgrade).isNotEqualTo(LtHash.empty());
        JsonNode incremental = cli.ok("backup", "incremental", "--json").json();
        assertThat(incremental.get("stateDigest").asText()).isEqualTo(beforeTheUpgrade.digest());
    }

    private void changeAtRandom(CliRunner cli, Random random) {
        String agent = "agent-" + random.nextInt(6);
        String token = TOKENS.get(random.nextInt(TOKENS.size()));
        String chain = token.equals("XRP") ? "xrp" : "evm";
        switch (random.nextInt(5)) {
            case 0, 1 -> cli.ok("balances", "record", "--agent", agent, "--chain", chain, "--token", token,
                    "--amount", String.valueOf(random.nextInt(1_000_000)), "--decimals", token.equals("ETH") ? "18" : "6",
                    "--block", String.valueOf(random.nextInt(100)));
            case 2 -> cli.run("balances", "remove", "--agent", agent, "--chain", chain, "--token", token);
            case 3 -> cli.run("wallets", "set-state", "--agent", agent, "--state",
                    List.of("active", "suspended", "archived").get(random.nextInt(3)), "--reason", "drill");
            default -> cli.ok("wallets", "create", "--agent", "extra-" + random.nextInt(1_000_000));
        }
    }

    private CliRunner seededWithWallets(Map<String, String> environment, int wallets) throws IOException {
        CliRunner cli = runner(environment);
        assertThat(cli.runWithInput(HARDHAT, "seed", "import").exitCode()).isZero();
        cli.ok("wallets", "create", "--count", String.valueOf(wallets));
        return cli;
    }

    /** Statements run straight on the store, as an operator's SQL session would, past wallet-backup. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aKeptDigestDamagedBehindItsBackIsNamedByTheBackupThatCannotUseIt(Kind kind) throws IOException {
        Map<String, String> environment = TestStores.environment(kind, temp.resolve("old"));
        CliRunner cli = seededWithWallets(environment, 2);
        cli.ok("backup", "full");
        behindItsBack(environment, "UPDATE wallet.state_digest SET lt_hash = row_sum");

        var failed = cli.run("backup", "incremental");

        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.stderr()).contains("the store's kept state digest (table wallet.state_digest) is damaged: "
                + "an LtHash has 2048 bytes, not 32");
        assertThat(cli.ok("backup", "list", "--json").json()).hasSize(1);
    }

    private static void behindItsBack(Map<String, String> environment, String... statements) {
        try (WalletStore store = WalletStore.open(config(environment))) {
            store.write(connection -> {
                for (String sql : statements) {
                    try (PreparedStatement statement = connection.prepareStatement(sql)) {
                        statement.execute();
                    }
                }
                return null;
            });
        }
    }

    /** Every instant the state tables hold, by row, as the database returns it (its microseconds included). */
    private static List<String> timestamps(Map<String, String> environment) {
        Map<String, Integer> keyColumns = Map.of(
                "SELECT fingerprint, created_at FROM wallet.master_seed", 1,
                "SELECT agent_id, created_at, updated_at FROM wallet.agent_wallets ORDER BY agent_id", 1,
                "SELECT agent_id, created_at, activated_at, suspended_at, archived_at, last_activity "
                        + "FROM wallet.wallet_lifecycle ORDER BY agent_id", 1,
                "SELECT agent_id, chain, token, last_updated FROM wallet.balance_snapshots "
                        + "ORDER BY agent_id, chain, token", 3);
        try (WalletStore store = WalletStore.open(config(environment))) {
            return store.read(connection -> {
                List<String> values = new ArrayList<>();
                for (var query : keyColumns.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
                    try (PreparedStatement select = connection.prepareStatement(query.getKey());
                         ResultSet rows = select.executeQuery()) {
                        int columns = rows.getMetaData().getColumnCount();
                        while (rows.next()) {
                            StringBuilder row = new StringBuilder();
                            for (int column = 1; column <= columns; column++) {
                                row.append(column <= query.getValue() ? rows.getString(column)
                                        : rows.getObject(column, OffsetDateTime.class)).append(' ');
                            }
                            values.add(row.toString());
                        }
                    }
                }
                return values;
            });
        }
    }

    private CliRunner runner(Map<String, String> store) throws IOException {
        Map<String, String> env = new HashMap<>(store);
        env.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        return new CliRunner(env).withConfig(TestStores.fastConfigFile(
                Files.createDirectories(temp.resolve("config")), Map.of()));
    }

    private static WalletConfig config(Map<String, String> environment) {
        return WalletConfig.load(TestStores.SHIPPED_CONFIG, environment, TestStores.FAST);
    }

    /** The store's kept LtHash, row sum and whether a full has proven the row sum. */
    private static StateDigestLedger.Kept stored(Map<String, String> environment) {
        try (WalletStore store = WalletStore.open(config(environment))) {
            return store.read(StateDigestLedger::read);
        }
    }

    private static LtHash kept(Map<String, String> environment) {
        return stored(environment).ltHash();
    }

    /** The row sum of every row, each read back into its record as the repositories read it. */
    private static RowSum recomputedRowSum(Map<String, String> environment) {
        try (WalletStore store = WalletStore.open(config(environment))) {
            return store.<RowSum>read(connection -> {
                StateChange rows = new StateChange();
                Map<String, Function<Row, StateRecord>> tables = Map.of(
                        "master_seed", MasterSeedRepository::fromRow, "agent_wallets", WalletRepository::fromRow,
                        "wallet_lifecycle", LifecycleRepository::fromRow, "balance_snapshots", BalanceRepository::fromRow);
                for (var table : tables.entrySet()) {
                    try (PreparedStatement query = connection.prepareStatement("SELECT * FROM wallet." + table.getKey());
                         ResultSet result = query.executeQuery()) {
                        Row row = Row.of(result);
                        while (result.next()) {
                            rows.add(table.getValue().apply(row));
                        }
                    }
                }
                return rows.rowSum();
            });
        }
    }

    private static LtHash recomputed(Map<String, String> environment) {
        try (WalletStore store = WalletStore.open(config(environment))) {
            return store.read(StateDigestLedger::recompute);
        }
    }
}
