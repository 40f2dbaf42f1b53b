package dev.walletbackup.derivation;

/**
 * XRP Ledger classic address of a secp256k1 key: account id RIPEMD-160(SHA-256(compressed key)), prefixed with
 * the type byte 0x00 and written in Base58Check with the XRP alphabet.
 */
public final class XrpAddress {
    private static final byte ACCOUNT_ID_TYPE = 0x00;

    private XrpAddress() {
    }

    public static String of(ExtendedPublicKey key) {
        byte[] accountId = ExtendedPublicKey.hash160(key.compressedKey());
        byte[] payload = new byte[21];
        payload[0] = ACCOUNT_ID_TYPE;
        System.arraycopy(accountId, 0, payload, 1, 20);
        return Base58Check.XRP.encode(payload);
    }
}
