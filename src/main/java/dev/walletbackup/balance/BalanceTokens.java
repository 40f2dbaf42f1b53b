package dev.walletbackup.balance;

import dev.walletbackup.derivation.Base58Check;
import dev.walletbackup.derivation.EvmAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one spelling of a token that reconciliation can find on its chain, checked where an operator names a token.
 * A token that only looks right (a lower-case hex currency code, an issuer with a bad checksum) would be stored and
 * then reported MISSING_ON_CHAIN at every reconciliation, next to the row it meant to be; so it is refused, or
 * written the way the chain writes it.
 *
 * <p>On the XRP Ledger a token is {@code XRP} or an issued currency {@code CURRENCY.ISSUER}, as rippled's
 * {@code account_lines} writes it: the currency a 3-character standard code (case matters, {@code XRP} is not one)
 * or a 160-bit non-standard code in 40 hex digits (upper case); the issuer a classic address. A hex code whose first
 * byte is 0x00 is not a non-standard code (the XRP Ledger reserves that byte for standard codes), and rippled writes
 * a standard code's hex form as the 3 characters: such a code is refused, naming the spelling to use.
 *
 * <p>On an EVM chain a token is {@code ETH} or an ERC-20 contract address, {@code 0x} and 40 hex digits, stored in
 * its EIP-55 checksummed form so that one contract is one balance however it was typed. All-lower or all-upper hex
 * carries no checksum and is taken; mixed case is a checksum, and one that does not match is refused (a mistyped
 * digit). A symbol such as {@code USDC} is refused: the node knows a token only by its contract, so a symbol would
 * be UNREACHABLE at every reconciliation.
 */
public final class BalanceTokens {
    /** The characters of a standard code that the token format can hold (the XRP Ledger's ISO-style code set). */
    private static final Pattern STANDARD_CODE = Pattern.compile("[A-Za-z0-9]{3}");
    private static final Pattern HEX_CODE = Pattern.compile("[0-9A-Fa-f]{40}");
    private static final int ACCOUNT_ID_LENGTH = 20;
    private static final byte ACCOUNT_ID_TYPE = 0x00;
    /** In the standard form of a currency code only these three bytes are set: the code's ASCII characters. */
    private static final int STANDARD_CODE_OFFSET = 12;

    private BalanceTokens() {
    }

    /**
     * {@code token} as it is stored for {@code chain}: the native token in upper case, an XRP Ledger issued
     * currency's hex code in upper case, an EVM contract address EIP-55 checksummed.
     *
     * @throws IllegalArgumentException naming the token and what is wrong with it
     */
    public static String normalise(Chain chain, String token) {
        AgentBalance.requireValidToken(token);
        String nativeToken = chain == Chain.XRP ? "XRP" : "ETH";
        if (token.equalsIgnoreCase(nativeToken)) {
            return nativeToken;
        }
        return chain == Chain.XRP ? issuedCurrency(token) : contract(token);
    }

    /**
     * An ERC-20 contract address in its EIP-55 checksummed form.
     *
     * @throws IllegalArgumentException naming the address and what is wrong with it
     */
    public static String contract(String token) {
        try {
            return EvmAddress.parse(token);
        } catch (IllegalArgumentException e) {
            throw invalid(token, e.getMessage());
        }
    }

    private static String issuedCurrency(String token) {
        int dot = token.indexOf('.');
        if (dot < 0) {
            throw invalid(token, "an XRP Ledger token is XRP or CURRENCY.ISSUER");
        }
        return currency(token, token.substring(0, dot)) + "." + issuer(token, token.substring(dot + 1));
    }

    private static String currency(String token, String code) {
        if (code.equals("XRP")) {
            throw invalid(token, "XRP is the ledger's own currency, never issued: record it as token XRP");
        }
        if (STANDARD_CODE.matcher(code).matches()) {
            return code;
        }
        if (!HEX_CODE.matcher(code).matches()) {
            throw invalid(token, "the currency '" + code + "' is neither a 3-character code nor 40 hex digits");
        }
        byte[] bytes = HexFormat.of().parseHex(code);
        if (bytes[0] == 0) {
            String standard = standardCodeIn(bytes);
            throw invalid(token, standard != null
                    ? "the hex currency code is the standard code " + standard + " (rippled writes it so): use "
                            + standard + "." + token.substring(token.indexOf('.') + 1)
                    : "a 40-hex currency code must not start with 00 (the XRP Ledger keeps that for standard codes)");
        }
        return code.toUpperCase(Locale.ROOT);
    }

    /** The standard code a 0x00-led hex code stands for, or null when it is not one a token can hold. */
    private static String standardCodeIn(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if ((i < STANDARD_CODE_OFFSET || i >= STANDARD_CODE_OFFSET + 3) && bytes[i] != 0) {
                return null;
            }
        }
        String code = new String(bytes, STANDARD_CODE_OFFSET, 3, StandardCharsets.ISO_8859_1);
        return STANDARD_CODE.matcher(code).matches() && !code.equals("XRP") ? code : null;
    }

    private static String issuer(String token, String issuer) {
        byte[] payload;
        try {
            payload = Base58Check.XRP.decode(issuer);
        } catch (IllegalArgumentException e) {
            throw invalid(token, "the issuer '" + issuer + "' is not an XRP Ledger classic address (" + e.getMessage() + ")");
        }
        if (payload.length != ACCOUNT_ID_LENGTH + 1 || payload[0] != ACCOUNT_ID_TYPE
                || !Base58Check.XRP.encode(payload).equals(issuer)) {
            throw invalid(token, "the issuer '" + issuer + "' is not an XRP Ledger classic address (not a 20-byte account"
                    + " ID with its type byte)");
        }
        return issuer;
    }

    private static IllegalArgumentException invalid(String token, String problem) {
        return new IllegalArgumentException(token + ": " + problem);
    }
}
