package dev.walletbackup.store;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;

/**
 * A growing buffer of big-endian values in the shapes of PostgreSQL's binary COPY format, and the two conversions it
 * needs that are not plain integers: an instant as microseconds since 2000-01-01 UTC, and a NUMERIC as base-10000
 * digits (PostgreSQL's {@code numeric_send} layout).
 */
final class BinaryRows {
    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch for timestamps, in seconds since 1970. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;
    private static final int NUMERIC_POSITIVE = 0x0000;
    private static final int NUMERIC_NEGATIVE = 0x4000;
    private static final int NUMERIC_DIGIT_CHARS = 4;

    private byte[] bytes;
    private int size;

    BinaryRows(int capacity) {
        this.bytes = new byte[capacity];
    }

    byte[] array() {
        return bytes;
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    void int16(int value) {
        ensure(2);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    void int32(int value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
    }

    void int64(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
    }

    void bytes(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
    }

    /**
     * An integer as a NUMERIC field (length included): digit count, weight of the first digit, sign, display scale 0,
     * then the base-10000 digits, most significant first.
     */
    void numeric(BigInteger value) {
        String decimal = value.abs().toString();
        int digits = value.signum() == 0 ? 0 : (decimal.length() + NUMERIC_DIGIT_CHARS - 1) / NUMERIC_DIGIT_CHARS;
        int32(8 + 2 * digits);
        int16(digits);
        int16(digits == 0 ? 0 : digits - 1);
        int16(value.signum() < 0 ? NUMERIC_NEGATIVE : NUMERIC_POSITIVE);
        int16(0);
        int end = decimal.length() - (digits - 1) * NUMERIC_DIGIT_CHARS; // the first digit may have fewer chars
        for (int start = 0; digits > 0 && start < decimal.length(); end += NUMERIC_DIGIT_CHARS) {
            int16(Integer.parseInt(decimal, start, end, 10));
            start = end;
        }
    }

    /**
     * Microseconds since PostgreSQL's epoch. A finer instant is rounded half to even, as PostgreSQL rounds the
     * fraction of a timestamp written as text, so both COPY formats store the same value.
     */
    static long postgresMicros(Instant instant) {
        long micros = instant.getNano() / 1000;
        int rest = instant.getNano() % 1000;
        if (rest > 500 || rest == 500 && (micros & 1) == 1) {
            micros++;
        }
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L), micros);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
