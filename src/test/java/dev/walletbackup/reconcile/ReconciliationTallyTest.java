package dev.walletbackup.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a reconciliation report keeps of many rows: totals of all, rows that are not MATCH up to the limit. */
class ReconciliationTallyTest {
    static final Reconciler.Heights HEIGHTS = new Reconciler.Heights(7L, null, null, "no XRP Ledger server");

    static ReconciliationRow mismatch(String agent, long expected, long actual) {
        return ReconciliationRow.compared(agent, "evm", "ETH", BigInteger.valueOf(expected), BigInteger.valueOf(actual));
    }

    static ReconciliationRow notConfigured(String agent) {
        return ReconciliationRow.notConfigured(agent, "xrp", "XRP", BigInteger.TEN, "no XRP Ledger server");
    }

    @Test
    void theLargestMismatchesComeFirstThenTheOtherRowsInOrderUpToTheLimitAndTheRestIsCounted() {
        ReconciliationTally tally = new ReconciliationTally(3);
        tally.addAll(List.of(
                mismatch("a", 10, 15),
                ReconciliationRow.missing("b", "evm", "0xdead", BigInteger.ONE),
                mismatch("c", 10, 1),
                mismatch("d", 10, 10),
                ReconciliationRow.unreachable("e", "evm", "ETH", BigInteger.ONE, "timed out"),
                mismatch("f", 10, 11),
                mismatch("g", 10, 12),
                notConfigured("h"),
                ReconciliationRow.missing("i", "evm", "0xbeef", BigInteger.ONE)));

        ReconciliationReport report = tally.report(HEIGHTS);

        assertThat(report.rows()).extracting(row -> row.agentId() + " " + row.status())
                .containsExactly("c MISMATCH", "a MISMATCH", "g MISMATCH");
        assertThat(report.rowsLeftOut()).as("f, b, e and i").isEqualTo(4);
        assertThat(report.totals()).containsExactlyInAnyOrderEntriesOf(Map.of("MATCH", 1L, "MISMATCH", 4L,
                "MISSING_ON_CHAIN", 2L, "UNREACHABLE", 1L, "NOT_CONFIGURED", 1L));
        assertThat(report.perChain()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "evm", Map.of("MATCH", 1L, "MISMATCH", 4L, "MISSING_ON_CHAIN", 2L, "UNREACHABLE", 1L),
                "xrp", Map.of("NOT_CONFIGURED", 1L)));
        assertThat(report.evmBlock()).isEqualTo(7L);
    }

    @Test
    void equalDeltasKeepTheirOrderAndRowsThatAreNotMismatchesFillWhatIsLeft() {
        ReconciliationTally tally = new ReconciliationTally(3);
        tally.addAll(List.of(mismatch("a", 5, 0), mismatch("b", 0, 5),
                ReconciliationRow.missing("c", "evm", "0xdead", BigInteger.ONE),
                ReconciliationRow.missing("d", "evm", "0xbeef", BigInteger.ONE)));

        ReconciliationReport report = tally.report(HEIGHTS);

        assertThat(report.rows()).extracting(ReconciliationRow::agentId).containsExactly("a", "b", "c");
        assertThat(report.rowsLeftOut()).isEqualTo(1);
    }

    @Test
    void aChainWithoutAnEndpointIsNamedOnceHoweverManySnapshotsItHas() {
        ReconciliationTally tally = new ReconciliationTally(1000);
        for (int i = 0; i < 5000; i++) {
            tally.add(notConfigured("agent-" + i));
        }

        ReconciliationReport report = tally.report(HEIGHTS);

        assertThat(report.notConfigured()).containsExactly(Map.entry("xrp", "no XRP Ledger server"));
        assertThat(report.rows()).isEmpty();
        assertThat(report.rowsLeftOut()).isZero();
        assertThat(report.totals().get("NOT_CONFIGURED")).isEqualTo(5000);
    }

    @Test
    void snapshotsOfAChainNobodyAskedAreCountedOnceWithTheReasonAndKeepNoRow() {
        ReconciliationTally tally = new ReconciliationTally(3);
        tally.add(notConfigured("a"));
        tally.addNotConfigured("xrp", "no XRP Ledger server", 1_000_000);
        tally.addNotConfigured("evm", "no EVM node", 0);

        ReconciliationReport report = tally.report(HEIGHTS);

        assertThat(report.totals()).containsEntry("NOT_CONFIGURED", 1_000_001L);
        assertThat(report.perChain()).containsExactlyEntriesOf(Map.of("xrp", Map.of("NOT_CONFIGURED", 1_000_001L)));
        assertThat(report.notConfigured()).containsExactlyEntriesOf(Map.of("xrp", "no XRP Ledger server"));
        assertThat(report.rows()).isEmpty();
        assertThat(report.rowsLeftOut()).isZero();
    }
}
