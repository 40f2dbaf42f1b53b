package dev.walletbackup.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Streaming AEAD: AES-256-GCM over fixed-size chunks. Chunk i is sealed with nonce {@code 000000 || i (u64) ||
 * final flag} and the caller's associated data, so flipped bits, reordered, dropped, appended or foreign chunks
 * and truncation at a chunk boundary all fail. Callers give a data key and associated data, never a nonce: the
 * nonces are unique because each data key seals exactly one stream. See docs/backup-format.md, section 2.4.
 */
public final class ChunkedAesGcm {
    public static final int TAG_BYTES = 16;
    public static final int MIN_CHUNK_SIZE = 4096;
    public static final int MAX_CHUNK_SIZE = 16 * 1024 * 1024;
    private static final byte[] CHUNK_KEY_LABEL = "wallet-backup/v1/chunk-key".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec chunkKey;
    private final int chunkSize;

    public ChunkedAesGcm(byte[] dataKey, int chunkSize) {
        if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunk size must be between " + MIN_CHUNK_SIZE + " and " + MAX_CHUNK_SIZE);
        }
        this.chunkKey = new SecretKeySpec(HmacSha256.mac(dataKey, CHUNK_KEY_LABEL), "AES");
        this.chunkSize = chunkSize;
    }

    /** Encrypts everything written to the returned stream into {@code out}; close it to seal the final chunk. */
    public OutputStream encryptingStream(OutputStream out, byte[] associatedData) {
        return new EncryptingStream(out, associatedData.clone());
    }

    /** Decrypts and authenticates {@code in}; any failure is an {@link AuthenticationFailedException} naming the chunk. */
    public InputStream decryptingStream(InputStream in, byte[] associatedData) {
        return new DecryptingStream(in, associatedData.clone());
    }

    /**
     * Seals one chunk on its own, for callers that seal chunks on several threads at once (format version 4): its
     * position and whether it is the last are bound into its nonce, so a caller cannot reuse a nonce by giving one.
     */
    public byte[] seal(long index, boolean last, byte[] plaintext, int offset, int length, byte[] associatedData) {
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, index, last);
            cipher.updateAAD(associatedData);
            return cipher.doFinal(plaintext, offset, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this JVM", e);
        }
    }

    /**
     * Opens one chunk sealed by {@link #seal} or by the encrypting stream. A chunk taken as the last that opens only
     * as a chunk followed by more is reported as the truncation it is.
     *
     * @throws AuthenticationFailedException naming the chunk
     */
    public byte[] open(long index, boolean last, byte[] sealed, byte[] associatedData) {
        try {
            return decrypt(index, last, sealed, associatedData);
        } catch (AEADBadTagException e) {
            if (last && opensAsNonFinal(index, sealed, associatedData)) {
                throw new AuthenticationFailedException("file truncated after chunk " + index
                        + ": it is not the final chunk and nothing follows it");
            }
            throw new AuthenticationFailedException("chunk " + index + " failed authentication "
                    + "(altered, reordered, or from another backup)");
        }
    }

    private byte[] decrypt(long index, boolean last, byte[] sealed, byte[] associatedData) throws AEADBadTagException {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, index, last);
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this JVM", e);
        }
    }

    private boolean opensAsNonFinal(long index, byte[] sealed, byte[] associatedData) {
        try {
            decrypt(index, false, sealed, associatedData);
            return true;
        } catch (AEADBadTagException e) {
            return false;
        }
    }

    private Cipher cipher(int mode, long index, boolean last) throws GeneralSecurityException {
        byte[] nonce = ByteBuffer.allocate(12).put(new byte[3]).putLong(index).put((byte) (last ? 1 : 0)).array();
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, chunkKey, new GCMParameterSpec(TAG_BYTES * 8, nonce));
        return cipher;
    }

    private final class EncryptingStream extends PieceStream {
        private final OutputStream out;
        private final byte[] associatedData;
        private long index;

        EncryptingStream(OutputStream out, byte[] associatedData) {
            super(chunkSize);
            this.out = out;
            this.associatedData = associatedData;
        }

        @Override
        protected byte[] emit(byte[] piece, int length, boolean last) throws IOException {
            out.write(seal(index++, last, piece, 0, length, associatedData));
            if (last) {
                Arrays.fill(piece, (byte) 0);
            }
            return piece;
        }

        @Override
        protected void afterLast() throws IOException {
            out.close();
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }

    private final class DecryptingStream extends InputStream {
        private final InputStream in;
        private final byte[] associatedData;
        private byte[] current;
        private byte[] lookahead;
        private byte[] plaintext = new byte[0];
        private int position;
        private long index;
        private boolean finished;

        DecryptingStream(InputStream in, byte[] associatedData) {
            this.in = in;
            this.associatedData = associatedData;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            while (position == plaintext.length) {
                if (finished) {
                    return -1;
                }
                openNextChunk();
            }
            int n = Math.min(length, plaintext.length - position);
            System.arraycopy(plaintext, position, target, offset, n);
            position += n;
            return n;
        }

        private void openNextChunk() throws IOException {
            current = lookahead != null ? lookahead : readSealedChunk();
            if (current.length < TAG_BYTES) {
                throw new AuthenticationFailedException(index == 0 ? "no chunks after the header (file truncated)"
                        : "chunk " + index + " is " + current.length + " bytes, too short to be a chunk (file truncated)");
            }
            lookahead = current.length == chunkSize + TAG_BYTES ? readSealedChunk() : new byte[0];
            boolean last = lookahead.length == 0;
            plaintext = open(current, last);
            position = 0;
            index++;
            finished = last;
        }

        private byte[] open(byte[] sealed, boolean last) {
            return ChunkedAesGcm.this.open(index, last, sealed, associatedData);
        }

        private byte[] readSealedChunk() throws IOException {
            return in.readNBytes(chunkSize + TAG_BYTES);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    @Override
    public String toString() {
        return "ChunkedAesGcm[chunkSize=" + chunkSize + ", key redacted]";
    }
}
