package dev.walletbackup.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One row of a query, whether it came from a JDBC {@link ResultSet} (repositories) or as a map from camel-sql
 * (the backup routes), so that each domain type is read from a row by one piece of code. It also irons out what
 * the drivers differ on: H2 returns TIMESTAMP WITH TIME ZONE as OffsetDateTime, PostgreSQL as Timestamp.
 */
public interface Row {
    Object get(String column);

    /** The current row of {@code rows}, as the cursor moves: make one per result set, not per row. */
    static Row of(ResultSet rows) {
        return new ResultSetRow(rows);
    }

    static Row of(Map<String, Object> map) {
        return column -> {
            if (!map.containsKey(column)) {
                throw new StoreException("row has no column " + column);
            }
            return map.get(column);
        };
    }

    default String string(String column) {
        Object value = get(column);
        return value == null ? null : value.toString();
    }

    default long longValue(String column) {
        return ((Number) get(column)).longValue();
    }

    default boolean booleanValue(String column) {
        return (Boolean) get(column);
    }

    default int intValue(String column) {
        return Math.toIntExact(longValue(column));
    }

    default Long nullableLong(String column) {
        Object value = get(column);
        return value == null ? null : ((Number) value).longValue();
    }

    default BigInteger exactInteger(String column) {
        Object value = get(column);
        return value instanceof BigDecimal decimal ? decimal.toBigIntegerExact() : new BigInteger(value.toString());
    }

    default byte[] bytes(String column) {
        return (byte[]) get(column);
    }

    default Instant instant(String column) {
        Object value = get(column);
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        throw new StoreException("column " + column + " is not a timestamp: " + value.getClass().getName());
    }
}
