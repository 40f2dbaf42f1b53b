package dev.walletbackup.derivation;

import dev.walletbackup.crypto.Sha256;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * A BIP-32 extended public key on secp256k1. It derives non-hardened children without any private key, which is
 * how new agent addresses are made without the password, and serialises to and from the standard "xpub" text.
 */
public final class ExtendedPublicKey {
    /** The curve order n as 32 big-endian bytes, to compare a child's tweak with without a BigInteger per child. */
    private static final byte[] CURVE_ORDER_BYTES = BigIntegers.asUnsignedByteArray(32, BouncyCastleArithmetic.CURVE.getN());
    private static final int XPUB_VERSION = 0x0488B21E;
    private static final int SERIALIZED_BYTES = 78;
    public static final int HARDENED_BIT = 0x80000000;

    private final int depth;
    private final int parentFingerprint;
    private final int childNumber;
    private final byte[] chainCode;
    /** The key as {@code 04 || X || Y}. */
    private final byte[] uncompressed;
    /** {@link #fingerprint()}, computed on first use: every child of an account key needs it. */
    private volatile Integer fingerprint;
    /**
     * HMAC-SHA512 keyed with the chain code, one per thread: every child is hashed with the same key, and keying a
     * new HMAC per child cost two extra SHA-512 blocks and kilobytes of garbage. Made by the first derivation: most
     * keys are children that never derive, and every new ThreadLocal draws from one counter that all threads share.
     */
    private volatile ThreadLocal<HMac> childMac;

    public ExtendedPublicKey(int depth, int parentFingerprint, int childNumber, byte[] chainCode, ECPoint point) {
        this(depth, parentFingerprint, childNumber, chainCode.clone(),
                BouncyCastleArithmetic.CURVE.getCurve().importPoint(point).normalize().getEncoded(false));
    }

    private ExtendedPublicKey(int depth, int parentFingerprint, int childNumber, byte[] chainCode, byte[] uncompressed) {
        if (chainCode.length != 32) {
            throw new IllegalArgumentException("a BIP-32 chain code is 32 bytes");
        }
        this.depth = depth;
        this.parentFingerprint = parentFingerprint;
        this.childNumber = childNumber;
        this.chainCode = chainCode;
        this.uncompressed = uncompressed;
    }

    /** Parses an "xpub…" string; throws IllegalArgumentException naming what is wrong. */
    public static ExtendedPublicKey parse(String xpub) {
        byte[] data = Base58Check.BITCOIN.decode(xpub);
        if (data.length != SERIALIZED_BYTES) {
            throw new IllegalArgumentException("an extended public key is " + SERIALIZED_BYTES + " bytes, got " + data.length);
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        if (in.getInt() != XPUB_VERSION) {
            throw new IllegalArgumentException("not a mainnet extended public key (xpub)");
        }
        int depth = Byte.toUnsignedInt(in.get());
        int parentFingerprint = in.getInt();
        int childNumber = in.getInt();
        byte[] chainCode = new byte[32];
        in.get(chainCode);
        byte[] key = new byte[33];
        in.get(key);
        return new ExtendedPublicKey(depth, parentFingerprint, childNumber, chainCode,
                BouncyCastleArithmetic.CURVE.getCurve().decodePoint(key).getEncoded(false));
    }

    public String serialize() {
        ByteBuffer out = ByteBuffer.allocate(SERIALIZED_BYTES)
                .putInt(XPUB_VERSION).put((byte) depth).putInt(parentFingerprint).putInt(childNumber)
                .put(chainCode).put(compressedKey());
        return Base58Check.BITCOIN.encode(out.array());
    }

    /** CKDpub: the non-hardened child {@code index} (0 .. 2^31-1). */
    public ExtendedPublicKey deriveChild(int index) {
        return deriveChild(index, CurveArithmetic.fastest());
    }

    ExtendedPublicKey deriveChild(int index, CurveArithmetic arithmetic) {
        if (index < 0) {
            throw new IllegalArgumentException("a public key cannot derive the hardened child " + Integer.toUnsignedString(index));
        }
        HMac hmac = childMac().get();
        byte[] key = compressedKey();
        hmac.update(key, 0, key.length);
        byte[] indexBytes = ByteBuffer.allocate(4).putInt(index).array();
        hmac.update(indexBytes, 0, 4);
        byte[] i = new byte[64];
        hmac.doFinal(i, 0); // and back to the keyed state for the next child
        byte[] tweak = Arrays.copyOf(i, 32);
        if (Arrays.compareUnsigned(tweak, CURVE_ORDER_BYTES) >= 0) {
            throw new IllegalStateException("BIP-32 child " + index + " is invalid (IL >= n); use the next index");
        }
        byte[] child;
        try {
            child = arithmetic.addGeneratorMultiple(uncompressed, tweak);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("BIP-32 child " + index + " is the point at infinity; use the next index");
        }
        return new ExtendedPublicKey(depth + 1, fingerprint(), index, Arrays.copyOfRange(i, 32, 64), child);
    }

    private ThreadLocal<HMac> childMac() {
        ThreadLocal<HMac> macs = childMac;
        if (macs == null) {
            synchronized (this) {
                macs = childMac;
                if (macs == null) {
                    macs = ThreadLocal.withInitial(this::keyedMac);
                    childMac = macs;
                }
            }
        }
        return macs;
    }

    private HMac keyedMac() {
        HMac hmac = new HMac(new SHA512Digest());
        hmac.init(new KeyParameter(chainCode));
        return hmac;
    }

    /** The first four bytes of HASH160 of the compressed key, as BIP-32 defines a key's fingerprint. */
    public int fingerprint() {
        Integer known = fingerprint;
        if (known == null) {
            known = ByteBuffer.wrap(hash160(compressedKey())).getInt();
            fingerprint = known;
        }
        return known;
    }

    /** {@code 02 || X} for an even Y, {@code 03 || X} for an odd one. */
    public byte[] compressedKey() {
        byte[] compressed = Arrays.copyOfRange(uncompressed, 0, 33);
        compressed[0] = (byte) (2 + (uncompressed[64] & 1));
        return compressed;
    }

    /** The 64-byte X || Y encoding that Ethereum hashes into an address. */
    public byte[] uncompressedCoordinates() {
        return Arrays.copyOfRange(uncompressed, 1, 65);
    }

    static byte[] hash160(byte[] input) {
        byte[] sha = Sha256.of(input);
        RIPEMD160Digest ripemd = new RIPEMD160Digest();
        ripemd.update(sha, 0, sha.length);
        byte[] out = new byte[20];
        ripemd.doFinal(out, 0);
        return out;
    }

    @Override
    public String toString() {
        return serialize();
    }
}
