package dev.walletbackup.derivation;

import org.web3j.crypto.Bip32ECKeyPair;

/**
 * The private, hardened part of BIP-44 derivation, done once per seed operation with web3j's BIP-32: the master
 * key's fingerprint and the account-level extended public keys from which every agent address then derives
 * publicly. Agents live under account 1' of each coin: m/44'/60'/1'/0 (EVM) and m/44'/144'/1'/0 (XRP).
 */
public final class HdKeys {
    public static final int EVM_COIN_TYPE = 60;
    public static final int XRP_COIN_TYPE = 144;
    public static final int AGENT_ACCOUNT = 1;

    private HdKeys() {
    }

    /** The BIP-32 fingerprint of the master key, as 8 lower-case hex digits: public, identifies the seed. */
    public static String masterFingerprint(MasterSeed seed) {
        return seed.withBytes(bytes -> String.format("%08x", toPublic(Bip32ECKeyPair.generateKeyPair(bytes)).fingerprint()));
    }

    /** The extended public key at m/44'/coin'/account'/0. */
    public static ExtendedPublicKey accountExternalChain(MasterSeed seed, int coinType, int account) {
        int[] path = {44 | Bip32ECKeyPair.HARDENED_BIT, coinType | Bip32ECKeyPair.HARDENED_BIT,
                account | Bip32ECKeyPair.HARDENED_BIT, 0};
        return seed.withBytes(bytes -> toPublic(Bip32ECKeyPair.deriveKeyPair(Bip32ECKeyPair.generateKeyPair(bytes), path)));
    }

    public static AccountKeys agentAccountKeys(MasterSeed seed) {
        return new AccountKeys(accountExternalChain(seed, EVM_COIN_TYPE, AGENT_ACCOUNT),
                accountExternalChain(seed, XRP_COIN_TYPE, AGENT_ACCOUNT));
    }

    static ExtendedPublicKey toPublic(Bip32ECKeyPair pair) {
        return new ExtendedPublicKey(pair.getDepth(), pair.getParentFingerprint(), pair.getChildNumber(),
                pair.getChainCode(), pair.getPublicKeyPoint());
    }
}
