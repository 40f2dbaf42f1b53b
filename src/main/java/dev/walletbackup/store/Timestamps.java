package dev.walletbackup.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants into TIMESTAMP WITH TIME ZONE columns, always in UTC, the same on H2 and PostgreSQL; {@link Row} reads them. */
public final class Timestamps {
    private Timestamps() {
    }

    public static void set(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, toColumn(instant));
    }

    /** The value JDBC binds for {@code instant}. */
    static OffsetDateTime toColumn(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
