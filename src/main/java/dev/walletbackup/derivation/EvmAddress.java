package dev.walletbackup.derivation;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
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
     * An address as a person gives it (a contract in a setting or on the command line): {@code 0x} and 40 hex digits,
     * in one case or in its EIP-55 mixed case, which must then be right; returned EIP-55 checksummed, the one spelling
     * the store keeps.
     *
     * @throws IllegalArgumentException saying what is wrong, without the address (the caller names it)
     */
    public static String parse(String text) {
        if (!text.matches("0[xX][0-9A-Fa-f]{40}")) {
            throw new IllegalArgumentException("an EVM token is ETH or a contract address (0x and 40 hex digits)");
        }
        String hex = text.substring(2);
        String lower = hex.toLowerCase(Locale.ROOT);
        String checksummed = checksummed(lower);
        boolean singleCase = hex.equals(lower) || hex.equals(hex.toUpperCase(Locale.ROOT));
        if (!singleCase && !checksummed.substring(2).equals(hex)) {
            throw new IllegalArgumentException("the mixed-case address does not match its EIP-55 checksum: a digit or "
                    + "its case is mistyped; check the address against its source");
        }
        return checksummed;
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
