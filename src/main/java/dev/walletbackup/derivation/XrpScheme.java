package dev.walletbackup.derivation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a wallet's XRP Ledger address derives from its BIP-44 key at m/44'/144'/1'/0/index. New wallets always use
 * {@link #STANDARD}; {@link #ED25519_LEGACY} is kept for wallets imported from the original TypeScript connector,
 * whose funds sit at the addresses it derived that way.
 */
public enum XrpScheme {
    /** The classic address of the compressed secp256k1 key, as xrpl.js derives it from the BIP-32 key. */
    STANDARD("standard"),
    /**
     * The original connector's: xrpl.js {@code Wallet.fromEntropy} on the secp256k1 private key, which takes its first
     * 16 bytes as the seed of an ed25519 key ({@link Ed25519XrpAddress}).
     */
    ED25519_LEGACY("ed25519-legacy");

    private final String wireName;

    XrpScheme(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static XrpScheme fromWireName(String name) {
        for (XrpScheme scheme : values()) {
            if (scheme.wireName.equals(name)) {
                return scheme;
            }
        }
        throw new IllegalArgumentException("unknown XRP derivation scheme \"" + name + "\" (standard or ed25519-legacy)");
    }

    /**
     * For {@code @JsonInclude(CUSTOM)}: the standard scheme is left out of JSON, so that records of wallets that use it
     * read and digest exactly as before the scheme existed (an absent scheme means standard).
     */
    public static final class StandardIsOmitted {
        @Override
        public boolean equals(Object value) {
            return value == null || value == STANDARD;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
