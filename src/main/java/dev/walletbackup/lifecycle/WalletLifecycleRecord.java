package dev.walletbackup.lifecycle;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.walletbackup.statedigest.StateElement;
import dev.walletbackup.store.StateRecord;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lifecycle of one agent wallet, named as the original connector's {@code WalletLifecycleRecord}.
 * {@code totalVolume} maps a token to an exact integer amount in its smallest unit.
 */
@JsonPropertyOrder({"agentId", "state", "createdAt", "activatedAt", "suspendedAt", "archivedAt", "lastActivity",
        "totalTransactions", "totalVolume", "suspensionReason", "changeSeq"})
public record WalletLifecycleRecord(String agentId, LifecycleState state, Instant createdAt, Instant activatedAt,
                                    Instant suspendedAt, Instant archivedAt, Instant lastActivity,
                                    long totalTransactions, Map<String, BigInteger> totalVolume,
                                    String suspensionReason, long changeSeq) implements StateRecord {

    public WalletLifecycleRecord {
        totalVolume = Map.copyOf(new TreeMap<>(totalVolume));
    }

    /** This record as a record of wallet state, for the backups' digests. */
    @Override
    public StateElement stateElement() {
        Map<String, String> volume = new TreeMap<>();
        totalVolume.forEach((token, amount) -> volume.put(token, amount.toString()));
        return StateElement.lifecycle(millis(activatedAt), agentId, millis(archivedAt), createdAt.toEpochMilli(),
                millis(lastActivity), state.wireName(), millis(suspendedAt), suspensionReason, totalTransactions, volume);
    }

    @Override
    public List<String> rowValues() {
        return Arrays.asList(agentId, state.wireName(), text(createdAt), text(activatedAt), text(suspendedAt),
                text(archivedAt), text(lastActivity), Long.toString(totalTransactions),
                LifecycleRepository.encodedVolume(this), suspensionReason);
    }

    private static String text(Instant instant) {
        return instant == null ? null : Long.toString(instant.toEpochMilli());
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    public static WalletLifecycleRecord newlyCreated(String agentId, Instant now) {
        return new WalletLifecycleRecord(agentId, LifecycleState.PENDING, now, null, null, null, null, 0, Map.of(),
                null, 0);
    }

    /**
     * The record after moving to {@code target} at {@code now}; each move stamps its own time. Re-activation
     * clears the suspension reason but keeps when the suspension happened.
     *
     * @throws IllegalTransitionException if the lifecycle does not allow the move
     */
    public WalletLifecycleRecord transitionTo(LifecycleState target, String reason, Instant now) {
        if (!state.allowedTargets().contains(target)) {
            String allowed = state.allowedTargets().isEmpty() ? state.wireName() + " is terminal"
                    : "from " + state.wireName() + " it can only move to "
                    + state.allowedTargets().stream().map(LifecycleState::wireName).sorted().toList();
            throw new IllegalTransitionException("agent " + agentId + " cannot move from " + state.wireName()
                    + " to " + target.wireName() + ": " + allowed);
        }
        return switch (target) {
            case ACTIVE -> new WalletLifecycleRecord(agentId, target, createdAt, now, suspendedAt, archivedAt,
                    lastActivity, totalTransactions, totalVolume, null, changeSeq);
            case SUSPENDED -> new WalletLifecycleRecord(agentId, target, createdAt, activatedAt, now, archivedAt,
                    lastActivity, totalTransactions, totalVolume, reason, changeSeq);
            case ARCHIVED -> new WalletLifecycleRecord(agentId, target, createdAt, activatedAt, suspendedAt, now,
                    lastActivity, totalTransactions, totalVolume, suspensionReason, changeSeq);
            case PENDING -> throw new IllegalStateException("no state moves back to pending");
        };
    }

    /** A lifecycle move that the rules forbid. */
    public static final class IllegalTransitionException extends IllegalStateException {
        IllegalTransitionException(String message) {
            super(message);
        }
    }
}
