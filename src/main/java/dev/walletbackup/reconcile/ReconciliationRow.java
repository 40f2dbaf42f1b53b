package dev.walletbackup.reconcile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * One (agent, chain, token) compared, exactly, in the token's smallest unit; delta = actual − expected. The recorded
 * amount is an integer of that unit; the chain's amount is too, except for an XRP Ledger issued currency holding
 * digits beyond the recorded decimals: it then keeps them (2925.12 for 29.2512 recorded with 2 decimals), since a
 * difference in any digit must show.
 */
@JsonPropertyOrder({"agentId", "chain", "token", "expectedBalance", "actualBalance", "delta", "status", "reason"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReconciliationRow(String agentId, String chain, String token, BigInteger expectedBalance,
                                BigDecimal actualBalance, BigDecimal delta, BalanceStatus status, String reason) {

    public static ReconciliationRow compared(String agentId, String chain, String token, BigInteger expected,
                                             BigInteger actual) {
        return compared(agentId, chain, token, expected, new BigDecimal(actual));
    }

    public static ReconciliationRow compared(String agentId, String chain, String token, BigInteger expected,
                                             BigDecimal actual) {
        BigDecimal delta = actual.subtract(new BigDecimal(expected));
        return new ReconciliationRow(agentId, chain, token, expected, actual, delta,
                delta.signum() == 0 ? BalanceStatus.MATCH : BalanceStatus.MISMATCH, null);
    }

    public static ReconciliationRow missing(String agentId, String chain, String token, BigInteger expected) {
        return new ReconciliationRow(agentId, chain, token, expected, null, null, BalanceStatus.MISSING_ON_CHAIN, null);
    }

    public static ReconciliationRow notConfigured(String agentId, String chain, String token, BigInteger expected,
                                                  String reason) {
        return new ReconciliationRow(agentId, chain, token, expected, null, null, BalanceStatus.NOT_CONFIGURED, reason);
    }

    public static ReconciliationRow unreachable(String agentId, String chain, String token, BigInteger expected,
                                                String reason) {
        return new ReconciliationRow(agentId, chain, token, expected, null, null, BalanceStatus.UNREACHABLE, reason);
    }
}
