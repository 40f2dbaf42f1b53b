package dev.walletbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.store.WalletStore;
import dev.walletbackup.testing.CliProcess;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.GeneratedBalances;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A backup reads the store as a stream: a store far larger than the heap goes through a JVM whose heap is capped,
 * as an operator caps it with JAVA_OPTS, and a read that fails half-way fails the backup at once and leaves nothing.
 */
class LargeStoreBackupTest {
    static final String HARDHAT = "test test test test test test test test test test test junk";
    static final String PASSWORD = "Large-Store-Pass-1!";
    static final int WALLETS = 1_000;
    static final int TOKENS_PER_WALLET = 200;
    /**
     * Holds the application (about 30 MB live) and a window of rows, not the whole result: measured, the backup of
     * 200,000 balances ran in 48 MB when it streams and needed 128 MB when the driver buffered the result (200,000
     * tuples, some 80 MB).
     */
    static final List<String> SMALL_HEAP = Stream.concat(CliProcess.BOTH_COMPILERS.stream(), Stream.of("-Xmx64m")).toList();
    static final Duration COMMAND = Duration.ofSeconds(50);

    @TempDir
    Path temp;

    Map<String, String> environment;
    Path config;

    /**
     * PostgreSQL only: that is the driver which holds a whole result unless told otherwise. Embedded H2 keeps a
     * window of a large result in memory and the rest on disk by itself, and building and backing up 200,000 rows
     * on it takes over a minute here.
     */
    @Test
    void aFullBackupOfTwoHundredThousandBalancesOnPostgresqlRunsInASixtyFourMegabyteHeap() throws Exception {
        store(Kind.POSTGRESQL, WALLETS);
        insertBalances("TRUE", TOKENS_PER_WALLET);
        Result backup = backupInSmallHeap();
        assertThat(backup.exitCode()).as(backup.stderr()).isZero();
        JsonNode report = backup.json();
        assertThat(report.get("counts").get("wallets").asInt()).isEqualTo(WALLETS);
        assertThat(report.get("counts").get("balances").asInt()).isEqualTo(WALLETS * TOKENS_PER_WALLET);
    }

    /** PostgreSQL's driver reports this as a failed query, H2 as a database failure: both are out of memory. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRowLargerThanTheHeapFailsTheBackupMidReadAtOnceAndLeavesNothing(Kind kind) throws Exception {
        store(kind, 1_500);
        inStore(connection -> {
            // past the first fetch window, so that the backup has read and written rows when it meets this one
            try (PreparedStatement huge = connection.prepareStatement(
                    "UPDATE wallet.agent_wallets SET metadata = REPEAT('x', 100000000) WHERE derivation_index = 1400")) {
                assertThat(huge.executeUpdate()).isOne();
            }
            return null;
        });
        assertFailedAtOnceOutOfMemoryLeavingNothing(backupInSmallHeap());
    }

    /**
     * A backup does not gather an agent's balances before it writes them (format version 4 takes a section's rows in
     * any order, docs/backup-format.md section 5.1; version 3 put them in order in memory, and this agent's did not
     * fit): an agent with more balances than the heap holds is backed up in a small heap like any other.
     */
    @Test
    void anAgentWithMoreBalancesThanTheHeapHoldsIsBackedUpInASmallHeap() throws Exception {
        store(Kind.POSTGRESQL, 10);
        insertBalances("derivation_index = 3", 300_000);
        Result backup = backupInSmallHeap();
        assertThat(backup.exitCode()).as(backup.stderr()).isZero();
        assertThat(backup.json().get("counts").get("balances").asInt()).isEqualTo(300_000);
    }

    /**
     * Failed with one message that says why (the --json error object), and at once: the failure did not leave the
     * exchange in flight for shutdown to wait on, nor trip Camel's guard against failing error handlers. Nothing of
     * the backup is left.
     */
    void assertFailedAtOnceOutOfMemoryLeavingNothing(Result backup) throws Exception {
        assertThat(backup.exitCode()).as(backup.stderr()).isOne();
        JsonNode error = backup.json().get("error");
        assertThat(error.get("exitCode").asInt()).isOne();
        assertThat(error.get("message").asText()).as(backup.stderr()).matches("out of memory: the Java heap "
                + "\\(at most \\d+ MiB\\) is too small for this work; run it again with a larger one, e\\.g\\. "
                + "JAVA_OPTS=-Xmx\\d+m");
        assertThat(backup.stderr()).doesNotContain("backup full: error:");
        assertThat(backup.stderr()).doesNotContain("Waiting as there are still", "graceful shutdown",
                "Circular error-handler", "Exception in thread");
        assertThat(backupDirectory()).isEmpty();
        try (WalletStore store = WalletStore.open(WalletConfig.load(config, environment, Map.of()), false)) {
            assertThat(new BackupCatalog(store).list()).isEmpty();
        }
    }

    /** A store of {@code wallets} wallets, made by the command line. */
    void store(Kind kind, int wallets) throws Exception {
        environment = new HashMap<>(TestStores.environment(kind, temp.resolve("data")));
        environment.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        config = TestStores.fastConfigFile(temp, Map.of());
        CliRunner cli = new CliRunner(environment).withConfig(config);
        assertThat(cli.runWithInput(HARDHAT, "seed", "import").exitCode()).isZero();
        cli.ok("wallets", "create", "--count", String.valueOf(wallets));
    }

    void inStore(WalletStore.TransactionWork<?> work) {
        try (WalletStore store = WalletStore.open(WalletConfig.load(config, environment, Map.of()), false)) {
            store.write(work);
        }
    }

    void insertBalances(String wallets, int tokens) {
        inStore(connection -> {
            GeneratedBalances.insert(connection, wallets, tokens);
            return null;
        });
    }

    Result backupInSmallHeap() throws Exception {
        try (CliProcess backup = CliProcess.start(SMALL_HEAP, environment,
                "backup", "full", "--json", "--config", config.toString())) {
            return backup.await(COMMAND);
        }
    }

    /** What the backup directory holds besides its lock file. */
    List<Path> backupDirectory() throws Exception {
        Path directory = temp.resolve("data").resolve("backups");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(path -> !path.getFileName().toString().equals(".wallet-backup.lock")).toList();
        }
    }
}
