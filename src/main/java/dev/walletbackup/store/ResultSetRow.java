package dev.walletbackup.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link Row} over the current row of a JDBC result set. Each column's position is looked up once (the drivers'
 * lookup by name upper- or lower-cases the name on every call), and timestamps are asked for as
 * {@link OffsetDateTime}, which both drivers build straight from the value: PostgreSQL's plain {@code getObject}
 * goes through a {@code java.sql.Timestamp} and a {@code GregorianCalendar}, a restore's read-back does it millions
 * of times.
 */
final class ResultSetRow implements Row {
    private final ResultSet rows;
    private final Map<String, Integer> positions = new HashMap<>();

    ResultSetRow(ResultSet rows) {
        this.rows = rows;
    }

    @Override
    public Object get(String column) {
        try {
            return rows.getObject(position(column));
        } catch (SQLException e) {
            throw StoreFailures.translate("cannot read column " + column, e);
        }
    }

    @Override
    public Instant instant(String column) {
        try {
            OffsetDateTime value = rows.getObject(position(column), OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        } catch (SQLException e) {
            throw StoreFailures.translate("cannot read timestamp column " + column, e);
        }
    }

    private int position(String column) throws SQLException {
        Integer position = positions.get(column);
        if (position == null) {
            position = rows.findColumn(column);
            positions.put(column, position);
        }
        return position;
    }
}
