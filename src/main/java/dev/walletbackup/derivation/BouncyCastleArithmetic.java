package dev.walletbackup.derivation;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** secp256k1 arithmetic in pure Java (BouncyCastle): works everywhere, ~90 µs per child. */
final class BouncyCastleArithmetic implements CurveArithmetic {
    static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    private static final FixedPointCombMultiplier MULTIPLIER = new FixedPointCombMultiplier();

    @Override
    public byte[] addGeneratorMultiple(byte[] point, byte[] tweak) {
        ECPoint sum = MULTIPLIER.multiply(CURVE.getG(), new BigInteger(1, tweak))
                .add(CURVE.getCurve().decodePoint(point)).normalize();
        if (sum.isInfinity()) {
            throw new IllegalStateException("the sum is the point at infinity");
        }
        return sum.getEncoded(false);
    }

    @Override
    public String name() {
        return "BouncyCastle";
    }
}
