package dev.walletbackup.monitoring;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.routes.ExchangeProperties;
import java.time.Clock;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * The failure events of the service, in the envelope of WALLET_BALANCE_MISMATCH (type, timestamp, node id, then the
 * event's own fields) and sent to the same telemetry endpoint: a scheduled backup that failed
 * (WALLET_BACKUP_FAILED) and an off-site copy pending longer than {@code wallet.health.max-pending-age}
 * (WALLET_BACKUP_COPY_PENDING). Reasons are operator messages, which never carry secrets.
 */
public final class FailureTelemetry {
    public static final String BACKUP_FAILED = "WALLET_BACKUP_FAILED";
    public static final String COPY_PENDING = "WALLET_BACKUP_COPY_PENDING";

    private final String nodeId;
    private final Clock clock;

    public FailureTelemetry(String nodeId, Clock clock) {
        this.nodeId = nodeId;
        this.clock = clock;
    }

    @JsonPropertyOrder({"type", "timestamp", "nodeId", "backupType", "reason"})
    public record BackupFailedEvent(String type, long timestamp, String nodeId, String backupType, String reason) {
    }

    @JsonPropertyOrder({"type", "timestamp", "nodeId", "backupId", "destination", "pendingSince", "attempts", "reason"})
    public record CopyPendingEvent(String type, long timestamp, String nodeId, String backupId, String destination,
                                   String pendingSince, int attempts, String reason) {
    }

    /** Whether the backup run that just ended was started by a schedule and failed. */
    public boolean isScheduledFailure(@Body Object body, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure,
                                      @ExchangeProperty(ExchangeProperties.BACKUP_SCHEDULED) Boolean scheduled) {
        return Boolean.TRUE.equals(scheduled) && BackupRuns.reportOf(body, failure) == null;
    }

    public String backupFailed(@ExchangeProperty(ExchangeProperties.BACKUP_REQUESTED) String requested,
                               @ExchangeProperty(ExchangeProperties.FAILURE_MESSAGE) String reason)
            throws JsonProcessingException {
        return line(new BackupFailedEvent(BACKUP_FAILED, clock.millis(), nodeId, requested, reason));
    }

    public String copyPending(@Body PendingCopyWatch.PendingCopy copy) throws JsonProcessingException {
        return line(new CopyPendingEvent(COPY_PENDING, clock.millis(), nodeId, copy.backupId(), copy.destination(),
                copy.pendingSince().toString(), copy.attempts(), copy.reason()));
    }

    private static String line(Object event) throws JsonProcessingException {
        return WalletJson.mapper().writeValueAsString(event) + "\n";
    }
}
