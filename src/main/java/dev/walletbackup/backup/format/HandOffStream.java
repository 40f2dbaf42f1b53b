package dev.walletbackup.backup.format;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands what is written to it, in blocks, to a thread of its own that writes them to the stream underneath, so that
 * the caller goes on producing (the backup's document) while that thread compresses, seals and writes the blocks
 * before: two cores instead of one. At most {@value #QUEUED_BLOCKS} blocks wait between the two.
 * <p>
 * A failure underneath (a full disk) is thrown by the next {@code write} or by {@code close}, the same exception
 * instance, so that callers see what they would see without the hand-off. {@code close} writes what remains, closes
 * the stream underneath and waits for the thread; {@link #abandon()} stops the thread without writing more.
 */
final class HandOffStream extends OutputStream {
    static final int BLOCK_BYTES = 1 << 16;
    static final int QUEUED_BLOCKS = 4;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> blocks = new ArrayBlockingQueue<>(QUEUED_BLOCKS);
    private final Thread writer;
    private volatile Throwable failure;
    private byte[] block = new byte[BLOCK_BYTES];
    private int filled;
    private boolean closed;

    HandOffStream(OutputStream out, String name) {
        writer = new Thread(() -> drain(out), name);
        writer.setDaemon(true);
        writer.start();
    }

    private void drain(OutputStream out) {
        try {
            for (byte[] next = blocks.take(); next != END; next = blocks.take()) {
                out.write(next);
            }
            out.close();
        } catch (InterruptedException e) {
            failure = new InterruptedIOException("the backup file's writer was stopped");
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("the stream is closed");
        }
        while (length > 0) {
            int taken = Math.min(length, BLOCK_BYTES - filled);
            System.arraycopy(data, offset, block, filled, taken);
            filled += taken;
            offset += taken;
            length -= taken;
            if (filled == BLOCK_BYTES) {
                handOff(block);
                block = new byte[BLOCK_BYTES];
                filled = 0;
            }
        }
    }

    /** Writes what remains, closes the stream underneath once its thread has written everything, and waits for it. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (filled > 0) {
            handOff(Arrays.copyOf(block, filled));
        }
        handOff(END);
        try {
            writer.join();
        } catch (InterruptedException e) {
            writer.interrupt();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the backup file was being written");
        }
        rethrowFailure();
    }

    /** Stops the thread, leaving the stream underneath as it is; for a run that failed. */
    void abandon() {
        closed = true;
        writer.interrupt();
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Queues a block, waiting for room; a failure of the thread (which then takes no more) is thrown instead. */
    private void handOff(byte[] data) throws IOException {
        try {
            while (true) {
                rethrowFailure();
                if (blocks.offer(data, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the backup file was being written");
        }
    }

    private void rethrowFailure() throws IOException {
        Throwable failed = failure;
        if (failed instanceof IOException io) {
            throw io;
        }
        if (failed instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failed instanceof Error error) {
            throw error;
        }
    }
}
