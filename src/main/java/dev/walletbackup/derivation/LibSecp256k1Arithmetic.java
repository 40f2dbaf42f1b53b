package dev.walletbackup.derivation;

import fr.acinq.secp256k1.Secp256k1;
import fr.acinq.secp256k1.Secp256k1Exception;
import java.util.Arrays;

/**
 * secp256k1 arithmetic in libsecp256k1 (Bitcoin Core's library) through JNI. {@code tweak·G} is computed with the
 * library's generator tables (public key of the tweak) and then added to the point, which is cheaper than its
 * general {@code pubKeyTweakAdd}. The library's context is safe to share between threads for these calls.
 */
final class LibSecp256k1Arithmetic implements CurveArithmetic {
    private final Secp256k1 library;

    /**
     * Loads the native library and checks that it computes 1·G correctly; a LinkageError or RuntimeException if this
     * platform has no library that loads and works.
     */
    LibSecp256k1Arithmetic() {
        this.library = Secp256k1.get();
        byte[] one = new byte[32];
        one[31] = 1;
        if (!Arrays.equals(library.pubkeyCreate(one), BouncyCastleArithmetic.CURVE.getG().getEncoded(false))) {
            throw new IllegalStateException("the native library computes a wrong generator point");
        }
    }

    @Override
    public byte[] addGeneratorMultiple(byte[] point, byte[] tweak) {
        if (isZero(tweak)) {
            return point.clone(); // not a private key, so the generator multiple is the identity: point + 0·G
        }
        try {
            return library.pubKeyCombine(new byte[][] {library.pubkeyCreate(tweak), point});
        } catch (Secp256k1Exception e) {
            throw new IllegalStateException("the sum is the point at infinity");
        }
    }

    private static boolean isZero(byte[] scalar) {
        return Arrays.equals(scalar, new byte[scalar.length]);
    }

    @Override
    public String name() {
        return "libsecp256k1";
    }
}
