package dev.walletbackup.store;

import dev.walletbackup.statedigest.StateElement;
import java.util.List;

/**
 * A record of the wallet state as {@link StateDigestLedger} keeps it: its LtHash element and its row as the store
 * holds it. The two describe the same values, so the store's LtHash and row sum change together.
 */
public interface StateRecord {
    StateElement stateElement();

    /**
     * The record's columns in its table's order without the change sequence, as text the way PostgreSQL's COPY writes
     * them (instants as epoch milliseconds; null for an absent value); null for a record that is no section's row
     * (the seed), whose canonical JSON stands for it in the row sum.
     */
    List<String> rowValues();
}
