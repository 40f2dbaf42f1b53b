package dev.walletbackup.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walletbackup.app.WalletServices;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.derivation.AccountKeys;
import dev.walletbackup.lifecycle.LifecycleState;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.seed.Mnemonic;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code wallets create --count N}: many wallets in one transaction, on embedded H2 and on PostgreSQL. */
class BulkCreationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T08:00:00.123456Z"), ZoneOffset.UTC);
    /** The clock's instant as the store keeps it: to the millisecond a backup holds. */
    private static final Instant KEPT = Instant.parse("2026-11-27T08:00:00.123Z");

    @TempDir
    Path dataDir;

    private WalletServices open(Kind kind, int batchSize) {
        Map<String, String> settings = new HashMap<>(TestStores.FAST);
        settings.put(WalletConfig.BATCH_SIZE, Integer.toString(batchSize));
        WalletServices services = WalletServices.open(
                WalletConfig.load(TestStores.SHIPPED_CONFIG, TestStores.environment(kind, dataDir), settings), CLOCK);
        services.seeds().importMnemonic(Mnemonic.parse("test test test test test test test test test test test junk"),
                "", Password.adopt("Bulk-Creation-Test-7!".toCharArray()));
        return services;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aBatchLargerThanOneInsertStatementWritesEveryWalletAndLifecycleWithItsOwnChangeSequence(Kind kind) {
        int count = 10_001; // one more than the rows one multi-row statement takes
        try (WalletServices services = open(kind, count)) {
            WalletService.BulkCreation created = services.wallets().createMany(count, "bulk-");

            assertThat(created).isEqualTo(new WalletService.BulkCreation(count, 0, count - 1));
            AccountKeys keys = services.seeds().accountKeys();
            for (int index : List.of(0, 1, 5_000, 9_999, 10_000)) {
                AgentWallet wallet = services.wallets().require("bulk-" + index);
                assertThat(wallet.derivationIndex()).isEqualTo(index);
                assertThat(new AccountKeys.WalletAddresses(wallet.evmAddress(), wallet.xrpAddress()))
                        .isEqualTo(keys.addressesAt(index));
                assertThat(wallet.createdAt()).isEqualTo(KEPT);
                assertThat(wallet.updatedAt()).isEqualTo(KEPT);
                assertThat(wallet.metadata()).isNull();
                WalletLifecycleRecord lifecycle = services.lifecycles().require("bulk-" + index);
                assertThat(lifecycle).usingRecursiveComparison().ignoringFields("changeSeq")
                        .isEqualTo(WalletLifecycleRecord.newlyCreated("bulk-" + index, KEPT));
                assertThat(lifecycle.state()).isEqualTo(LifecycleState.PENDING);
            }
            List<Long> counts = services.store().read(connection -> {
                try (PreparedStatement query = connection.prepareStatement("SELECT "
                        + "(SELECT COUNT(*) FROM wallet.agent_wallets), (SELECT COUNT(*) FROM wallet.wallet_lifecycle), "
                        + "(SELECT COUNT(DISTINCT change_seq) FROM (SELECT change_seq FROM wallet.agent_wallets "
                        + "UNION ALL SELECT change_seq FROM wallet.wallet_lifecycle) AS s)");
                     ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return List.of(rows.getLong(1), rows.getLong(2), rows.getLong(3));
                }
            });
            assertThat(counts).containsExactly((long) count, (long) count, 2L * count);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aCollisionInTheLastBatchRollsBackTheBatchesAlreadyWritten(Kind kind) {
        try (WalletServices services = open(kind, 1_000)) {
            services.wallets().create("agent-2999", null); // index 0; the bulk gets 1..3000, its last batch 2001..3000

            assertThatThrownBy(() -> services.wallets().createMany(3_000, "agent-"))
                    .hasMessageContaining("already has a wallet").hasMessageContaining("nothing was created");

            List<String> left = new ArrayList<>();
            services.wallets().forEachOverview(overview -> left.add(overview.wallet().agentId()));
            assertThat(left).containsExactly("agent-2999");
            assertThat(services.wallets().createMany(1, "next-").firstIndex()).isEqualTo(1);
        }
    }
}
