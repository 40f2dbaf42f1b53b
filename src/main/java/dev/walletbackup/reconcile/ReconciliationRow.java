package dev.walletbackup.reconcile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigInteger;

/** One (agent, chain, token) compared: exact integers in the token's smallest unit, delta = actual − expected. */
@JsonPropertyOrder({"agentId", "chain", "token", "expectedBalance", "actualBalance", "delta", "status", "reason"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReconciliationRow(String agentId, String chain, String token, BigInteger expectedBalance,
                                BigInteger actualBalance, BigInteger delta, BalanceStatus status, String reason) {

    public static ReconciliationRow compared(String agentId, String chain, String token, BigInteger expected,
                                             BigInteger actual) {
        return new ReconciliationRow(agentId, chain, token, expected, actual, actual.subtract(expected),
                actual.equals(expected) ? BalanceStatus.MATCH : BalanceStatus.MISMATCH, null);
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
