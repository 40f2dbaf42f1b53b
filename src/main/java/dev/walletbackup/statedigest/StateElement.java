package dev.walletbackup.statedigest;

import dev.walletbackup.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The canonical encoding of one record of wallet state (docs/backup-format.md, section 6): its section and its
 * canonical JSON. Built from plain values, so that records, stored rows and backup payloads all encode through the
 * one definition. {@link #bytes} is the LtHash element {@code SECTION 0x1F CANONICAL_JSON} (section 6.1).
 */
public record StateElement(String section, byte[] canonicalJson) {
    public static final String SEED = "seed";
    public static final String WALLET = "wallet";
    public static final String LIFECYCLE = "lifecycle";
    public static final String BALANCE = "balance";
    public static final String TOMBSTONE = "tombstone";
    private static final String STANDARD_XRP_SCHEME = "standard";

    public static StateElement seed(long createdAt, byte[] envelope, String evmAccountXpub, String fingerprint,
                                    String xrpAccountXpub) {
        return new StateElement(SEED, CanonicalJson.object()
                .number("createdAt", createdAt)
                .string("envelope", Base64.getEncoder().encodeToString(envelope))
                .string("evmAccountXpub", evmAccountXpub)
                .string("fingerprint", fingerprint)
                .string("xrpAccountXpub", xrpAccountXpub)
                .toBytes());
    }

    /**
     * @param metadata a JSON object as text, or null
     * @param xrpScheme the XRP derivation scheme's name; "standard" is left out (section 5: absent means standard),
     *                  so wallets of the standard scheme encode as they did before schemes existed
     */
    public static StateElement wallet(String agentId, long createdAt, long derivationIndex, String evmAddress,
                                      String metadata, long updatedAt, String xrpAddress, String xrpScheme) {
        return new StateElement(WALLET, CanonicalJson.object()
                .string("agentId", agentId)
                .number("createdAt", createdAt)
                .number("derivationIndex", derivationIndex)
                .string("evmAddress", evmAddress)
                .object("metadata", metadata)
                .number("updatedAt", updatedAt)
                .string("xrpAddress", xrpAddress)
                .string("xrpScheme", STANDARD_XRP_SCHEME.equals(xrpScheme) ? null : xrpScheme)
                .toBytes());
    }

    /** Instants are epoch milliseconds, null when absent; {@code totalVolume} maps a token to a decimal string. */
    public static StateElement lifecycle(Long activatedAt, String agentId, Long archivedAt, long createdAt,
                                         Long lastActivity, String state, Long suspendedAt, String suspensionReason,
                                         long totalTransactions, Map<String, String> totalVolume) {
        return new StateElement(LIFECYCLE, CanonicalJson.object()
                .number("activatedAt", activatedAt)
                .string("agentId", agentId)
                .number("archivedAt", archivedAt)
                .number("createdAt", createdAt)
                .number("lastActivity", lastActivity)
                .string("state", state)
                .number("suspendedAt", suspendedAt)
                .string("suspensionReason", suspensionReason)
                .number("totalTransactions", totalTransactions)
                .object("totalVolume", totalVolume)
                .toBytes());
    }

    /** @param balance the exact integer as a decimal string */
    public static StateElement balance(String agentId, String balance, Long blockNumber, String chain, long decimals,
                                       long lastUpdated, String token) {
        return new StateElement(BALANCE, CanonicalJson.object()
                .string("agentId", agentId)
                .string("balance", balance)
                .number("blockNumber", blockNumber)
                .string("chain", chain)
                .number("decimals", decimals)
                .number("lastUpdated", lastUpdated)
                .string("token", token)
                .toBytes());
    }

    /** @param key the deleted row's key, a JSON object as text */
    public static StateElement tombstone(long deletedAt, String key, String table) {
        return new StateElement(TOMBSTONE, CanonicalJson.object()
                .number("deletedAt", deletedAt)
                .object("key", key)
                .string("table", table)
                .toBytes());
    }

    /** {@code SECTION 0x1F CANONICAL_JSON}: the LtHash element, and the content digest's record without its 0x0A. */
    public byte[] bytes() {
        byte[] name = section.getBytes(StandardCharsets.US_ASCII);
        byte[] element = new byte[name.length + 1 + canonicalJson.length];
        System.arraycopy(name, 0, element, 0, name.length);
        element[name.length] = 0x1F;
        System.arraycopy(canonicalJson, 0, element, name.length + 1, canonicalJson.length);
        return element;
    }
}
