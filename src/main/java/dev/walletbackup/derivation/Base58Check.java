package dev.walletbackup.derivation;

import dev.walletbackup.crypto.Sha256;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Base58Check: payload followed by the first four bytes of SHA-256(SHA-256(payload)), written in base 58.
 * Bitcoin's alphabet serialises BIP-32 extended keys; the XRP Ledger uses the same scheme with its own alphabet.
 */
public enum Base58Check {
    BITCOIN("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"),
    XRP("rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz");

    private static final BigInteger BASE = BigInteger.valueOf(58);
    private static final int DIGITS_PER_LIMB = 5;
    /** 58^5, the largest power of 58 that a limb times 256 plus a byte keeps within a long with room to spare. */
    private static final long LIMB = 58L * 58 * 58 * 58 * 58;
    private final char[] alphabet;
    private final int[] indexes = new int[128];

    Base58Check(String alphabet) {
        this.alphabet = alphabet.toCharArray();
        Arrays.fill(indexes, -1);
        for (int i = 0; i < this.alphabet.length; i++) {
            indexes[this.alphabet[i]] = i;
        }
    }

    public String encode(byte[] payload) {
        byte[] data = Arrays.copyOf(payload, payload.length + 4);
        System.arraycopy(checksum(payload), 0, data, payload.length, 4);
        // Base 256 to base 58^5 on an array of limbs (little-endian), each then written as five base-58 digits:
        // every address is encoded, BigInteger division allocated kilobytes per address, and one base-58 digit per
        // step took four times the divisions.
        long[] limbs = new long[data.length / 3 + 1];
        int length = 0;
        for (byte b : data) {
            long carry = b & 0xff;
            for (int i = 0; i < length; i++) {
                carry += limbs[i] << 8;
                limbs[i] = carry % LIMB;
                carry /= LIMB;
            }
            while (carry > 0) {
                limbs[length++] = carry % LIMB;
                carry /= LIMB;
            }
        }
        char[] digits = new char[length * DIGITS_PER_LIMB];
        int end = digits.length;
        for (int i = 0; i < length; i++) {
            long limb = limbs[i];
            for (int d = 0; d < DIGITS_PER_LIMB; d++) {
                digits[--end] = alphabet[(int) (limb % 58)];
                limb /= 58;
            }
        }
        int significant = 0;
        while (significant < digits.length && digits[significant] == alphabet[0]) {
            significant++;
        }
        int zeros = 0;
        while (zeros < data.length && data[zeros] == 0) {
            zeros++;
        }
        char[] out = new char[zeros + digits.length - significant];
        Arrays.fill(out, 0, zeros, alphabet[0]);
        System.arraycopy(digits, significant, out, zeros, digits.length - significant);
        return new String(out);
    }

    /** @throws IllegalArgumentException on a character outside the alphabet or a checksum mismatch */
    public byte[] decode(String text) {
        BigInteger value = BigInteger.ZERO;
        int leadingZeros = 0;
        boolean leading = true;
        for (char c : text.toCharArray()) {
            int digit = c < 128 ? indexes[c] : -1;
            if (digit < 0) {
                throw new IllegalArgumentException("character '" + c + "' is not in the " + name() + " base58 alphabet");
            }
            if (leading && digit == 0) {
                leadingZeros++;
            } else {
                leading = false;
            }
            value = value.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = value.signum() == 0 ? new byte[0] : value.toByteArray();
        int skip = magnitude.length > 0 && magnitude[0] == 0 ? 1 : 0;
        byte[] data = new byte[leadingZeros + magnitude.length - skip];
        System.arraycopy(magnitude, skip, data, leadingZeros, magnitude.length - skip);
        if (data.length < 4) {
            throw new IllegalArgumentException("base58check text is too short");
        }
        byte[] payload = Arrays.copyOf(data, data.length - 4);
        if (!Arrays.equals(checksum(payload), Arrays.copyOfRange(data, data.length - 4, data.length))) {
            throw new IllegalArgumentException("base58check checksum mismatch");
        }
        return payload;
    }

    private static byte[] checksum(byte[] payload) {
        return Arrays.copyOf(Sha256.of(Sha256.of(payload)), 4);
    }

}
