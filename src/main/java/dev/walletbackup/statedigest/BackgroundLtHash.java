package dev.walletbackup.statedigest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * An LtHash summed on a thread of its own while the caller goes on reading and writing rows: a full backup and a
 * restore's proof hash every record of the state, about a microsecond each, which the second core can take. The
 * elements travel in batches; at most a few batches wait, so memory stays bounded however large the state.
 * Add from one thread only.
 */
public final class BackgroundLtHash implements AutoCloseable {
    private static final int BATCH = 1024;
    private static final int BATCHES_WAITING = 4;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "lthash");
        thread.setDaemon(true);
        return thread;
    });
    private final Semaphore waiting = new Semaphore(BATCHES_WAITING);
    private final LtHash sum;
    private Future<?> last;
    private List<byte[]> batch = new ArrayList<>(BATCH);

    /** @param start the hash to add to, used by the worker from now on and returned by {@link #finish} */
    public BackgroundLtHash(LtHash start) {
        this.sum = start;
    }

    public void add(byte[] element) {
        batch.add(element);
        if (batch.size() == BATCH) {
            submit();
        }
    }

    /** Waits for every element to be added and returns the sum. */
    public LtHash finish() {
        submit();
        try {
            if (last != null) {
                // one worker takes the batches in order, so the last one done means all are
                last.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while summing the state's LtHash", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("summing the state's LtHash failed", e.getCause());
        } finally {
            worker.shutdown();
        }
        return sum;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    private void submit() {
        if (batch.isEmpty()) {
            return;
        }
        List<byte[]> full = batch;
        batch = new ArrayList<>(BATCH);
        waiting.acquireUninterruptibly();
        Future<?> previous = last;
        last = worker.submit(() -> {
            try {
                if (previous != null) {
                    previous.get();
                }
                full.forEach(sum::add);
                return null;
            } finally {
                waiting.release();
            }
        });
    }
}
