package dev.walletbackup.store;

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
import org.postgresql.copy.CopyIn;

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
        this.copy = changeSeq == null ? null : "COPY " + table + " (" + bound + ") FROM STDIN WITH (FORMAT binary)";
    }

    /** Starts the statement for {@code table}; columns are added in order, {@code change_seq} comes last. */
    public static <T> Builder<T> into(String table) {
        return new Builder<>(table);
    }

    /** Inserts {@code rows} (COPY on PostgreSQL when the rows keep their change sequence, else array inserts). */
    public void insertAll(Connection connection, List<T> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        if (!copies(connection)) {
            insertArrays(connection, rows);
            return;
        }
        Load<T> load = new CopyLoad(connection);
        try {
            for (T row : rows) {
                load.add(row);
            }
            load.finish();
        } catch (SQLException | RuntimeException e) {
            load.abandon();
            throw e;
        }
    }

    /**
     * A load of many rows, added one at a time. On PostgreSQL, for rows that keep their change sequence, the rows
     * stream through one {@code COPY … FROM STDIN} that stays open until {@link Load#finish()}: the server stores
     * rows while the caller produces the next ones, instead of waiting for the server batch by batch. No other
     * statement may run on the connection until the load is finished or abandoned. Elsewhere the rows are gathered
     * and array-inserted a batch at a time.
     */
    public Load<T> load(Connection connection) throws SQLException {
        return copies(connection) ? new CopyLoad(connection) : new GatheredLoad(connection);
    }

    /** Rows added to one table; see {@link #load}. */
    public interface Load<T> {
        void add(T row) throws SQLException;

        /** Writes the rows still held and ends the statement. */
        void finish() throws SQLException;

        /** Ends the load without writing the rest, after a failure, so that the transaction can be rolled back. */
        void abandon();
    }

    private boolean copies(Connection connection) throws SQLException {
        return copy != null && connection.isWrapperFor(PGConnection.class);
    }

    private void insertArrays(Connection connection, List<T> rows) throws SQLException {
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

    /**
     * Rows in COPY's binary format (PostgreSQL manual, COPY, "Binary Format"), sent 64 KiB at a time: the server
     * takes integers, instants and numbers as they are stored instead of parsing their text, and nothing is escaped.
     * The column types declared in the {@link Builder} must be the table's exactly (an int4 is four bytes).
     */
    private final class CopyLoad implements Load<T> {
        private static final int SEND_AT = 1 << 16;
        private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
        private final CopyIn stream;
        private final BinaryRows rows = new BinaryRows(SEND_AT + 4096);

        CopyLoad(Connection connection) throws SQLException {
            this.stream = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
            rows.bytes(SIGNATURE);
            rows.int32(0); // flags: no OIDs
            rows.int32(0); // no header extension
        }

        @Override
        public void add(T row) throws SQLException {
            rows.int16(columns.size());
            for (Column<T> column : columns) {
                column.appendCopyBinary(rows, row);
            }
            if (rows.size() >= SEND_AT) {
                send();
            }
        }

        private void send() throws SQLException {
            stream.writeToCopy(rows.array(), 0, rows.size());
            rows.clear();
        }

        @Override
        public void finish() throws SQLException {
            rows.int16(-1); // the file trailer
            send();
            stream.endCopy();
        }

        @Override
        public void abandon() {
            if (stream.isActive()) {
                try {
                    stream.cancelCopy();
                } catch (SQLException ignored) {
                    // the connection is rolled back or discarded by the caller; the rows were not to be kept
                }
            }
        }
    }

    /** Rows gathered and array-inserted {@link #GATHERED} at a time: few enough to die young in the heap. */
    private final class GatheredLoad implements Load<T> {
        private static final int GATHERED = 2_000;
        private final Connection connection;
        private final List<T> rows = new ArrayList<>(GATHERED);

        GatheredLoad(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void add(T row) throws SQLException {
            rows.add(row);
            if (rows.size() >= GATHERED) {
                finish();
            }
        }

        @Override
        public void finish() throws SQLException {
            if (!rows.isEmpty()) {
                insertArrays(connection, rows);
                rows.clear();
            }
        }

        @Override
        public void abandon() {
            rows.clear();
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

        /** The value as a field of COPY's binary format: its length, then PostgreSQL's binary form of its type. */
        void appendCopyBinary(BinaryRows rows, T row) {
            Object field = value.apply(row);
            if (field == null) {
                rows.int32(-1);
                return;
            }
            switch (type) {
                case TEXT -> {
                    byte[] utf8 = ((String) field).getBytes(StandardCharsets.UTF_8);
                    rows.int32(utf8.length);
                    rows.bytes(utf8);
                }
                case INTEGER -> {
                    rows.int32(Integer.BYTES);
                    rows.int32((Integer) field);
                }
                case BIGINT -> {
                    rows.int32(Long.BYTES);
                    rows.int64((Long) field);
                }
                case TIMESTAMP -> {
                    rows.int32(Long.BYTES);
                    rows.int64(BinaryRows.postgresMicros(Timestamps.kept((Instant) field)));
                }
                case NUMERIC -> rows.numeric((BigInteger) field);
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
