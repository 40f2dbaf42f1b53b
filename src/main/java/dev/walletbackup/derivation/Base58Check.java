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
        // Base 256 to base 58 on a digit array (little-endian): every address is encoded, and BigInteger division
        // allocated several kilobytes per address.
        byte[] digits = new byte[data.length * 138 / 100 + 1];
        int length = 0;
        for (byte b : data) {
            int carry = b & 0xff;
            for (int i = 0; i < length; i++) {
                carry += (digits[i] & 0xff) << 8;
                digits[i] = (byte) (carry % 58);
                carry /= 58;
            }
            while (carry > 0) {
                digits[length++] = (byte) (carry % 58);
                carry /= 58;
            }
        }
        int zeros = 0;
        while (zeros < data.length && data[zeros] == 0) {
            zeros++;
        }
        char[] out = new char[zeros + length];
        Arrays.fill(out, 0, zeros, alphabet[0]);
        for (int i = 0; i < length; i++) {
            out[zeros + i] = alphabet[digits[length - 1 - i]];
        }
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
