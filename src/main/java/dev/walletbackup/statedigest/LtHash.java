package dev.walletbackup.statedigest;

import dev.walletbackup.crypto.Sha256;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * LtHash ("lthash16": 1,024 lanes of 16 bits) of a set of byte strings, as docs/backup-format.md section 6.1
 * specifies: the sum, lane by lane modulo 2^16, of each element's 2,048-byte expansion. Adding and removing commute,
 * so a set's hash follows its changes without a pass over the set. Mutable and not thread-safe; {@link #copy} to
 * share.
 */
public final class LtHash {
    /** Bytes of a serialised LtHash: 1,024 lanes, little-endian. */
    public static final int BYTES = 2048;
    private static final int WORDS = BYTES / Long.BYTES;
    private static final VarHandle LITTLE_ENDIAN_WORDS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** The top bit of each 16-bit lane of a 64-bit word: four lanes are added at once without carries between them. */
    private static final long LANE_TOPS = 0x8000_8000_8000_8000L;
    private static final SecretKeySpec EXPANSION_KEY = new SecretKeySpec(
            Sha256.newDigest().digest("wallet-backup/v3/lthash16".getBytes(StandardCharsets.US_ASCII)), "AES");
    private static final byte[] ZEROS = new byte[BYTES];

    /** Four lanes per word, lane i in bits 16·(i mod 4) of word i / 4: the little-endian reading of the bytes. */
    private final long[] words;
    private final Expansion expansion = new Expansion();

    private LtHash(long[] words) {
        this.words = words;
    }

    /** The LtHash of the empty set. */
    public static LtHash empty() {
        return new LtHash(new long[WORDS]);
    }

    /** A serialised LtHash ({@link #toBytes}). */
    public static LtHash fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length != BYTES) {
            throw new IllegalArgumentException("an LtHash has " + BYTES + " bytes, not "
                    + (bytes == null ? "none" : bytes.length));
        }
        long[] words = new long[WORDS];
        for (int i = 0; i < WORDS; i++) {
            words[i] = (long) LITTLE_ENDIAN_WORDS.get(bytes, i * Long.BYTES);
        }
        return new LtHash(words);
    }

    public LtHash add(byte[] element) {
        return addWords(expansion.of(element), false);
    }

    public LtHash remove(byte[] element) {
        return addWords(expansion.of(element), true);
    }

    public LtHash add(LtHash other) {
        return addWords(other.words, false);
    }

    public LtHash subtract(LtHash other) {
        return addWords(other.words, true);
    }

    public LtHash copy() {
        return new LtHash(words.clone());
    }

    public byte[] toBytes() {
        byte[] bytes = new byte[BYTES];
        for (int i = 0; i < WORDS; i++) {
            LITTLE_ENDIAN_WORDS.set(bytes, i * Long.BYTES, words[i]);
        }
        return bytes;
    }

    /** The state digest of version 3: SHA-256 of the serialised LtHash, lower-case hex. */
    public String digest() {
        return HexFormat.of().formatHex(Sha256.newDigest().digest(toBytes()));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LtHash hash && Arrays.equals(words, hash.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return "LtHash[" + digest() + "]";
    }

    private LtHash addWords(long[] other, boolean negate) {
        for (int i = 0; i < WORDS; i++) {
            long y = negate ? negateLanes(other[i]) : other[i];
            long x = words[i];
            words[i] = ((x & ~LANE_TOPS) + (y & ~LANE_TOPS)) ^ ((x ^ y) & LANE_TOPS);
        }
        return this;
    }

    /** Each 16-bit lane's two's complement: ~y + 1 in every lane, without a carry crossing lanes. */
    private static long negateLanes(long y) {
        long inverted = ~y;
        long ones = 0x0001_0001_0001_0001L;
        return ((inverted & ~LANE_TOPS) + ones) ^ (inverted & LANE_TOPS);
    }

    /**
     * X(e) = AES-256-CTR_K(h[0..16]) ⊕ AES-256-CTR_K(h[16..32]) with h = SHA-256(e), as words. One key for every
     * element, so the cipher's key schedule is computed once, not per element.
     */
    private static final class Expansion {
        private final MessageDigest sha256 = Sha256.newDigest();
        private final Cipher aes;
        private final byte[] first = new byte[BYTES];
        private final byte[] second = new byte[BYTES];
        private final long[] words = new long[WORDS];

        Expansion() {
            try {
                aes = Cipher.getInstance("AES/CTR/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES/CTR is not available in this JVM", e);
            }
        }

        long[] of(byte[] element) {
            byte[] h = sha256.digest(element);
            keystream(h, 0, first);
            keystream(h, 16, second);
            for (int i = 0; i < WORDS; i++) {
                words[i] = (long) LITTLE_ENDIAN_WORDS.get(first, i * Long.BYTES)
                        ^ (long) LITTLE_ENDIAN_WORDS.get(second, i * Long.BYTES);
            }
            return words;
        }

        private void keystream(byte[] h, int offset, byte[] out) {
            try {
                aes.init(Cipher.ENCRYPT_MODE, EXPANSION_KEY, new IvParameterSpec(h, offset, 16));
                aes.doFinal(ZEROS, 0, BYTES, out, 0);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES/CTR refused its own key", e);
            }
        }
    }
}
