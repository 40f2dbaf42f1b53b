package dev.walletbackup.bench;

/**
 * Measures one phase of the benchmark in this process: wall time, the peak live heap (the most that any garbage
 * collection left in use, {@link LiveHeapMonitor}) and the process's peak resident memory when it ends. The peak
 * resident memory is that of the whole process up to then, which is why the benchmark runs each phase in a JVM of
 * its own.
 */
public final class PhaseMeter implements AutoCloseable {
    private static final long MIB = 1024 * 1024;

    private final long started;
    private final LiveHeapMonitor heap;

    private PhaseMeter() {
        // what the phase leaves live is measured, not what start-up left as garbage
        System.gc();
        this.heap = LiveHeapMonitor.start();
        this.started = System.nanoTime();
    }

    public static PhaseMeter start() {
        return new PhaseMeter();
    }

    /** The figures of the phase so far. */
    public PhaseFigures figures() {
        long wallMs = (System.nanoTime() - started) / 1_000_000;
        return new PhaseFigures(wallMs, heap.peakBytes() / MIB,
                ProcessMemory.peakResidentBytes().stream().mapToObj(bytes -> bytes / MIB).findFirst().orElse(null),
                Runtime.getRuntime().maxMemory() / MIB);
    }

    @Override
    public void close() {
        heap.close();
    }

    /**
     * @param wallMs          wall time of the phase
     * @param peakLiveHeapMiB the most heap in use after any garbage collection during the phase
     * @param peakRssMiB      the process's peak resident memory ({@code VmHWM}) when the phase ended; null off Linux
     * @param maxHeapMiB      the heap limit of the process ({@code -Xmx})
     */
    public record PhaseFigures(long wallMs, long peakLiveHeapMiB, Long peakRssMiB, long maxHeapMiB) {
    }
}
