package dev.walletbackup.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.walletbackup.bench.PhaseMeter.PhaseFigures;
import java.util.Map;

/**
 * What one phase of the benchmark measured.
 *
 * @param processMs       wall time of the phase's whole process, JVM start to exit, as {@code time} would show the
 *                        same command: measured by the benchmark that started it (null inside the phase itself)
 * @param wallMs          wall time of the work inside the process: the store is open, the application is not yet
 *                        started (it starts and stops within this time, as for one command)
 * @param routeMs         the route's own duration as its report gives it; null for work that is no route
 * @param peakLiveHeapMiB the most heap left in use by any garbage collection during the work
 * @param peakRssMiB      the process's peak resident memory (VmHWM) at the end of the work; null off Linux
 * @param maxHeapMiB      the process's heap limit
 * @param details         what the phase did: rows, bytes, rates, digests
 */
@JsonPropertyOrder({"processMs", "wallMs", "routeMs", "peakLiveHeapMiB", "peakRssMiB", "maxHeapMiB", "details"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PhaseResult(Long processMs, long wallMs, Long routeMs, long peakLiveHeapMiB, Long peakRssMiB,
                          long maxHeapMiB, Map<String, Object> details) {

    public static PhaseResult of(PhaseFigures figures, Long routeMs, Map<String, Object> details) {
        return new PhaseResult(null, figures.wallMs(), routeMs, figures.peakLiveHeapMiB(), figures.peakRssMiB(),
                figures.maxHeapMiB(), details);
    }

    /** The same figures with the wall time of the process that measured them. */
    public PhaseResult withProcessMs(long ms) {
        return new PhaseResult(ms, wallMs, routeMs, peakLiveHeapMiB, peakRssMiB, maxHeapMiB, details);
    }
}
