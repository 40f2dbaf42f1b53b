package dev.walletbackup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.CliRunner.Result;
import dev.walletbackup.testing.TestStores;
import dev.walletbackup.testing.TestStores.Kind;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A database that refuses something says what was wrong — a duplicate, a value too long, a store that cannot be
 * reached — on both databases, and never the SQL statement (H2 puts the whole statement in its messages).
 */
class StoreFailuresTest {
    static final String TOMBSTONE = "INSERT INTO wallet.tombstones (change_seq, table_name, row_key, deleted_at) "
            + "VALUES (?, ?, 'k', CURRENT_TIMESTAMP)";

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRefusedWriteSaysWhatWasWrongWithoutTheStatementAndWritesNothing(Kind kind) {
        try (WalletStore store = WalletStore.open(TestStores.config(kind, temp.resolve("data")))) {
            StoreException tooLong = catchThrowableOfType(() -> insertTombstone(store, 1, "t".repeat(65)),
                    StoreException.class);
            assertThat(tooLong).hasMessage("wallet store: a value is too long for its column").hasCauseInstanceOf(
                    java.sql.SQLException.class);

            insertTombstone(store, 2, "wallet_lifecycle");
            StoreException duplicate = catchThrowableOfType(() -> insertTombstone(store, 2, "wallet_lifecycle"),
                    StoreException.class);
            assertThat(duplicate.getMessage()).isEqualTo("wallet store: a row with the same key already exists (duplicate)");

            long tombstones = store.read(connection -> {
                try (var rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM wallet.tombstones")) {
                    rows.next();
                    return rows.getLong(1);
                }
            });
            assertThat(tombstones).isEqualTo(1);
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedIsSaidSoOnTheCommandLine() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Result result = new CliRunner(Map.of("WALLET_DATA_DIR", temp.resolve("data").toString(),
                "WALLET_DB_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/wallets",
                "WALLET_DB_USER", "wallet", "WALLET_DB_PASSWORD", "Db-Secret-Password-1")).run("wallets", "list");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("wallet-backup wallets list: error: wallet store: the store cannot be reached "
                + "(check WALLET_DB_URL and that the database server is up)" + System.lineSeparator());
    }

    private static void insertTombstone(WalletStore store, long changeSeq, String table) {
        store.write(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(TOMBSTONE)) {
                insert.setLong(1, changeSeq);
                insert.setString(2, table);
                return insert.executeUpdate();
            }
        });
    }

    @Test
    void aLostEmbeddedServerSaysSoAndToRunTheCommandAgain() {
        for (String state : List.of("90121", "90067")) {
            assertThat(StoreFailures.describe(new SQLException("Database is already closed", state)))
                    .contains("connection to the embedded store was lost").contains("run it again");
        }
    }
}
