package dev.walletbackup.reconcile;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.walletbackup.json.WalletJson;
import java.time.Clock;
import org.apache.camel.Body;

/**
 * The WALLET_BALANCE_MISMATCH telemetry event, with exactly the original connector's fields, as one JSON line for
 * the configured telemetry endpoint.
 */
public final class MismatchTelemetry {
    private final String nodeId;
    private final Clock clock;

    public MismatchTelemetry(String nodeId, Clock clock) {
        this.nodeId = nodeId;
        this.clock = clock;
    }

    /** The event as the original connector defined it; balances are exact integer strings. */
    @JsonPropertyOrder({"type", "timestamp", "nodeId", "agentId", "chain", "token", "expectedBalance", "actualBalance"})
    public record WalletBalanceMismatchEvent(String type, long timestamp, String nodeId, String agentId, String chain,
                                             String token, String expectedBalance, String actualBalance) {
    }

    /** The chain of the mismatch, for the counter's tag. */
    public String chainOf(@Body ReconciliationRow row) {
        return row.chain();
    }

    public String event(@Body ReconciliationRow row) throws JsonProcessingException {
        WalletBalanceMismatchEvent event = new WalletBalanceMismatchEvent("WALLET_BALANCE_MISMATCH",
                clock.millis(), nodeId, row.agentId(), row.chain(), row.token(), row.expectedBalance().toString(),
                row.actualBalance().toPlainString());
        return WalletJson.mapper().writeValueAsString(event) + "\n";
    }
}
