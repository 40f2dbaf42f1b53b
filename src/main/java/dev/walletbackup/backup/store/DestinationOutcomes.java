package dev.walletbackup.backup.store;

import dev.walletbackup.backup.catalog.DestinationOutcome;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Gathers the multicast's per-destination results into one list, recording a destination that threw as
 * {@code failed} with its message instead of failing the whole backup: each destination's outcome stands alone.
 */
public final class DestinationOutcomes implements AggregationStrategy {
    public static final String DESTINATION = "walletBackupDestination";

    @Override
    public Exchange aggregate(Exchange collected, Exchange next) {
        DestinationOutcome outcome;
        Exception failure = next.getException();
        if (failure != null) {
            String name = next.getProperty(DESTINATION, "unknown", String.class);
            outcome = DestinationOutcome.failed(name, null, failure.getMessage());
            next.setException(null);
        } else {
            outcome = next.getMessage().getBody(DestinationOutcome.class);
        }
        Exchange result = collected == null ? next : collected;
        @SuppressWarnings("unchecked")
        List<DestinationOutcome> outcomes = collected == null ? new ArrayList<>() : result.getMessage().getBody(List.class);
        outcomes.add(outcome);
        result.getMessage().setBody(outcomes);
        return result;
    }
}
