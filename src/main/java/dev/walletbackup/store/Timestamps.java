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
     * The value JDBC binds for {@code instant}: {@link #kept}, in UTC.
     */
    static OffsetDateTime toColumn(Instant instant) {
        return instant == null ? null : kept(instant).atOffset(ZoneOffset.UTC);
    }

    /**
     * The instant as the store keeps it: cut to the milliseconds a backup holds (docs/backup-format.md), so that a
     * restore brings back exactly the value stored. Kept to the microseconds both databases could hold, a restore cut
     * them (an operator compared a restored store with the original, column by column). Left to the databases, a
     * clock's nanoseconds would be rounded, which can carry into the next millisecond, and the stored row would then
     * differ from the record the store's state digest was given (section 6.1).
     */
    static Instant kept(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
