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
        return change(record, true);
    }

    public StateChange remove(StateRecord record) {
        return change(record, false);
    }

    public LtHash ltHash() {
        return ltHash;
    }

    public RowSum rowSum() {
        return rowSum;
    }

    private StateChange change(StateRecord record, boolean added) {
        StateElement element = record.stateElement();
        List<String> values = record.rowValues();
        byte[] row = values == null ? element.canonicalJson() : RowText.of(values).getBytes(StandardCharsets.UTF_8);
        if (added) {
            ltHash.add(element.bytes());
            rowSum.add(element.section(), row, 0, row.length);
        } else {
            ltHash.remove(element.bytes());
            rowSum.remove(element.section(), row, 0, row.length);
        }
        return this;
    }
}
