package dev.walletbackup.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walletbackup.lifecycle.WalletLifecycleRecord.IllegalTransitionException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LifecycleTransitionsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-02T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-01-03T00:00:00Z");
    private static final Instant T3 = Instant.parse("2026-01-04T00:00:00Z");

    @Test
    void eachLegalMoveStampsItsOwnTime() {
        WalletLifecycleRecord pending = WalletLifecycleRecord.newlyCreated("a1", T0);
        WalletLifecycleRecord active = pending.transitionTo(LifecycleState.ACTIVE, null, T1);
        WalletLifecycleRecord suspended = active.transitionTo(LifecycleState.SUSPENDED, "fraud review", T2);
        WalletLifecycleRecord archived = suspended.transitionTo(LifecycleState.ARCHIVED, null, T3);

        assertThat(active.state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(active.activatedAt()).isEqualTo(T1);
        assertThat(suspended.suspendedAt()).isEqualTo(T2);
        assertThat(suspended.suspensionReason()).isEqualTo("fraud review");
        assertThat(archived.archivedAt()).isEqualTo(T3);
        assertThat(archived.createdAt()).isEqualTo(T0);
    }

    @Test
    void reactivationClearsTheReasonButKeepsWhenTheSuspensionHappened() {
        WalletLifecycleRecord suspended = WalletLifecycleRecord.newlyCreated("a1", T0)
                .transitionTo(LifecycleState.ACTIVE, null, T1)
                .transitionTo(LifecycleState.SUSPENDED, "limit", T2);
        WalletLifecycleRecord reactivated = suspended.transitionTo(LifecycleState.ACTIVE, null, T3);
        assertThat(reactivated.suspensionReason()).isNull();
        assertThat(reactivated.suspendedAt()).isEqualTo(T2);
        assertThat(reactivated.activatedAt()).isEqualTo(T3);
    }

    @ParameterizedTest
    @CsvSource({"PENDING,SUSPENDED", "PENDING,ARCHIVED", "PENDING,PENDING", "ACTIVE,PENDING", "ACTIVE,ACTIVE",
            "SUSPENDED,PENDING", "ARCHIVED,ACTIVE", "ARCHIVED,SUSPENDED", "ARCHIVED,PENDING"})
    void illegalMovesAreRefusedWithTheAllowedOnes(LifecycleState from, LifecycleState to) {
        WalletLifecycleRecord record = new WalletLifecycleRecord("a1", from, T0, null, null, null, null, 0,
                java.util.Map.of(), null, 0);
        assertThatThrownBy(() -> record.transitionTo(to, null, T1))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("agent a1 cannot move from " + from.wireName() + " to " + to.wireName());
    }

    @Test
    void archivedIsTerminal() {
        WalletLifecycleRecord archived = new WalletLifecycleRecord("a1", LifecycleState.ARCHIVED, T0, T1, null, T2,
                null, 0, java.util.Map.of(), null, 0);
        assertThatThrownBy(() -> archived.transitionTo(LifecycleState.ACTIVE, null, T3))
                .hasMessageContaining("archived is terminal");
    }
}
