package dev.walletbackup.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The binary COPY shapes that are not plain integers; BulkRestoreLoadTest proves PostgreSQL reads them back. */
class BinaryRowsTest {

    @Test
    void anInstantIsMicrosecondsSincePostgresEpochRoundedHalfToEvenLikeItsTextInput() {
        assertThat(BinaryRows.postgresMicros(Instant.parse("2000-01-01T00:00:00Z"))).isZero();
        assertThat(BinaryRows.postgresMicros(Instant.parse("1999-12-31T23:59:59.999999Z"))).isEqualTo(-1);
        assertThat(BinaryRows.postgresMicros(Instant.parse("2000-01-01T00:00:01.000002Z"))).isEqualTo(1_000_002);
        assertThat(BinaryRows.postgresMicros(Instant.parse("2000-01-01T00:00:00.000002500Z"))).isEqualTo(2);
        assertThat(BinaryRows.postgresMicros(Instant.parse("2000-01-01T00:00:00.000003500Z"))).isEqualTo(4);
        assertThat(BinaryRows.postgresMicros(Instant.parse("2000-01-01T00:00:00.000003501Z"))).isEqualTo(4);
    }

    @Test
    void aNumericIsBase10000DigitsMostSignificantFirst() {
        // length 12: digits 2, weight 1, positive, scale 0, then 1 and 2345 for 12345
        assertThat(numeric(BigInteger.valueOf(12_345))).isEqualTo("0000000c" + "0002" + "0001" + "0000" + "0000"
                + "0001" + "0929");
        assertThat(numeric(BigInteger.ZERO)).isEqualTo("00000008" + "0000" + "0000" + "0000" + "0000");
        assertThat(numeric(BigInteger.valueOf(-10_000))).isEqualTo("0000000c" + "0002" + "0001" + "4000" + "0000"
                + "0001" + "0000");
    }

    private static String numeric(BigInteger value) {
        BinaryRows rows = new BinaryRows(4);
        rows.numeric(value);
        return HexFormat.of().formatHex(Arrays.copyOf(rows.array(), rows.size()));
    }
}
