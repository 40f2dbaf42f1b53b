package dev.walletbackup.backup.format;

import dev.walletbackup.crypto.AuthenticationFailedException;
import dev.walletbackup.crypto.ChunkedAesGcm;
import dev.walletbackup.crypto.PieceStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The chunks of format versions 4 and 5 (docs/backup-format.md, sections 2.5 and 2.6): the payload cut into pieces of
 * the header's chunk size, each compressed alone ({@link ChunkCodec}: zlib in version 4, Zstandard in 5) and sealed, preceded by its sealed length. Pieces being independent, a writer
 * compresses and seals several at once and a reader opens and inflates several at once, on a worker per core, while
 * the file is written and read in order. At most two pieces per worker are in flight, so memory stays a few chunks
 * whatever the payload's size.
 */
final class CompressedChunks {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private CompressedChunks() {
    }

    /** The largest sealed length of a chunk of {@code chunkSize} bytes: its codec's worst case, plus the tag. */
    static int maxSealedLength(ChunkCodec codec, int chunkSize) {
        return codec.maxCompressedLength(chunkSize) + ChunkedAesGcm.TAG_BYTES;
    }

    private static ExecutorService workers(String purpose) {
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        return Executors.newFixedThreadPool(workerCount(), task -> {
            Thread thread = new Thread(task, "backup-chunks-" + purpose + "-" + pool + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private static int workerCount() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** The payload in, the chunks out to {@code file}; {@link #close()} seals the last and closes the file. */
    static final class Writer extends PieceStream {
        private final OutputStream file;
        private final ChunkedAesGcm aead;
        private final ChunkCodec codec;
        private final byte[] associatedData;
        private final int chunkSize;
        private final ExecutorService workers = workers("sealer");
        private final Deque<Future<byte[]>> inFlight = new ArrayDeque<>();
        private long index;

        Writer(OutputStream file, ChunkedAesGcm aead, ChunkCodec codec, byte[] associatedData, int chunkSize) {
            super(chunkSize);
            this.file = file;
            this.aead = aead;
            this.codec = codec;
            this.associatedData = associatedData.clone();
            this.chunkSize = chunkSize;
        }

        /** Hands the piece to a worker, first writing the oldest chunk when enough are in flight. */
        @Override
        protected byte[] emit(byte[] piece, int length, boolean last) throws IOException {
            try {
                if (inFlight.size() >= 2 * workerCount()) {
                    writeOldest();
                }
                long at = index++;
                inFlight.addLast(workers.submit(() -> seal(piece, length, at, last)));
            } catch (IOException | RuntimeException e) {
                workers.shutdownNow();
                throw e;
            }
            return new byte[chunkSize];
        }

        /** Writes every chunk in order and closes the file. */
        @Override
        protected void afterLast() throws IOException {
            try {
                while (!inFlight.isEmpty()) {
                    writeOldest();
                }
                file.close();
            } finally {
                workers.shutdownNow();
            }
        }

        /** Stops the workers without writing more, after a failure; the caller removes the file. */
        void abandon() {
            markClosed();
            workers.shutdownNow();
        }

        private byte[] seal(byte[] plaintext, int length, long at, boolean last) {
            try {
                byte[] compressed = codec.compress(plaintext, length);
                byte[] sealed = aead.seal(at, last, compressed, 0, compressed.length, associatedData);
                return ByteBuffer.allocate(4 + sealed.length).putInt(sealed.length).put(sealed).array();
            } finally {
                Arrays.fill(plaintext, (byte) 0);
            }
        }

        private void writeOldest() throws IOException {
            file.write(result(inFlight.removeFirst()));
        }

        private static byte[] result(Future<byte[]> chunk) throws IOException {
            try {
                return chunk.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while the backup's chunks were sealed");
            } catch (ExecutionException e) {
                throw new IOException("sealing a chunk of the backup failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /**
     * The payload of a file's chunks, read in order from {@code in} and opened and inflated on the workers ahead of
     * the reader. A failure is reported for the first chunk that fails, in the file's order, and nothing after it is
     * delivered; it is an {@link AuthenticationFailedException} (the caller names the file) or, for a chunk that
     * authenticates but does not inflate to its piece, a {@link BackupFormatException}.
     */
    static final class Reader extends InputStream {
        private final DataInputStream in;
        private final ChunkedAesGcm aead;
        private final ChunkCodec codec;
        private final byte[] associatedData;
        private final int chunkSize;
        private final int maxSealed;
        private final ExecutorService workers = workers("opener");
        private final Deque<Future<byte[]>> ahead = new ArrayDeque<>();
        /** The next chunk's sealed bytes, read before the one it follows is handed out: that one is final if null. */
        private byte[] next;
        private long nextIndex;
        private boolean lastSubmitted;
        private byte[] piece = new byte[0];
        private int position;

        Reader(InputStream in, ChunkedAesGcm aead, ChunkCodec codec, byte[] associatedData, int chunkSize) {
            this.in = new DataInputStream(in);
            this.aead = aead;
            this.codec = codec;
            this.associatedData = associatedData.clone();
            this.chunkSize = chunkSize;
            this.maxSealed = maxSealedLength(codec, chunkSize);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (position == piece.length) {
                if (!nextPiece()) {
                    return -1;
                }
            }
            int n = Math.min(length, piece.length - position);
            System.arraycopy(piece, position, target, offset, n);
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            workers.shutdownNow();
            in.close();
        }

        private boolean nextPiece() throws IOException {
            while (!lastSubmitted && ahead.size() < 2 * workerCount()) {
                submitNext();
            }
            if (ahead.isEmpty()) {
                return false;
            }
            piece = result(ahead.removeFirst());
            position = 0;
            return true;
        }

        /**
         * Reads the chunk after the next one to know whether the next one is the last, and hands the next out. A
         * failure to read takes the next one's place, so failures surface in the file's order.
         */
        private void submitNext() {
            byte[] sealed;
            long index;
            try {
                if (nextIndex == 0) {
                    next = readSealed(0);
                    if (next == null) {
                        throw new AuthenticationFailedException("no chunks after the header (file truncated)");
                    }
                }
                sealed = next;
                index = nextIndex++;
                next = readSealed(nextIndex);
            } catch (IOException | RuntimeException e) {
                lastSubmitted = true;
                ahead.addLast(CompletableFuture.failedFuture(e));
                return;
            }
            boolean last = next == null;
            lastSubmitted = last;
            ahead.addLast(workers.submit(opening(sealed, index, last)));
        }

        private Callable<byte[]> opening(byte[] sealed, long index, boolean last) {
            return () -> inflate(aead.open(index, last, sealed, associatedData), index, last);
        }

        private byte[] inflate(byte[] compressed, long index, boolean last) {
            byte[] piece = codec.decompress(compressed, index, chunkSize);
            if (!last && piece.length != chunkSize) {
                throw new BackupFormatException("chunk " + index + " decompresses to " + piece.length + " bytes, but "
                        + "every chunk before the last holds " + chunkSize);
            }
            return piece;
        }

        /** The sealed bytes of chunk {@code index}, or null at the end of the file. */
        private byte[] readSealed(long index) throws IOException {
            byte[] lengthBytes = in.readNBytes(4);
            if (lengthBytes.length == 0) {
                return null;
            }
            if (lengthBytes.length < 4) {
                throw new AuthenticationFailedException("file truncated inside the length of chunk " + index);
            }
            long length = ByteBuffer.wrap(lengthBytes).getInt() & 0xffffffffL;
            if (length < ChunkedAesGcm.TAG_BYTES || length > maxSealed) {
                throw new AuthenticationFailedException("chunk " + index + " has a length of " + length
                        + " bytes, outside 16 … " + maxSealed + " (altered or not a backup of this format)");
            }
            byte[] sealed = in.readNBytes((int) length);
            if (sealed.length < length) {
                throw new AuthenticationFailedException("file truncated inside chunk " + index);
            }
            return sealed;
        }

        private static byte[] result(Future<byte[]> piece) throws IOException {
            try {
                return piece.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while the backup's chunks were opened");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                if (e.getCause() instanceof IOException failure) {
                    throw failure;
                }
                throw new IOException("opening a chunk of the backup failed: " + e.getCause(), e.getCause());
            }
        }
    }
}
