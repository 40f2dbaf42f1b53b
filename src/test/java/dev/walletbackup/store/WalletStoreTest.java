package dev.walletbackup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walletbackup.app.WalletServices;
import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.balance.Chain;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.crypto.WrongPasswordException;
import dev.walletbackup.derivation.MasterSeed;
import dev.walletbackup.lifecycle.LifecycleState;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.seed.MasterSeedService.SeedStateException;
import dev.walletbackup.seed.Mnemonic;
import dev.walletbackup.seed.SeedEnvelope;
import dev.walletbackup.testing.TestStores.Kind;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.wallet.AgentWallet;
import dev.walletbackup.wallet.WalletOverview;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The wallet state store, the same cases on embedded H2 and on a real PostgreSQL. */
class WalletStoreTest {
    static final String HARDHAT = "test test test test test test test test test test test junk";
    static final String PASSWORD = "Store-Test-Pass-42!";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    private WalletServices open(Kind kind) {
        return WalletServices.open(TestStores.config(kind, dataDir), CLOCK);
    }

    private static Password password() {
        return Password.adopt(PASSWORD.toCharArray());
    }

    private static void importHardhat(WalletServices services) {
        services.seeds().importMnemonic(Mnemonic.parse(HARDHAT), "", password());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void importedSeedDerivesTheReferenceAddressesOfAccountOne(Kind kind) {
        try (WalletServices services = open(kind)) {
            importHardhat(services);
            services.wallets().createMany(8, "agent-");
            List<WalletOverview> listed = new ArrayList<>();
            services.wallets().forEachOverview(listed::add);
            assertThat(listed).hasSize(8);
            assertThat(listed.get(0).wallet().evmAddress()).isEqualTo("0x8C8d35429F74ec245F8Ef2f4Fd1e551cFF97d650");
            assertThat(listed.get(0).wallet().xrpAddress()).isEqualTo("rGc3QNr6jxACQJoCZo7PV7tur6GVGCtXXZ");
            assertThat(listed.get(7).wallet().evmAddress()).isEqualTo("0x931D948F347c2EB3a863b8AdF53d12b536960C44");
            assertThat(listed.get(7).wallet().xrpAddress()).isEqualTo("rfNEzpggEp71dKw2XWBMmVMX6SaBdMkskj");
            assertThat(listed).allMatch(row -> row.state() == LifecycleState.PENDING);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void storedEnvelopeOpensOnItsOwnWithOnlyThePassword(Kind kind) {
        byte[] envelope;
        String fingerprint;
        try (WalletServices services = open(kind)) {
            importHardhat(services);
            MasterSeedRecord stored = services.seeds().require();
            envelope = stored.envelope();
            fingerprint = stored.fingerprint();
            assertThatThrownBy(() -> services.seeds().unlock(Password.adopt("Wrong-Pass-Word-42!".toCharArray())))
                    .isInstanceOf(WrongPasswordException.class);
        }
        try (MasterSeed seed = SeedEnvelope.open(envelope, password());
             MasterSeed expected = Mnemonic.parse(HARDHAT).toSeed("")) {
            assertThat(seed.<byte[]>withBytes(byte[]::clone)).isEqualTo(expected.<byte[]>withBytes(byte[]::clone));
        }
        assertThat(fingerprint).matches("[0-9a-f]{8}");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSeedIsNeverReplaced(Kind kind) {
        try (WalletServices services = open(kind)) {
            importHardhat(services);
            assertThatThrownBy(() -> services.seeds().initialize(12, password()))
                    .isInstanceOf(SeedStateException.class).hasMessageContaining("never replaced");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void walletsNeedASeed(Kind kind) {
        try (WalletServices services = open(kind)) {
            assertThatThrownBy(() -> services.wallets().create("a1", null))
                    .isInstanceOf(SeedStateException.class).hasMessageContaining("seed init");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void singleWalletsTakeTheNextIndexAndKeepTheirMetadata(Kind kind) {
        try (WalletServices services = open(kind)) {
            importHardhat(services);
            services.wallets().createMany(2, "bulk-");
            AgentWallet wallet = services.wallets().create("solo", "{\"team\": \"payments\", \"tier\": 2}");
            assertThat(wallet.derivationIndex()).isEqualTo(2);
            assertThat(wallet.evmAddress()).isEqualTo("0x2b382887D362cCae885a421C978c7e998D3c95a6");
            assertThat(wallet.metadata()).isEqualTo("{\"team\":\"payments\",\"tier\":2}");
            assertThat(wallet.createdAt()).isEqualTo(CLOCK.instant());
            assertThatThrownBy(() -> services.wallets().create("solo", null)).hasMessageContaining("already has a wallet");
            assertThatThrownBy(() -> services.wallets().create("x", "[1,2]")).hasMessageContaining("JSON object");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aBulkCreationThatCollidesLeavesNothingBehind(Kind kind) {
        try (WalletServices services = open(kind)) {
            importHardhat(services);
            services.wallets().create("agent-3", null);
            assertThatThrownBy(() -> services.wallets().createMany(5000, "agent-"))
                    .hasMessageContaining("already has a wallet").hasMessageContaining("nothing was created");
            List<WalletOverview> listed = new ArrayList<>();
            services.wallets().forEachOverview(listed::add);
            assertThat(listed).extracting(row -> row.wallet().agentId()).containsExactly("agent-3");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void onlyH2CachesChangeSequenceValuesPostgresqlDrawsThemOneByOne(Kind kind) {
        try (WalletServices services = open(kind)) {
            long cache = services.store().read(connection -> {
                try (PreparedStatement query = connection.prepareStatement(kind == Kind.H2
                        ? "SELECT cache FROM information_schema.sequences WHERE sequence_name = 'change_seq'"
                        : "SELECT cache_size FROM pg_sequences WHERE sequencename = 'change_seq'");
                     ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            });
            assertThat(cache).isEqualTo(kind == Kind.H2 ? 4096 : 1);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyInsertAndUpdateDrawsAHigherChangeSequence(Kind kind) {
        try (WalletServices services = open(kind)) {
            importHardhat(services);
            long seedSeq = services.seeds().require().changeSeq();
            AgentWallet wallet = services.wallets().create("a1", null);
            WalletLifecycleRecord created = services.lifecycles().require("a1");
            WalletLifecycleRecord activated = services.lifecycles().moveTo("a1", LifecycleState.ACTIVE, null);
            AgentBalance first = services.balances().record("a1", Chain.EVM, "ETH", BigInteger.ONE, 18, 5L);
            AgentBalance second = services.balances().record("a1", Chain.EVM, "ETH", BigInteger.TWO, 18, 6L);
            assertThat(List.of(seedSeq, wallet.changeSeq(), created.changeSeq(), activated.changeSeq(),
                    first.changeSeq(), second.changeSeq())).isSorted().doesNotHaveDuplicates();
            assertThat(services.balances().list("a1")).singleElement()
                    .satisfies(balance -> assertThat(balance.balance()).isEqualTo(BigInteger.TWO));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void removingABalanceLeavesATombstoneWithItsOwnChangeSequence(Kind kind) throws Exception {
        try (WalletServices services = open(kind)) {
            importHardhat(services);
            services.wallets().create("a1", null);
            AgentBalance recorded = services.balances().record("a1", Chain.XRP, "XRP", BigInteger.TEN, 6, 90L);
            assertThat(services.balances().remove("a1", Chain.XRP, "XRP")).isTrue();
            assertThat(services.balances().remove("a1", Chain.XRP, "XRP")).isFalse();
            assertThat(services.balances().list("a1")).isEmpty();
            try (Connection connection = services.store().dataSource().getConnection();
                 PreparedStatement query = connection.prepareStatement(
                         "SELECT change_seq, table_name, row_key FROM wallet.tombstones");
                 ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong("change_seq")).isGreaterThan(recorded.changeSeq());
                assertThat(rows.getString("table_name")).isEqualTo("balance_snapshots");
                assertThat(rows.getString("row_key")).isEqualTo("{\"agentId\":\"a1\",\"chain\":\"xrp\",\"token\":\"XRP\"}");
                assertThat(rows.next()).isFalse();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void balancesKeepAllSeventyEightDigitsExactly(Kind kind) {
        BigInteger huge = new BigInteger("9".repeat(78));
        try (WalletServices services = open(kind)) {
            importHardhat(services);
            services.wallets().create("whale", null);
            services.balances().record("whale", Chain.EVM, "0xdAC17F958D2ee523a2206206994597C13D831ec7", huge, 6, null);
            assertThat(services.balances().list("whale")).singleElement().satisfies(balance -> {
                assertThat(balance.balance()).isEqualTo(huge);
                assertThat(balance.blockNumber()).isNull();
            });
            assertThatThrownBy(() -> services.balances().record("whale", Chain.EVM, "ETH", huge.add(BigInteger.ONE), 18, null))
                    .hasMessageContaining("at most 78 digits");
            assertThatThrownBy(() -> services.balances().record("ghost", Chain.EVM, "ETH", BigInteger.ONE, 18, null))
                    .hasMessageContaining("no wallet for agent ghost");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void lifecycleMovesPersistWithTheirTimesAndIllegalOnesChangeNothing(Kind kind) {
        try (WalletServices services = open(kind)) {
            importHardhat(services);
            services.wallets().create("a1", null);
            services.lifecycles().moveTo("a1", LifecycleState.ACTIVE, null);
            services.lifecycles().moveTo("a1", LifecycleState.SUSPENDED, "chargeback");
            WalletLifecycleRecord before = services.lifecycles().require("a1");
            assertThatThrownBy(() -> services.lifecycles().moveTo("a1", LifecycleState.PENDING, null))
                    .hasMessageContaining("cannot move from suspended to pending");
            WalletLifecycleRecord after = services.lifecycles().require("a1");
            assertThat(after).isEqualTo(before);
            assertThat(after.suspensionReason()).isEqualTo("chargeback");
            assertThat(after.activatedAt()).isEqualTo(CLOCK.instant());
            assertThat(after.suspendedAt()).isEqualTo(CLOCK.instant());
        }
    }
}
