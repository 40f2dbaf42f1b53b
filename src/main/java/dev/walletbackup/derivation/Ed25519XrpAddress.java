package dev.walletbackup.derivation;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * The XRP address the original TypeScript connector derived ({@link XrpScheme#ED25519_LEGACY}): it passed the 32-byte
 * BIP-32 private key to xrpl.js {@code Wallet.fromEntropy}, which keeps the first 16 bytes as a seed and, as
 * ripple-keypairs does for ed25519, takes the first 32 bytes of SHA-512(seed) as the ed25519 secret key; the account's
 * public key is 0xED followed by the ed25519 public key (RFC 8032, computed by BouncyCastle).
 */
public final class Ed25519XrpAddress {
    static final int ENTROPY_BYTES = 16;
    private static final byte ED25519_PREFIX = (byte) 0xED;

    private Ed25519XrpAddress() {
    }

    /** The address of the 32-byte secp256k1 private key of a wallet's BIP-44 path, as the original derived it. */
    public static String fromPrivateKey(byte[] secp256k1PrivateKey) {
        if (secp256k1PrivateKey.length != 32) {
            throw new IllegalArgumentException("a secp256k1 private key is 32 bytes");
        }
        byte[] secret = Arrays.copyOf(sha512(Arrays.copyOf(secp256k1PrivateKey, ENTROPY_BYTES)), 32);
        try {
            byte[] publicKey = new byte[33];
            publicKey[0] = ED25519_PREFIX;
            System.arraycopy(ed25519PublicKey(secret), 0, publicKey, 1, 32);
            return XrpAddress.ofPublicKey(publicKey);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** RFC 8032's public key of a 32-byte ed25519 secret key. */
    static byte[] ed25519PublicKey(byte[] secretKey) {
        return new Ed25519PrivateKeyParameters(secretKey, 0).generatePublicKey().getEncoded();
    }

    private static byte[] sha512(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is not available in this JVM", e);
        } finally {
            Arrays.fill(input, (byte) 0);
        }
    }
}
