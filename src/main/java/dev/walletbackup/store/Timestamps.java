package dev.walletbackup.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Instants into TIMESTAMP WITH TIME ZONE columns, always in UTC, the same on H2 and PostgreSQL; {@link Row} reads them. */
public final class Timestamps {
    private Timestamps() {
    }

    public static void set(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, toColumn(instant));
    }

    /**
     * The value JDBC binds for {@code instant}: cut to the microseconds both databases keep. Left to them, a clock's
     * nanoseconds would be rounded, which can carry into the next millisecond, and the stored row would then differ
     * from the record the store's state digest was given (docs/backup-format.md, section 6.1).
     */
    static OffsetDateTime toColumn(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
