package dev.walletbackup.drill;

import dev.walletbackup.backup.destination.LocalDirectoryDestination;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Body;

/**
 * The drills' metrics: {@code wallet.drills} counts drilled sources by {@code outcome} and {@code source} kind, and
 * {@code wallet.drill.last.success.time} is when the last proven drill of each kind started (seconds since the
 * epoch, as Micrometer's other {@code .time} gauges). The gauge starts from the catalog, so that a restarted service
 * does not report a drill it proved last week as never done.
 */
public final class DrillMetrics {
    static final String DRILLS = "wallet.drills";
    static final String LAST_SUCCESS = "wallet.drill.last.success.time";

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    public DrillMetrics(MeterRegistry registry, Map<String, Instant> lastProven) {
        this.registry = registry;
        lastProven.forEach((kind, startedAt) -> lastSuccessOf(kind).set(startedAt.getEpochSecond()));
        // exported from the start: a local directory never drilled reads 0 (1970), which any age alert catches
        lastSuccessOf(LocalDirectoryDestination.NAME);
        registry.counter(DRILLS, "outcome", DrillResult.PROVEN.wireName(), "source", LocalDirectoryDestination.NAME);
    }

    public void count(@Body DrillOutcome outcome) {
        registry.counter(DRILLS, "outcome", outcome.outcome().wireName(), "source", outcome.kind()).increment();
        if (outcome.proven()) {
            lastSuccessOf(outcome.kind()).set(outcome.startedAt().getEpochSecond());
        }
    }

    private AtomicLong lastSuccessOf(String kind) {
        return lastSuccess.computeIfAbsent(kind, key -> {
            AtomicLong seconds = new AtomicLong();
            Gauge.builder(LAST_SUCCESS, seconds, AtomicLong::doubleValue).tag("source", key).baseUnit("seconds")
                    .description("When the last proven restore drill of this kind of source started")
                    .register(registry);
            return seconds;
        });
    }
}
