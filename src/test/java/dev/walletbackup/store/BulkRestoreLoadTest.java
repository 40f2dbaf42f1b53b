package dev.walletbackup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.balance.BalanceRepository;
import dev.walletbackup.balance.Chain;
import dev.walletbackup.lifecycle.LifecycleRepository;
import dev.walletbackup.lifecycle.LifecycleState;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.testing.StoreSchema;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import dev.walletbackup.wallet.AgentWallet;
import dev.walletbackup.wallet.WalletRepository;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bulk load a restore writes with (binary COPY on PostgreSQL, array inserts on H2) stores every value as the
 * backup holds it: text with tabs, line breaks and backslashes, nulls, the largest balance and balances of whole
 * base-10000 digits, microsecond instants before and after 2000, and each row's own change sequence, not a drawn one.
 */
class BulkRestoreLoadTest {
    static final List<String> TABLES = List.of("wallet.agent_wallets", "wallet.wallet_lifecycle",
            "wallet.balance_snapshots");

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void rowsComeBackExactlyAsTheyWereLoaded(Kind kind) {
        // instants to the millisecond, as the store keeps them (Timestamps.kept) and a backup holds them
        Instant at = Instant.parse("2026-11-27T05:00:00.123Z");
        String awkward = "tab\there, line\nbreak, return\r, back\\slash \\N, \u00fcnicode \u20ac";
        AgentWallet plain = new AgentWallet("agent-0", 0, "0x" + "ab".repeat(20), "r" + "1".repeat(33), at, at, null, 7);
        AgentWallet odd = new AgentWallet("agent-\\1", 1, "0x" + "cd".repeat(20), "r" + "2".repeat(33), at,
                at.plusSeconds(1), "{\"note\":\"" + awkward.replace("\\", "\\\\").replace("\t", "\\t")
                .replace("\n", "\\n").replace("\r", "\\r") + "\"}", 900);
        WalletLifecycleRecord suspended = new WalletLifecycleRecord(odd.agentId(), LifecycleState.SUSPENDED, at, at,
                at.plusSeconds(2), null, null, 12, Map.of("ETH", new BigInteger("1" + "0".repeat(30))), awkward, 901);
        WalletLifecycleRecord pending = WalletLifecycleRecord.newlyCreated(plain.agentId(), at);
        AgentBalance largest = new AgentBalance(odd.agentId(), Chain.EVM, "ETH", new BigInteger("9".repeat(78)), 18,
                null, at, 902);
        AgentBalance zero = new AgentBalance(plain.agentId(), Chain.XRP, "XRP", BigInteger.ZERO, 6, 123L, at, 3);
        // whole base-10000 digits of zeros, and an instant before PostgreSQL's epoch (2000-01-01)
        Instant before2000 = Instant.parse("1999-12-31T23:59:59.999Z");
        AgentBalance roundTenThousand = new AgentBalance(plain.agentId(), Chain.EVM, "USDC", BigInteger.valueOf(10_000),
                0, Long.MAX_VALUE, before2000, 4);
        AgentBalance powerOfTen = new AgentBalance(odd.agentId(), Chain.XRP, "RLUSD", BigInteger.TEN.pow(40), 77, 0L,
                at, 903);

        try (WalletStore store = WalletStore.open(TestStores.config(kind, temp))) {
            store.write(connection -> {
                new WalletRepository().restoreAll(connection, List.of(plain, odd));
                new LifecycleRepository().restoreAll(connection, List.of(suspended, pending));
                new BalanceRepository().restoreAll(connection, List.of(largest, zero, roundTenThousand, powerOfTen));
                return null;
            });
            store.read(connection -> {
                assertThat(new WalletRepository().find(connection, plain.agentId())).contains(plain);
                assertThat(new WalletRepository().find(connection, odd.agentId())).contains(odd);
                assertThat(new LifecycleRepository().find(connection, odd.agentId())).contains(suspended);
                assertThat(new LifecycleRepository().find(connection, plain.agentId())).contains(pending);
                List<AgentBalance> balances = new ArrayList<>();
                new BalanceRepository().forEach(connection, null, balances::add);
                assertThat(balances).containsExactlyInAnyOrder(largest, zero, roundTenThousand, powerOfTen);
                return null;
            });
        }
    }

    /**
     * A full's load on PostgreSQL drops the tables' keys, indexes and foreign keys inside its transaction and builds
     * them after the rows are in; afterwards the store has exactly the definitions it had, and they hold.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aLoadWithDeferredIndexesLeavesEveryKeyIndexAndForeignKeyAsItWasAndEnforced(Kind kind) {
        Instant at = Instant.parse("2026-11-27T05:00:00Z");
        try (WalletStore store = WalletStore.open(TestStores.config(kind, temp))) {
            List<String> before = store.read(StoreSchema::indexesAndForeignKeys);
            store.write(connection -> {
                DeferredIndexes deferred = DeferredIndexes.drop(connection, TABLES);
                ArrayInsert.Load<AgentWallet> wallets = new WalletRepository().restoring(connection);
                for (int i = 0; i < 3; i++) {
                    wallets.add(new AgentWallet("agent-" + i, i, "0x" + "ab".repeat(20), "r" + i, at, at, null, i + 1));
                }
                wallets.finish();
                ArrayInsert.Load<WalletLifecycleRecord> lifecycles = new LifecycleRepository().restoring(connection);
                lifecycles.add(WalletLifecycleRecord.newlyCreated("agent-1", at));
                lifecycles.finish();
                deferred.recreate(connection);
                return null;
            });

            assertThat(store.read(StoreSchema::indexesAndForeignKeys)).isEqualTo(before).isNotEmpty();
            Optional<AgentWallet> loaded = store.read(connection -> new WalletRepository().find(connection, "agent-2"));
            assertThat(loaded).isPresent();
            assertThatThrownBy(() -> store.write(connection -> {
                new LifecycleRepository().restoreAll(connection, List.of(WalletLifecycleRecord.newlyCreated("nobody", at)));
                return null;
            })).as("the foreign key into the wallets").isNotNull();
            assertThatThrownBy(() -> store.write(connection -> {
                new WalletRepository().restoreAll(connection, List.of(
                        new AgentWallet("agent-x", 2, "0x" + "cd".repeat(20), "rx", at, at, null, 9)));
                return null;
            })).as("the unique derivation index").isNotNull();
        }
    }

    /** Rows that break a key fail the load when the keys are built, and the dropped definitions roll back too. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aLoadThatBreaksAKeyFailsAndRollsBackWithTheDefinitionsItDropped(Kind kind) {
        Instant at = Instant.parse("2026-11-27T05:00:00Z");
        AgentWallet first = new AgentWallet("agent-0", 0, "0x" + "ab".repeat(20), "r0", at, at, null, 1);
        AgentWallet twin = new AgentWallet("agent-0", 1, "0x" + "cd".repeat(20), "r1", at, at, null, 2);
        try (WalletStore store = WalletStore.open(TestStores.config(kind, temp))) {
            List<String> before = store.read(StoreSchema::indexesAndForeignKeys);
            assertThatThrownBy(() -> store.write(connection -> {
                DeferredIndexes deferred = DeferredIndexes.drop(connection, TABLES);
                ArrayInsert.Load<AgentWallet> wallets = new WalletRepository().restoring(connection);
                wallets.add(first);
                wallets.add(twin);
                wallets.finish();
                deferred.recreate(connection);
                return null;
            })).hasMessageContaining("duplicate");

            assertThat(store.read(StoreSchema::indexesAndForeignKeys)).isEqualTo(before);
            Optional<AgentWallet> loaded = store.read(connection -> new WalletRepository().find(connection, "agent-0"));
            assertThat(loaded).isEmpty();
        }
    }
}
