package dev.walletbackup.drill;

import dev.walletbackup.restore.RestoreReport;
import dev.walletbackup.restore.RestoreRequest;
import dev.walletbackup.routes.ExchangeProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * The steps of one source's drill around the restore route: the restore it asks for (a dry run of the newest chain:
 * every check of a real restore, applied to a scratch store that is thrown away), and the outcome it then records.
 */
public final class DrillAttempts {
    private final Clock clock;

    public DrillAttempts(Clock clock) {
        this.clock = clock;
    }

    public DrillAttempt begin(@Body String source) {
        return new DrillAttempt(source, DrillSources.kindOf(source), clock.instant());
    }

    /** The newest chain of the source, of the only installation there, as a dry run: the store is not touched. */
    public RestoreRequest restoreRequest(@ExchangeProperty(ExchangeProperties.DRILL_ATTEMPT) DrillAttempt attempt) {
        return new RestoreRequest(attempt.source(), null, null, true, false);
    }

    /** The restore route returned: every check passed (it fails otherwise). */
    public DrillOutcome proven(@ExchangeProperty(ExchangeProperties.DRILL_ATTEMPT) DrillAttempt attempt,
                               @Body RestoreReport report) {
        return new DrillOutcome(attempt.source(), attempt.kind(), DrillResult.PROVEN, attempt.startedAt(),
                report.target(), report.chain().size(), report.chain(), report.restored(), report.walletsRederived(),
                report.addressesMatch(), report.stateDigest(), report.digestMatch(), elapsedMs(attempt), null, null);
    }

    /** The restore route failed with the caught exception, described for the operator as the route's errors are. */
    public DrillOutcome failed(@ExchangeProperty(ExchangeProperties.DRILL_ATTEMPT) DrillAttempt attempt,
                               @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure,
                               @ExchangeProperty(ExchangeProperties.FAILURE_MESSAGE) String message) {
        return new DrillOutcome(attempt.source(), attempt.kind(), DrillResult.of(failure), attempt.startedAt(), null,
                0, List.of(), Map.of(), 0, false, null, false, elapsedMs(attempt), message, failure);
    }

    public boolean isFailure(@Body DrillOutcome outcome) {
        return !outcome.proven();
    }

    private long elapsedMs(DrillAttempt attempt) {
        return Duration.between(attempt.startedAt(), clock.instant()).toMillis();
    }
}
