package dev.walletbackup.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/**
 * A bulk load into emptied tables the way pg_restore does it, inside the load's own transaction: on PostgreSQL the
 * tables' foreign keys, primary keys, unique constraints and other indexes are dropped before the rows go in and
 * re-created afterwards from their own catalog definitions, so that each index is built by one sort and each foreign
 * key checked by one join instead of row by row (per-row checks also lock every referenced row). DDL is
 * transactional there: a load that fails rolls the dropped definitions back with the rows, and the re-created
 * constraints check every loaded row as the originals would have. The tables are locked against readers too until
 * the load's transaction ends (they would only have seen the state being replaced). Nothing is deferred on H2, which
 * commits around DDL, nor when the store's user does not own the tables.
 */
public final class DeferredIndexes {
    private static final DeferredIndexes NONE = new DeferredIndexes(List.of());

    /** The statements that put every dropped definition back, in order: keys, then indexes, then foreign keys. */
    private final List<String> recreate;

    private DeferredIndexes(List<String> recreate) {
        this.recreate = recreate;
    }

    /** Drops the constraints and indexes of {@code tables} (schema-qualified names) and of foreign keys into them. */
    public static DeferredIndexes drop(Connection connection, List<String> tables) throws SQLException {
        if (!connection.isWrapperFor(PGConnection.class) || !ownsAll(connection, tables)) {
            return NONE;
        }
        // All the tables at once and first, in the order a backup's snapshot reads them (wallets first): the DDL
        // below would otherwise lock them one by one and could deadlock with a backup that read one already.
        execute(connection, List.of("LOCK TABLE " + String.join(", ", tables) + " IN ACCESS EXCLUSIVE MODE"));
        String oids = tables.stream().map(table -> "'" + table + "'::regclass").collect(Collectors.joining(", "));
        List<String> drops = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        List<String> foreignKeys = new ArrayList<>();
        try (Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery("SELECT c.conrelid::regclass::text AS owner, quote_ident(c.conname) "
                     + "AS name, c.contype AS kind, pg_get_constraintdef(c.oid) AS definition FROM pg_constraint c "
                     + "WHERE c.contype IN ('p', 'u', 'f') AND (c.conrelid IN (" + oids + ") OR c.confrelid IN ("
                     + oids + ")) ORDER BY c.contype = 'f' DESC, c.conname")) {
            while (rows.next()) {
                String table = rows.getString("owner");
                String name = rows.getString("name");
                // Foreign keys come first (the ORDER BY), so that no key is dropped while a foreign key needs it.
                drops.add("ALTER TABLE " + table + " DROP CONSTRAINT " + name);
                String add = "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + rows.getString("definition");
                (rows.getString("kind").equals("f") ? foreignKeys : keys).add(add);
            }
        }
        try (Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery("SELECT i.indexrelid::regclass::text AS name, "
                     + "pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i WHERE i.indrelid IN (" + oids
                     + ") AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid "
                     + "AND c.contype IN ('p', 'u', 'x')) ORDER BY 1")) {
            while (rows.next()) {
                drops.add("DROP INDEX " + rows.getString("name"));
                indexes.add(rows.getString("definition"));
            }
        }
        execute(connection, drops);
        List<String> recreate = new ArrayList<>(keys);
        recreate.addAll(indexes);
        recreate.addAll(foreignKeys);
        return new DeferredIndexes(List.copyOf(recreate));
    }

    /** Re-creates what {@link #drop} dropped, checking every row loaded since. */
    public void recreate(Connection connection) throws SQLException {
        execute(connection, recreate);
    }

    private static boolean ownsAll(Connection connection, List<String> tables) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT pg_has_role(current_user, c.relowner, "
                + "'USAGE') FROM pg_class c WHERE c.oid = CAST(? AS regclass)")) {
            for (String table : tables) {
                query.setString(1, table);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next() || !rows.getBoolean(1)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static void execute(Connection connection, List<String> statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
