package dev.walletbackup.testing;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a store's bulk-loaded tables are made of beyond their rows, as JDBC sees it on H2 and PostgreSQL alike. */
public final class StoreSchema {
    private static final List<String> TABLES = List.of("agent_wallets", "wallet_lifecycle", "balance_snapshots");

    private StoreSchema() {
    }

    /** Every index (with its columns and uniqueness) and foreign key of the wallet, lifecycle and balance tables. */
    public static List<String> indexesAndForeignKeys(Connection connection) throws SQLException {
        List<String> objects = new ArrayList<>();
        DatabaseMetaData metadata = connection.getMetaData();
        for (String table : TABLES) {
            // PostgreSQL keeps the names as the migrations wrote them, H2 in upper case.
            for (String identifier : List.of(table, table.toUpperCase(Locale.ROOT))) {
                String schema = identifier.equals(table) ? "wallet" : "WALLET";
                try (ResultSet rows = metadata.getIndexInfo(null, schema, identifier, false, false)) {
                    while (rows.next()) {
                        if (rows.getString("INDEX_NAME") != null) {
                            objects.add(table + " index " + lower(rows, "INDEX_NAME") + " " + lower(rows, "COLUMN_NAME")
                                    + (rows.getBoolean("NON_UNIQUE") ? "" : " unique"));
                        }
                    }
                }
                try (ResultSet rows = metadata.getImportedKeys(null, schema, identifier)) {
                    while (rows.next()) {
                        objects.add(table + " foreign key " + lower(rows, "FK_NAME") + " " + lower(rows, "FKCOLUMN_NAME")
                                + " -> " + lower(rows, "PKTABLE_NAME"));
                    }
                }
            }
        }
        objects.sort(null);
        return objects;
    }

    private static String lower(ResultSet rows, String column) throws SQLException {
        return rows.getString(column).toLowerCase(Locale.ROOT);
    }
}
