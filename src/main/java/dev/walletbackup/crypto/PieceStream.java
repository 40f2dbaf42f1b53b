package dev.walletbackup.crypto;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Cuts what is written into pieces of a fixed size, and hands a full piece on only once more is written after it:
 * so the last piece, full or not, is handed on as the last one by {@link #close()}. The sealing of chunks needs
 * exactly that (a chunk's nonce says whether it is the last, docs/backup-format.md sections 2.4 and 2.5).
 */
public abstract class PieceStream extends OutputStream {
    private final int pieceSize;
    private byte[] piece;
    private int filled;
    private boolean closed;

    protected PieceStream(int pieceSize) {
        this.pieceSize = pieceSize;
        this.piece = new byte[pieceSize];
    }

    /**
     * Takes one piece: {@code length} bytes of {@code piece}, the last one if {@code last}. Returns the buffer to fill
     * next: {@code piece} again once it is no longer needed, or a new one while it is still in use.
     */
    protected abstract byte[] emit(byte[] piece, int length, boolean last) throws IOException;

    /** What a close does after the last piece was handed on: close what is underneath. */
    protected abstract void afterLast() throws IOException;

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
            if (filled == pieceSize) {
                // more follows this piece, so it is not the last
                piece = emit(piece, filled, false);
                filled = 0;
            }
            int taken = Math.min(length, pieceSize - filled);
            System.arraycopy(data, offset, piece, filled, taken);
            filled += taken;
            offset += taken;
            length -= taken;
        }
    }

    /** Hands on the last piece (possibly empty), then {@link #afterLast()}. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        emit(piece, filled, true);
        afterLast();
    }

    /** Marks the stream closed without handing on the last piece, after a failure. */
    protected void markClosed() {
        closed = true;
    }
}
