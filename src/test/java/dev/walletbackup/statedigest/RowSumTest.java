package dev.walletbackup.statedigest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walletbackup.crypto.Sha256;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The store's row sum (docs/backup-format.md, section 6.2): its definition, its algebra, its serialisation. */
class RowSumTest {
    private static final byte[] ROW = "agent-1\tevm\tETH\t5\t18\t\\N\t0".getBytes(StandardCharsets.UTF_8);

    @Test
    void oneRowsSumIsTheLanesOfTheSha256OfItsSectionTheSeparatorAndItsText() {
        byte[] expected = Sha256.of(("balance\u001f" + new String(ROW, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));

        assertThat(RowSum.empty().add("balance", ROW, 0, ROW.length).toBytes()).isEqualTo(expected);
    }

    @Test
    void lanesAddModulo2To64WithoutCarryingIntoTheNext() {
        byte[] allOnes = new byte[RowSum.BYTES];
        java.util.Arrays.fill(allOnes, (byte) 0xff);
        byte[] one = ByteBuffer.allocate(RowSum.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1).array();

        byte[] sum = RowSum.fromBytes(allOnes).add(RowSum.fromBytes(one)).toBytes();

        assertThat(ByteBuffer.wrap(sum).order(ByteOrder.LITTLE_ENDIAN).getLong(0)).isZero();
        assertThat(ByteBuffer.wrap(sum).order(ByteOrder.LITTLE_ENDIAN).getLong(8)).isEqualTo(-1L);
    }

    @Test
    void addingAndRemovingCommuteAndRemovingWhatWasAddedLeavesTheEmptySum() {
        byte[] other = "agent-2\txrp\tXRP\t7\t6\t12\t0".getBytes(StandardCharsets.UTF_8);
        RowSum forward = RowSum.empty().add("balance", ROW, 0, ROW.length).add("balance", other, 0, other.length);
        RowSum backward = RowSum.empty().add("balance", other, 0, other.length).add("balance", ROW, 0, ROW.length);

        assertThat(forward).isEqualTo(backward);
        assertThat(forward.copy().remove("balance", ROW, 0, ROW.length).remove("balance", other, 0, other.length))
                .isEqualTo(RowSum.empty());
        assertThat(forward.copy().subtract(backward)).isEqualTo(RowSum.empty());
        assertThat(RowSum.empty().add("wallet", ROW, 0, ROW.length))
                .isNotEqualTo(RowSum.empty().add("balance", ROW, 0, ROW.length));
    }

    @Test
    void aSumRoundTripsItsBytesAndAStoreWithoutOneReadsAsTheEmptySum() {
        RowSum sum = RowSum.empty().add("wallet", ROW, 3, ROW.length);

        assertThat(RowSum.fromBytes(sum.toBytes())).isEqualTo(sum);
        assertThat(RowSum.fromBytes(null)).isEqualTo(RowSum.empty());
        assertThatThrownBy(() -> RowSum.fromBytes(new byte[31])).hasMessageContaining("32 bytes");
    }
}
