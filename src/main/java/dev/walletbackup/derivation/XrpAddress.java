package dev.walletbackup.derivation;

/**
 * XRP Ledger classic address of a public key: account id RIPEMD-160(SHA-256(public key)), prefixed with the type
 * byte 0x00 and written in Base58Check with the XRP alphabet. A secp256k1 key is given compressed (33 bytes); an
 * ed25519 key as 0xED followed by its 32 bytes.
 */
public final class XrpAddress {
    private static final byte ACCOUNT_ID_TYPE = 0x00;

    private XrpAddress() {
    }

    public static String of(ExtendedPublicKey key) {
        return ofPublicKey(key.compressedKey());
    }

    static String ofPublicKey(byte[] publicKey) {
        byte[] accountId = ExtendedPublicKey.hash160(publicKey);
        byte[] payload = new byte[21];
        payload[0] = ACCOUNT_ID_TYPE;
        System.arraycopy(accountId, 0, payload, 1, 20);
        return Base58Check.XRP.encode(payload);
    }
}
