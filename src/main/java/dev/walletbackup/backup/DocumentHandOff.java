package dev.walletbackup.backup;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs the backup document's writing (JSON, canonical digest) on a thread of its own, in the order handed in, while
 * the route's thread goes on reading and mapping the next rows from the store: two cores instead of one. At most
 * {@value #QUEUED} batches wait between the two, which bounds memory.
 * <p>
 * A failure of the writing (a full disk, a record out of order) is thrown by the next {@link #submit} or by
 * {@link #finish}, as the same exception instance; {@link #abandon} stops the thread without running the rest.
 */
final class DocumentHandOff {
    static final int QUEUED = 4;
    private static final Runnable END = () -> {
    };

    private final BlockingQueue<Runnable> work = new ArrayBlockingQueue<>(QUEUED);
    private final Thread writer;
    private volatile RuntimeException failure;
    private boolean finished;

    DocumentHandOff(String name) {
        writer = new Thread(this::drain, name);
        writer.setDaemon(true);
        writer.start();
    }

    /** Runs the steps in order; after a failure it goes on taking them without running them, so no submitter waits. */
    private void drain() {
        try {
            for (Runnable next = work.take(); next != END; next = work.take()) {
                if (failure == null) {
                    run(next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failure = e;
        } catch (Error e) {
            failure = new IllegalStateException("writing the backup document failed: " + e, e);
        }
    }

    /** Queues {@code step} behind the steps before it, waiting while {@value #QUEUED} are waiting already. */
    void submit(Runnable step) {
        throwFailure();
        put(step);
    }

    /** Waits until every step handed in has run; throws the first failure of one. */
    void finish() {
        if (!finished) {
            finished = true;
            put(END);
            join();
        }
        throwFailure();
    }

    /** Stops the thread without running what waits, after a failure elsewhere. */
    void abandon() {
        finished = true;
        writer.interrupt();
        join();
    }

    private void put(Runnable step) {
        try {
            work.put(step);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing the backup document a batch", e);
        }
    }

    private void join() {
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the backup document", e);
        }
    }

    private void throwFailure() {
        RuntimeException found = failure;
        if (found != null) {
            throw found;
        }
    }
}
