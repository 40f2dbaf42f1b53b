package dev.walletbackup.derivation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The elliptic-curve step of BIP-32 public derivation on secp256k1: adding a multiple of the generator to a
 * public key. libsecp256k1 (through JNI) does it about three times as fast as BouncyCastle;
 * where its native library cannot be loaded (a platform without one, or a temporary directory that does not allow
 * executables) BouncyCastle does it instead. Both give the same bytes; the derivation vectors are checked on both.
 * Public keys travel as the 65-byte uncompressed encoding {@code 04 || X || Y}.
 */
interface CurveArithmetic {

    /** The arithmetic that derivation uses: libsecp256k1 if it loads here, else BouncyCastle. */
    static CurveArithmetic fastest() {
        return Fastest.CHOSEN;
    }

    /**
     * {@code point + tweak·G}, uncompressed. The tweak is a 32-byte big-endian scalar in [0, n); the caller has
     * checked the range. IllegalStateException if the sum is the point at infinity.
     */
    byte[] addGeneratorMultiple(byte[] point, byte[] tweak);

    /** Which library this is, for logs. */
    String name();

    /** Picks the arithmetic once per JVM. */
    final class Fastest {
        private static final Logger LOG = LoggerFactory.getLogger(CurveArithmetic.class);
        static final CurveArithmetic CHOSEN = choose();

        private Fastest() {
        }

        private static CurveArithmetic choose() {
            try {
                return new LibSecp256k1Arithmetic();
            } catch (LinkageError | RuntimeException e) {
                LOG.warn("libsecp256k1 is not available here ({}); deriving addresses with BouncyCastle, about 3x "
                        + "slower", e.getMessage());
                return new BouncyCastleArithmetic();
            }
        }
    }
}
