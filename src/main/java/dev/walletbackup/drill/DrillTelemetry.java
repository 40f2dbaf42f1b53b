package dev.walletbackup.drill;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.walletbackup.json.WalletJson;
import java.time.Clock;
import org.apache.camel.Body;

/**
 * The WALLET_BACKUP_DRILL_FAILED telemetry event: the envelope of WALLET_BALANCE_MISMATCH ({@code type},
 * {@code timestamp} in epoch milliseconds, {@code nodeId}) with what the drill found, as one JSON line for the same
 * telemetry endpoint. The reason is the operator's message, which never carries a secret.
 */
public final class DrillTelemetry {
    static final String TYPE = "WALLET_BACKUP_DRILL_FAILED";

    private final String nodeId;
    private final Clock clock;

    public DrillTelemetry(String nodeId, Clock clock) {
        this.nodeId = nodeId;
        this.clock = clock;
    }

    @JsonPropertyOrder({"type", "timestamp", "nodeId", "source", "outcome", "startedAt", "reason"})
    public record WalletBackupDrillFailedEvent(String type, long timestamp, String nodeId, String source,
                                               String outcome, String startedAt, String reason) {
    }

    public String event(@Body DrillOutcome outcome) throws JsonProcessingException {
        return WalletJson.mapper().writeValueAsString(new WalletBackupDrillFailedEvent(TYPE, clock.millis(), nodeId,
                outcome.source(), outcome.outcome().wireName(), outcome.startedAt().toString(), outcome.message()))
                + "\n";
    }

    /** The log line: the source, the outcome and the operator's message, which names the file. */
    public String reason(@Body DrillOutcome outcome) {
        return "Restore drill of " + outcome.source() + " failed (" + outcome.outcome().wireName() + "): "
                + outcome.message();
    }
}
