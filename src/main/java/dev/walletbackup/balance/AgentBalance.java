package dev.walletbackup.balance;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.walletbackup.statedigest.StateElement;
import dev.walletbackup.store.StateRecord;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The last known balance of one token in one agent wallet, named as the original connector's {@code AgentBalance}.
 * {@code balance} is an exact integer in the token's smallest unit (wei, drops); {@code blockNumber} is the EVM block
 * number or the XRP ledger index it was read at, when known.
 */
@JsonPropertyOrder({"agentId", "chain", "token", "balance", "decimals", "blockNumber", "lastUpdated", "changeSeq"})
public record AgentBalance(String agentId, Chain chain, String token, BigInteger balance, int decimals,
                           Long blockNumber, Instant lastUpdated, long changeSeq) implements StateRecord {
    public static final int MAX_DIGITS = 78;
    public static final int MAX_DECIMALS = 77;
    /**
     * The longest token: an XRP Ledger issued currency with a 40-hex-digit code, a dot and a 35-character issuer is
     * 76 characters (an ERC-20 contract address is 42); the column is as wide (V12).
     */
    public static final int MAX_TOKEN_LENGTH = 80;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_TOKEN_LENGTH + "}");

    public AgentBalance {
        requireValidToken(token);
        requireValidAmount(balance);
        requireValidDecimals(decimals);
        if (blockNumber != null && blockNumber < 0) {
            throw new IllegalArgumentException("block number / ledger index cannot be negative");
        }
    }

    /** This balance as a record of wallet state, for the backups' digests. */
    @Override
    public StateElement stateElement() {
        return StateElement.balance(agentId, balance.toString(), blockNumber, chain.wireName(), decimals,
                lastUpdated.toEpochMilli(), token);
    }

    @Override
    public List<String> rowValues() {
        return Arrays.asList(agentId, chain.wireName(), token, balance.toString(), Integer.toString(decimals),
                blockNumber == null ? null : blockNumber.toString(), Long.toString(lastUpdated.toEpochMilli()));
    }

    public static String requireValidToken(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException((token == null ? "" : "'" + token + "': ") + "token must be 1 to "
                    + MAX_TOKEN_LENGTH + " characters of letters, digits and . _ : - (a symbol such as ETH or XRP, a"
                    + " contract address, or CURRENCY.ISSUER)");
        }
        return token;
    }

    public static BigInteger requireValidAmount(BigInteger balance) {
        if (balance.signum() < 0 || balance.toString().length() > MAX_DIGITS) {
            throw new IllegalArgumentException("balance must be a non-negative integer of at most " + MAX_DIGITS
                    + " digits in the token's smallest unit");
        }
        return balance;
    }

    public static int requireValidDecimals(int decimals) {
        if (decimals < 0 || decimals > MAX_DECIMALS) {
            throw new IllegalArgumentException("decimals must be between 0 and " + MAX_DECIMALS);
        }
        return decimals;
    }
}
