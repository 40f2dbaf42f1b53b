package dev.walletbackup.derivation;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.jcajce.provider.digest.Keccak;
import org.bouncycastle.util.encoders.Hex;

/** Ethereum address: the last 20 bytes of Keccak-256(X || Y), written with the EIP-55 mixed-case checksum. */
public final class EvmAddress {
    private EvmAddress() {
    }

    public static String of(ExtendedPublicKey key) {
        byte[] hash = new Keccak.Digest256().digest(key.uncompressedCoordinates());
        return checksummed(Hex.toHexString(hash, 12, 20));
    }

    /**
     * EIP-55: a hex letter is upper case where the matching nibble of Keccak-256 of the lower-case hex text is 8
     * or more.
     */
    public static String checksummed(String lowerHex) {
        byte[] hash = new Keccak.Digest256().digest(lowerHex.getBytes(StandardCharsets.US_ASCII));
        char[] out = new char[2 + lowerHex.length()];
        out[0] = '0';
        out[1] = 'x';
        for (int i = 0; i < lowerHex.length(); i++) {
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
            char c = lowerHex.charAt(i);
            out[2 + i] = nibble >= 8 ? Character.toUpperCase(c) : c;
        }
        return new String(out);
    }
}
