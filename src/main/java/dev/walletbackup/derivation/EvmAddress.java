package dev.walletbackup.derivation;

import org.bouncycastle.jcajce.provider.digest.Keccak;
import org.bouncycastle.util.encoders.Hex;
import org.web3j.crypto.Keys;

/** Ethereum address: the last 20 bytes of Keccak-256(X || Y), written with the EIP-55 mixed-case checksum. */
public final class EvmAddress {
    private EvmAddress() {
    }

    public static String of(ExtendedPublicKey key) {
        byte[] hash = new Keccak.Digest256().digest(key.uncompressedCoordinates());
        return Keys.toChecksumAddress(Hex.toHexString(hash, 12, 20));
    }
}
