package dev.walletbackup.derivation;

import java.util.Arrays;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.utils.Numeric;

/**
 * The private XRP account key m/44'/144'/1'/0 of an open seed, for proving {@link XrpScheme#ED25519_LEGACY}
 * addresses: unlike standard addresses they derive only from private keys. It holds a secret, so it lives only as
 * long as the proof that needs it and never prints itself.
 */
public final class LegacyXrpKeys {
    private final Bip32ECKeyPair account;

    private LegacyXrpKeys(Bip32ECKeyPair account) {
        this.account = account;
    }

    public static LegacyXrpKeys of(MasterSeed seed) {
        int[] path = {44 | Bip32ECKeyPair.HARDENED_BIT, HdKeys.XRP_COIN_TYPE | Bip32ECKeyPair.HARDENED_BIT,
                HdKeys.AGENT_ACCOUNT | Bip32ECKeyPair.HARDENED_BIT, 0};
        return new LegacyXrpKeys(seed.withBytes(bytes -> Bip32ECKeyPair.deriveKeyPair(Bip32ECKeyPair.generateKeyPair(bytes), path)));
    }

    /** The ed25519-legacy XRP address of the wallet at {@code index}. */
    public String addressAt(int index) {
        Bip32ECKeyPair child = Bip32ECKeyPair.deriveKeyPair(account, new int[] {index});
        byte[] privateKey = Numeric.toBytesPadded(child.getPrivateKey(), 32);
        try {
            return Ed25519XrpAddress.fromPrivateKey(privateKey);
        } finally {
            Arrays.fill(privateKey, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "LegacyXrpKeys[redacted]";
    }
}
