package dev.walletbackup.store;

import dev.walletbackup.statedigest.LtHash;
import dev.walletbackup.statedigest.RowSum;
import dev.walletbackup.statedigest.StateElement;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A change to the wallet state, as the store's LtHash and row sum follow it: the new versions of records added, the
 * old ones removed ({@link StateDigestLedger#apply}). Built from records only, so the two sums cannot disagree.
 */
public final class StateChange {
    private final LtHash ltHash = LtHash.empty();
    private final RowSum rowSum = RowSum.empty();

    public StateChange add(StateRecord record) {
        StateElement element = record.stateElement();
        ltHash.add(element.bytes());
        byte[] row = row(record, element);
        rowSum.add(element.section(), row, 0, row.length);
        return this;
    }

    public StateChange remove(StateRecord record) {
        StateElement element = record.stateElement();
        ltHash.remove(element.bytes());
        byte[] row = row(record, element);
        rowSum.remove(element.section(), row, 0, row.length);
        return this;
    }

    public LtHash ltHash() {
        return ltHash;
    }

    public RowSum rowSum() {
        return rowSum;
    }

    private static byte[] row(StateRecord record, StateElement element) {
        List<String> values = record.rowValues();
        return values == null ? element.canonicalJson() : RowText.of(values).getBytes(StandardCharsets.UTF_8);
    }
}
