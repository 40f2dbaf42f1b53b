package dev.walletbackup.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/**
 * Inserts many rows with one statement: each column is bound as one SQL array, and
 * {@code INSERT … SELECT … FROM UNNEST(…)} turns the arrays back into rows. H2 and PostgreSQL run the same statement,
 * several times faster than a JDBC batch of single-row inserts (one statement to parse, plan and send instead of
 * one per row). Every row draws its {@code change_seq} from the database-wide sequence, unless the insert was built
 * to keep the rows' own ({@link Builder#changeSeq}, a restore): such rows go to PostgreSQL through
 * {@code COPY … FROM STDIN}, its bulk loading path, which has no expressions to draw a sequence value with.
 *
 * @param <T> what one row is made from
 */
public final class ArrayInsert<T> {
    /** Rows per statement: H2 allows at most 65,536 elements in an array. */
    static final int MAX_ROWS = 10_000;

    private final List<Column<T>> columns;
    private final String sql;
    /** The COPY statement of an insert that keeps the rows' change sequence, or null. */
    private final String copy;

    private ArrayInsert(String table, List<Column<T>> columns, Function<T, Long> changeSeq) {
        List<Column<T>> all = new ArrayList<>(columns);
        if (changeSeq != null) {
            all.add(new Column<>("change_seq", Type.BIGINT, changeSeq));
        }
        this.columns = List.copyOf(all);
        String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        String bound = all.stream().map(Column::name).collect(Collectors.joining(", "));
        this.sql = "INSERT INTO " + table + " (" + names + ", change_seq) SELECT " + names + ", "
                + (changeSeq == null ? WalletStore.NEXT_CHANGE_SEQ : "change_seq") + " FROM UNNEST("
                + all.stream().map(column -> "CAST(? AS " + column.type().sqlType + " ARRAY)")
                        .collect(Collectors.joining(", "))
                + ") AS r(" + bound + ")";
        this.copy = changeSeq == null ? null : "COPY " + table + " (" + bound + ") FROM STDIN";
    }

    /** Starts the statement for {@code table}; columns are added in order, {@code change_seq} comes last. */
    public static <T> Builder<T> into(String table) {
        return new Builder<>(table);
    }

    public void insertAll(Connection connection, List<T> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        if (copy != null && connection.isWrapperFor(PGConnection.class)) {
            copyIn(connection, rows);
            return;
        }
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

    /** The rows in COPY's text format: a line per row, tab-separated, {@code \N} for null. */
    private void copyIn(Connection connection, List<T> rows) throws SQLException {
        StringBuilder text = new StringBuilder(rows.size() * 160);
        for (T row : rows) {
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    text.append('\t');
                }
                columns.get(i).appendCopyText(text, row);
            }
            text.append('\n');
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(copy, new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new SQLException("COPY into the store failed: " + e.getMessage(), e);
        }
    }

    /** The SQL types a column can have, as an array element type for the cast and for the driver. */
    private enum Type {
        TEXT("VARCHAR", "varchar"),
        INTEGER("INTEGER", "int4"),
        BIGINT("BIGINT", "bigint"),
        NUMERIC("NUMERIC", "numeric"),
        TIMESTAMP("TIMESTAMP WITH TIME ZONE", "timestamptz");

        private final String sqlType;
        private final String driverType;

        Type(String sqlType, String driverType) {
            this.sqlType = sqlType;
            this.driverType = driverType;
        }

        private Object bindable(Object value) {
            if (value == null) {
                return null;
            }
            return switch (this) {
                case TIMESTAMP -> Timestamps.toColumn((Instant) value);
                case NUMERIC -> new BigDecimal((BigInteger) value);
                default -> value;
            };
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

        /** The value in COPY's text format; an instant in ISO-8601 UTC, which PostgreSQL reads exactly. */
        void appendCopyText(StringBuilder text, T row) {
            Object field = value.apply(row);
            if (field == null) {
                text.append("\\N");
            } else if (type == Type.TEXT) {
                escape(text, (String) field);
            } else {
                text.append(field);
            }
        }

        private static void escape(StringBuilder text, String field) {
            for (int i = 0; i < field.length(); i++) {
                char c = field.charAt(i);
                switch (c) {
                    case '\\' -> text.append("\\\\");
                    case '\t' -> text.append("\\t");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    default -> text.append(c);
                }
            }
        }
    }

    /** Collects the columns of an {@link ArrayInsert}. */
    public static final class Builder<T> {
        private final String table;
        private final List<Column<T>> columns = new ArrayList<>();
        private Function<T, Long> changeSeq;

        private Builder(String table) {
            this.table = table;
        }

        public Builder<T> text(String name, Function<T, String> value) {
            return column(name, Type.TEXT, value);
        }

        public Builder<T> integer(String name, Function<T, Integer> value) {
            return column(name, Type.INTEGER, value);
        }

        public Builder<T> bigint(String name, Function<T, Long> value) {
            return column(name, Type.BIGINT, value);
        }

        public Builder<T> numeric(String name, Function<T, BigInteger> value) {
            return column(name, Type.NUMERIC, value);
        }

        public Builder<T> timestamp(String name, Function<T, Instant> value) {
            return column(name, Type.TIMESTAMP, value);
        }

        /** Rows keep the change sequence {@code value} gives (a restore) instead of drawing the next one. */
        public Builder<T> changeSeq(Function<T, Long> value) {
            this.changeSeq = value;
            return this;
        }

        private Builder<T> column(String name, Type type, Function<T, ?> value) {
            columns.add(new Column<>(name, type, value));
            return this;
        }

        public ArrayInsert<T> build() {
            return new ArrayInsert<>(table, columns, changeSeq);
        }
    }
}
