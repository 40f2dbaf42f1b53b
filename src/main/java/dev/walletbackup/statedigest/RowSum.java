package dev.walletbackup.statedigest;

import dev.walletbackup.crypto.Sha256;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The store's check that its rows are still the state its LtHash describes (docs/backup-format.md, section 6.2): the
 * sum, lane by lane modulo 2^64, of the SHA-256 of each row as text — {@code SECTION 0x1F ROW}, the row as a COPY
 * writes it without its change sequence, the seed's canonical JSON for the seed. It is kept beside the LtHash, changed
 * by the same records in the same transactions, so that a full backup proves the LtHash it carries by summing the text
 * of the rows it streams (a SHA-256 each) instead of expanding every record into the LtHash's 2,048 bytes.
 * Like the LtHash it follows changes without a pass over the state. It detects rows changed outside wallet-backup, not
 * an adversary: one who can write rows can write the kept sums too; a backup's integrity is its authenticated
 * encryption and its restore's LtHash proof. Mutable and not thread-safe.
 */
public final class RowSum {
    /** Bytes of a serialised sum: four lanes of 64 bits, little-endian. */
    public static final int BYTES = 32;
    private static final int LANES = BYTES / Long.BYTES;
    private static final VarHandle LITTLE_ENDIAN_LANES =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final byte SEPARATOR = 0x1F;

    private final long[] lanes;
    private MessageDigest sha256;

    private RowSum(long[] lanes) {
        this.lanes = lanes;
    }

    /** The sum of no rows. */
    public static RowSum empty() {
        return new RowSum(new long[LANES]);
    }

    /** A serialised sum ({@link #toBytes}); null (a store that has kept none yet) is the empty sum. */
    public static RowSum fromBytes(byte[] bytes) {
        if (bytes == null) {
            return empty();
        }
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a row sum has " + BYTES + " bytes, not " + bytes.length);
        }
        long[] lanes = new long[LANES];
        for (int i = 0; i < LANES; i++) {
            lanes[i] = (long) LITTLE_ENDIAN_LANES.get(bytes, i * Long.BYTES);
        }
        return new RowSum(lanes);
    }

    /** Adds the row {@code text[from, to)} of {@code section}: its UTF-8 text, without its LF. */
    public RowSum add(String section, byte[] text, int from, int to) {
        return addDigest(digest(section, text, from, to), 1);
    }

    public RowSum remove(String section, byte[] text, int from, int to) {
        return addDigest(digest(section, text, from, to), -1);
    }

    public RowSum add(RowSum other) {
        for (int i = 0; i < LANES; i++) {
            lanes[i] += other.lanes[i];
        }
        return this;
    }

    public RowSum subtract(RowSum other) {
        for (int i = 0; i < LANES; i++) {
            lanes[i] -= other.lanes[i];
        }
        return this;
    }

    public RowSum copy() {
        return new RowSum(lanes.clone());
    }

    public byte[] toBytes() {
        byte[] bytes = new byte[BYTES];
        for (int i = 0; i < LANES; i++) {
            LITTLE_ENDIAN_LANES.set(bytes, i * Long.BYTES, lanes[i]);
        }
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RowSum sum && Arrays.equals(lanes, sum.lanes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(lanes);
    }

    @Override
    public String toString() {
        return "RowSum" + Arrays.toString(lanes);
    }

    private byte[] digest(String section, byte[] text, int from, int to) {
        if (sha256 == null) {
            sha256 = Sha256.newDigest();
        }
        sha256.update(section.getBytes(StandardCharsets.US_ASCII));
        sha256.update(SEPARATOR);
        sha256.update(text, from, to - from);
        return sha256.digest();
    }

    private RowSum addDigest(byte[] digest, int sign) {
        for (int i = 0; i < LANES; i++) {
            lanes[i] += sign * (long) LITTLE_ENDIAN_LANES.get(digest, i * Long.BYTES);
        }
        return this;
    }
}
