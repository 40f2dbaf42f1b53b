package dev.walletbackup.backup.destination;

import dev.walletbackup.routes.ExchangeProperties;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Gathers the per-destination results of a backup's recipient list into one list. A destination that threw is
 * recorded instead of failing the whole backup: off-site copies as {@code pending} (they are retried from the
 * local file), the local directory as {@code failed}.
 */
public final class DestinationOutcomes implements AggregationStrategy {
    private final Clock clock;

    public DestinationOutcomes(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Exchange aggregate(Exchange collected, Exchange next) {
        DestinationOutcome outcome = outcomeOf(next, clock);
        Exchange result = collected == null ? next : collected;
        @SuppressWarnings("unchecked")
        List<DestinationOutcome> outcomes = collected == null ? new ArrayList<>() : result.getMessage().getBody(List.class);
        outcomes.add(outcome);
        result.getMessage().setBody(outcomes);
        return result;
    }

    /** The outcome one destination's exchange carries: its reply, or its failure turned into a record. */
    static DestinationOutcome outcomeOf(Exchange exchange, Clock clock) {
        Exception failure = exchange.getException();
        if (failure == null) {
            return exchange.getMessage().getBody(DestinationOutcome.class);
        }
        exchange.setException(null);
        String name = exchange.getProperty(ExchangeProperties.BACKUP_DESTINATION, "unknown", String.class);
        int attempt = exchange.getProperty(ExchangeProperties.BACKUP_ATTEMPT, 1, Integer.class);
        String message = describe(failure, exchange.getProperty(ExchangeProperties.BACKUP_FILE_NAME, String.class));
        return DestinationOutcome.failed(name, null, message, attempt, clock.instant(),
                !LocalDirectoryDestination.NAME.equals(name));
    }

    /**
     * Why a copy of {@code fileName} failed, in words: camel-aws2-s3's uploads throw the SDK's own exceptions, whose
     * messages are the SDK's ("Unable to execute HTTP request …"), so those say what {@link S3Destination#reason} says.
     */
    public static String describe(Exception failure, String fileName) {
        return failure instanceof SdkException sdk ? S3Destination.failure("upload", fileName, sdk).getMessage()
                : failure.getMessage();
    }
}
