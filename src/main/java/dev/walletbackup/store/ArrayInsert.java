package dev.walletbackup.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Inserts many rows with one statement: each column is bound as one SQL array, and
 * {@code INSERT … SELECT … FROM UNNEST(…)} turns the arrays back into rows. H2 and PostgreSQL run the same statement,
 * several times faster than a JDBC batch of single-row inserts (one statement to parse, plan and send instead of
 * one per row). Every row draws its {@code change_seq} from the database-wide sequence.
 *
 * @param <T> what one row is made from
 */
public final class ArrayInsert<T> {
    /** Rows per statement: H2 allows at most 65,536 elements in an array. */
    static final int MAX_ROWS = 10_000;

    private final List<Column<T>> columns;
    private final String sql;

    private ArrayInsert(String table, List<Column<T>> columns) {
        this.columns = List.copyOf(columns);
        String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        this.sql = "INSERT INTO " + table + " (" + names + ", change_seq) SELECT " + names + ", "
                + WalletStore.NEXT_CHANGE_SEQ + " FROM UNNEST("
                + columns.stream().map(column -> "CAST(? AS " + column.type().sqlType + " ARRAY)")
                        .collect(Collectors.joining(", "))
                + ") AS r(" + names + ")";
    }

    /** Starts the statement for {@code table}; columns are added in order, {@code change_seq} comes last. */
    public static <T> Builder<T> into(String table) {
        return new Builder<>(table);
    }

    public void insertAll(Connection connection, List<T> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int from = 0; from < rows.size(); from += MAX_ROWS) {
                List<T> chunk = rows.subList(from, Math.min(rows.size(), from + MAX_ROWS));
                List<Array> arrays = new ArrayList<>(columns.size());
                try {
                    for (Column<T> column : columns) {
                        Array array = column.array(connection, chunk);
                        arrays.add(array);
                        insert.setArray(arrays.size(), array);
                    }
                    insert.executeUpdate();
                } finally {
                    for (Array array : arrays) {
                        array.free();
                    }
                }
            }
        }
    }

    /** The SQL types a column can have, as an array element type for the cast and for the driver. */
    private enum Type {
        TEXT("VARCHAR", "varchar"),
        BIGINT("BIGINT", "bigint"),
        TIMESTAMP("TIMESTAMP WITH TIME ZONE", "timestamptz");

        private final String sqlType;
        private final String driverType;

        Type(String sqlType, String driverType) {
            this.sqlType = sqlType;
            this.driverType = driverType;
        }

        private Object bindable(Object value) {
            return this == TIMESTAMP ? Timestamps.toColumn((Instant) value) : value;
        }
    }

    private record Column<T>(String name, Type type, Function<T, ?> value) {
        Array array(Connection connection, List<T> rows) throws SQLException {
            Object[] values = new Object[rows.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = type.bindable(value.apply(rows.get(i)));
            }
            return connection.createArrayOf(type.driverType, values);
        }
    }

    /** Collects the columns of an {@link ArrayInsert}. */
    public static final class Builder<T> {
        private final String table;
        private final List<Column<T>> columns = new ArrayList<>();

        private Builder(String table) {
            this.table = table;
        }

        public Builder<T> text(String name, Function<T, String> value) {
            return column(name, Type.TEXT, value);
        }

        public Builder<T> bigint(String name, Function<T, Long> value) {
            return column(name, Type.BIGINT, value);
        }

        public Builder<T> timestamp(String name, Function<T, Instant> value) {
            return column(name, Type.TIMESTAMP, value);
        }

        private Builder<T> column(String name, Type type, Function<T, ?> value) {
            columns.add(new Column<>(name, type, value));
            return this;
        }

        public ArrayInsert<T> build() {
            return new ArrayInsert<>(table, columns);
        }
    }
}
