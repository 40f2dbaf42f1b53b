package dev.walletbackup.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.store.WalletStore;
import dev.walletbackup.testing.CliProcess;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.StoreSchema;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * kill -9 of a restore in the middle of its load, as a crashed host or an operator's impatience would do it: the
 * store holds what it held before, every row of it, and on PostgreSQL every key, index and foreign key that the load
 * dropped inside its transaction ({@link dev.walletbackup.store.DeferredIndexes}) is there again and enforced.
 */
class RestoreKilledTest {
    static final String PASSWORD = RunningApplication.PASSWORD;
    static final int WALLETS = 40_000;
    static final Duration LONG = Duration.ofSeconds(120);

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRestoreKilledInTheMiddleOfItsLoadLeavesTheStoreAsItWasWithItsKeysAndIndexes(Kind kind) throws Exception {
        Path config = TestStores.fastConfigFile(temp, Map.of(WalletConfig.SCHEDULE_ENABLED, "false"));
        CliRunner source = new CliRunner(Map.of("WALLET_DATA_DIR", temp.resolve("source").toString(),
                "WALLET_BACKUP_PASSWORD", PASSWORD)).withConfig(config);
        assertThat(source.runWithInput(RunningApplication.HARDHAT, "seed", "import").exitCode()).isZero();
        source.ok("wallets", "create", "--count", String.valueOf(WALLETS));
        source.ok("backup", "full");

        Map<String, String> target = new HashMap<>(TestStores.environment(kind, temp.resolve("target")));
        target.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        CliRunner resident = new CliRunner(target).withConfig(config);
        resident.ok("seed", "init", "--words", "12");
        resident.ok("wallets", "create", "--count", "3", "--prefix", "resident-");
        String before = state(resident);
        List<String> schemaBefore = schema(target);

        Map<String, String> restoring = new HashMap<>(target);
        restoring.put("WALLET_PROGRESS", "on");
        try (CliProcess restore = CliProcess.start(restoring, "restore", "--source",
                temp.resolve("source").resolve("backups").toString(), "--force", "--config", config.toString())) {
            // A progress line with rows done but not all: the transaction is open and the rows are going in.
            boolean loading = restore.awaitStderrLine(line -> line.contains("restore: applying: ")
                    && line.contains(" of "), LONG);
            assertThat(loading).as("the restore reported rows being applied; its output:%n%s", restore.stderr())
                    .isTrue();
            restore.kill();
        }

        assertThat(state(resident)).isEqualTo(before);
        assertThat(schema(target)).isEqualTo(schemaBefore).isNotEmpty();
        Result duplicate = resident.run("wallets", "create", "--agent", "resident-0");
        assertThat(duplicate.exitCode()).as("the primary key holds: " + duplicate.stderr()).isNotZero();
    }

    static String state(CliRunner cli) {
        return cli.ok("seed", "fingerprint", "--json").stdout() + cli.ok("wallets", "list", "--json").stdout()
                + cli.ok("balances", "list", "--json").stdout();
    }

    /** The indexes and foreign keys of the target store, opened with its own settings (not reset). */
    static List<String> schema(Map<String, String> store) throws SQLException {
        try (WalletStore opened = WalletStore.open(TestStores.config(store))) {
            return opened.read(StoreSchema::indexesAndForeignKeys);
        }
    }
}
