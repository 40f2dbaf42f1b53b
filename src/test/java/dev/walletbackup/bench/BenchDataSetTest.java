package dev.walletbackup.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.app.WalletServices;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.seed.Mnemonic;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The bench's data set, on embedded H2 and on PostgreSQL. */
class BenchDataSetTest {
    private static final int WALLETS = 300;

    @TempDir
    Path dataDir;

    /**
     * After the activation every lifecycle row has a dead version on PostgreSQL; a settled data set has none left for
     * autovacuum to clean inside a timed phase, its statistics are taken, and what they left dirty is written out.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSettledDataSetLeavesNoDeadRowsAndFreshStatisticsOnPostgreSQL(Kind kind) {
        try (WalletServices services = WalletServices.open(TestStores.config(kind, dataDir), Clock.systemUTC())) {
            services.seeds().importMnemonic(Mnemonic.parse("test test test test test test test test test test test "
                    + "junk"), "", Password.adopt("Bench-Data-Set-Test-3!".toCharArray()));
            services.wallets().createMany(WALLETS, "agent-");
            BenchDataSet dataSet = new BenchDataSet(services.store());
            assertThat(dataSet.activateWithBalances(Clock.systemUTC().instant())).isEqualTo(2L * WALLETS);

            long checkpointsBefore = kind == Kind.H2 ? 0 : checkpointsRequested(services);

            List<String> settled = dataSet.settle();

            if (kind == Kind.H2) {
                assertThat(settled).isEmpty();
                return;
            }
            assertThat(settled).contains("agent_wallets", "wallet_lifecycle", "balance_snapshots");
            List<String> unsettled = services.store().read(connection -> {
                try (PreparedStatement query = connection.prepareStatement("SELECT relname FROM pg_stat_user_tables "
                        + "WHERE schemaname = 'wallet' AND (n_dead_tup > 0 OR last_vacuum IS NULL "
                        + "OR last_analyze IS NULL)");
                     ResultSet rows = query.executeQuery()) {
                    List<String> tables = new ArrayList<>();
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                    return tables;
                }
            });
            assertThat(unsettled).isEmpty();
            assertThat(checkpointsRequested(services)).isGreaterThan(checkpointsBefore);
        }
    }

    private static long checkpointsRequested(WalletServices services) {
        return services.store().read(connection -> {
            // PostgreSQL 17 moved the checkpointer's counts out of pg_stat_bgwriter
            String count = connection.getMetaData().getDatabaseMajorVersion() >= 17
                    ? "SELECT num_requested FROM pg_stat_checkpointer" : "SELECT checkpoints_req FROM pg_stat_bgwriter";
            try (PreparedStatement query = connection.prepareStatement(count);
                 ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
