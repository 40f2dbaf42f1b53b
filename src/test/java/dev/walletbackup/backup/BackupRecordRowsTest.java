package dev.walletbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walletbackup.backup.format.Tombstone;
import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.balance.BalanceRepository;
import dev.walletbackup.balance.Chain;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.lifecycle.LifecycleRepository;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.store.WalletStore;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import dev.walletbackup.wallet.AgentWallet;
import dev.walletbackup.wallet.WalletRepository;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.RowMapper;

/** The backup route's reads turn each row into the same record that the repositories read, on either store. */
class BackupRecordRowsTest {
    static final String HARDHAT = "test test test test test test test test test test test junk";
    static final Instant NOW = Instant.parse("2026-11-27T06:00:00Z");

    @TempDir
    Path temp;

    final BackupRecordRows rows = new BackupRecordRows();

    @ParameterizedTest
    @EnumSource(Kind.class)
    void eachTableOfTheBackupIsReadAsItsRecordExactlyAsTheRepositoriesReadIt(Kind kind) throws Exception {
        Map<String, String> environment = new HashMap<>(TestStores.environment(kind, temp.resolve("data")));
        environment.put("WALLET_BACKUP_PASSWORD", "Record-Rows-Pass-1!");
        Path config = TestStores.fastConfigFile(temp, Map.of());
        CliRunner cli = new CliRunner(environment).withConfig(config);
        assertThat(cli.runWithInput(HARDHAT, "seed", "import").exitCode()).isZero();
        cli.ok("wallets", "create", "--count", "3");
        try (WalletStore store = WalletStore.open(WalletConfig.load(config, environment, Map.of()), false)) {
            store.write(connection -> {
                BalanceRepository balances = new BalanceRepository();
                balances.upsert(connection, new AgentBalance("agent-0", Chain.EVM, "ETH",
                        new BigInteger("123456789012345678901234567890"), 18, 42L, NOW, 0));
                balances.upsert(connection, new AgentBalance("agent-1", Chain.XRP, "XRP", BigInteger.TEN, 6, null, NOW, 0));
                balances.delete(connection, "agent-1", Chain.XRP, "XRP", NOW);
                return null;
            });
            store.read(connection -> {
                List<AgentWallet> wallets = read(connection, "wallet.agent_wallets ORDER BY derivation_index", AgentWallet.class);
                List<AgentWallet> expectedWallets = new ArrayList<>();
                new WalletRepository().forEach(connection, expectedWallets::add);
                assertThat(wallets).hasSize(3).containsExactlyInAnyOrderElementsOf(expectedWallets);

                List<WalletLifecycleRecord> lifecycle = read(connection, "wallet.wallet_lifecycle", WalletLifecycleRecord.class);
                assertThat(lifecycle).hasSize(3);
                for (WalletLifecycleRecord record : lifecycle) {
                    assertThat(Optional.of(record)).isEqualTo(new LifecycleRepository().find(connection, record.agentId()));
                }

                List<AgentBalance> expectedBalances = new ArrayList<>();
                new BalanceRepository().forEach(connection, null, expectedBalances::add);
                assertThat(read(connection, "wallet.balance_snapshots", AgentBalance.class))
                        .hasSize(1).containsExactlyElementsOf(expectedBalances);
                assertThat(expectedBalances.get(0).balance()).isEqualTo(new BigInteger("123456789012345678901234567890"));

                List<Tombstone> tombstones = read(connection, "wallet.tombstones", Tombstone.class);
                assertThat(tombstones).singleElement().satisfies(tombstone -> {
                    assertThat(tombstone.table()).isEqualTo("balance_snapshots");
                    assertThat(tombstone.key()).contains("agent-1");
                    assertThat(tombstone.deletedAt()).isEqualTo(NOW);
                });
                return null;
            });
        }
    }

    @Test
    void aTypeThatIsNoBackupRecordIsRefusedByName() {
        assertThatThrownBy(() -> rows.newBeanRowMapper(String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String");
    }

    <T> List<T> read(Connection connection, String from, Class<T> type) throws SQLException {
        RowMapper<?> mapper = rows.newBeanRowMapper(type);
        List<T> records = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM " + from);
             ResultSet result = query.executeQuery()) {
            while (result.next()) {
                records.add(type.cast(mapper.mapRow(result, records.size())));
            }
        }
        return records;
    }
}
