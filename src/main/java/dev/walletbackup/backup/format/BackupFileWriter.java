package dev.walletbackup.backup.format;

import dev.walletbackup.crypto.Sha256;
import dev.walletbackup.crypto.Argon2Parameters;
import dev.walletbackup.crypto.ChunkedAesGcm;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.json.WalletJson;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes one backup file (docs/backup-format.md, section 2): the header region, then the payload written to
 * {@link #payload()} compressed and sealed chunk by chunk: one zlib stream cut into chunks (versions 1 to 3), or each
 * chunk compressed alone on a worker per core (version 4, {@link CompressedChunks}). {@link #finish()} seals the last
 * chunk and fsyncs. Memory use is a few chunks and hand-off blocks, whatever the payload's size.
 */
public final class BackupFileWriter {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SyncingFileStream file;
    private final MessageDigest fileDigest;
    private final MessageDigest payloadDigest;
    private final HandOffStream payload;
    /** Version 4's sealing workers, stopped by {@link #abandon()}; null for the one zlib stream of versions 1 to 3. */
    private final CompressedChunks.Writer chunks;
    /**
     * The data key, kept until the file has been re-read ({@link #reread}) so that the proof of the write costs no
     * second Argon2id derivation; wiped then, or on {@link #abandon()}.
     */
    private final byte[] dataKey;
    private boolean finished;

    private BackupFileWriter(SyncingFileStream file, MessageDigest fileDigest, MessageDigest payloadDigest,
                             HandOffStream payload, CompressedChunks.Writer chunks, byte[] dataKey) {
        this.file = file;
        this.chunks = chunks;
        this.fileDigest = fileDigest;
        this.payloadDigest = payloadDigest;
        this.payload = payload;
        this.dataKey = dataKey;
    }

    public static BackupFileWriter create(Path target, BackupHeader header, Password password, Argon2Parameters kdf) {
        try (KeySlot.Sealer sealer = KeySlot.Sealer.derive(password, kdf)) {
            return create(target, header, sealer);
        }
    }

    /** The file for {@code header}, its data key wrapped by a key-encryption key derived beforehand. */
    public static BackupFileWriter create(Path target, BackupHeader header, KeySlot.Sealer sealer) {
        header.validate();
        byte[] dataKey = new byte[32];
        RANDOM.nextBytes(dataKey);
        try {
            byte[] headerJson = WalletJson.mapper().writeValueAsBytes(header);
            if (headerJson.length > BackupFileFormat.MAX_HEADER_BYTES) {
                throw new BackupFormatException("header is too long");
            }
            byte[] prefix = ByteBuffer.allocate(BackupFileFormat.MAGIC.length + 2 + 4 + headerJson.length)
                    .put(BackupFileFormat.MAGIC).putShort((short) header.formatVersion())
                    .putInt(headerJson.length).put(headerJson).array();
            byte[] headerHash = Sha256.of(headerJson);
            KeySlot slot = sealer.wrap(dataKey, headerHash);

            MessageDigest digest = Sha256.newDigest();
            SyncingFileStream file = new SyncingFileStream(new FileOutputStream(target.toFile()));
            OutputStream out = new DigestOutputStream(new BufferedOutputStream(file, 1 << 16), digest);
            out.write(prefix);
            out.write(slot.toBytes());
            out.write(BackupFileFormat.headerMac(dataKey, prefix));
            ChunkedAesGcm aead = new ChunkedAesGcm(dataKey, header.chunkSize());
            // zlib at level 1 (one stream, versions 1-3): on a 74 MB document of 100,000 wallets it gives 10.07 MB in
            // 0.35 s, level 3 9.89 MB (-2%) in 0.75 s, level 6 9.33 MB (-7%) in 2.6 s: a few percent of size are not
            // worth twice to seven times the time. The chunks of versions 4 and 5: ChunkCodec.
            CompressedChunks.Writer chunks = header.compressesEachChunk()
                    ? new CompressedChunks.Writer(out, aead, header.chunkCodec(), headerHash, header.chunkSize()) : null;
            OutputStream compressed = chunks != null ? chunks : oneZlibStream(aead.encryptingStream(out, headerHash));
            // The plaintext's SHA-256, taken on the writer's thread, is what the re-read must decompress to.
            MessageDigest plaintext = Sha256.newDigest();
            return new BackupFileWriter(file, digest, plaintext,
                    new HandOffStream(new DigestOutputStream(compressed, plaintext), "backup-file-writer"), chunks,
                    dataKey);
        } catch (IOException e) {
            Arrays.fill(dataKey, (byte) 0);
            throw new UncheckedIOException("cannot write " + target, e);
        } catch (RuntimeException e) {
            Arrays.fill(dataKey, (byte) 0);
            throw e;
        }
    }

    /** Versions 1 to 3: the payload as one zlib stream, cut into chunks by the sealing stream underneath. */
    private static OutputStream oneZlibStream(OutputStream sealed) {
        return new DeflaterOutputStream(sealed, new Deflater(Deflater.BEST_SPEED), 1 << 16) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    def.end();
                }
            }
        };
    }

    /**
     * Where the payload goes; do not close it, call {@link #finish()}. Compressing, sealing and writing run on a
     * thread of their own ({@link HandOffStream}), beside the caller's.
     */
    public OutputStream payload() {
        return payload;
    }

    /** Seals the final chunk, fsyncs and closes the file; returns its size, its SHA-256 and its payload's. */
    public WrittenFile finish() throws IOException {
        if (!finished) {
            finished = true;
            payload.close();
        }
        return new WrittenFile(file.bytes(), HexFormat.of().formatHex(fileDigest.digest()),
                HexFormat.of().formatHex(payloadDigest.digest()));
    }

    /**
     * The payload of the finished file as read back from disk by {@code reader}: its header MAC and every chunk are
     * authenticated with the data key this writer sealed them with. The key slot is not unwrapped: its bytes are
     * proven by the file's SHA-256 and {@link KeySlot#wrap} proved that they unwrap. The key is wiped here; a file is
     * re-read once.
     */
    public InputStream reread(BackupFileReader reader) {
        if (!finished) {
            throw new IllegalStateException("the file is re-read after finish()");
        }
        try {
            return reader.unlock(dataKey);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** Closes without sealing, after a failure; the caller deletes the file. */
    public void abandon() {
        Arrays.fill(dataKey, (byte) 0);
        finished = true;
        // also after a finish() that failed (a full disk found by the last chunks): the threads may still be there,
        // and the file is still open, which would keep its disk busy
        payload.abandon();
        if (chunks != null) {
            chunks.abandon();
        }
        file.release();
    }

    /** Size and SHA-256 of a written file, and the SHA-256 of the payload it holds (decrypted, decompressed). */
    public record WrittenFile(long bytes, String sha256, String payloadSha256) {
    }

    /** A file stream that counts, and fsyncs before it closes. */
    private static final class SyncingFileStream extends FilterOutputStream {
        private final FileOutputStream file;
        private long bytes;
        private boolean closed;

        SyncingFileStream(FileOutputStream file) {
            super(file);
            this.file = file;
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            file.write(data, offset, length);
            bytes += length;
        }

        @Override
        public void write(int b) throws IOException {
            file.write(b);
            bytes++;
        }

        long bytes() {
            return bytes;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            flush();
            file.getChannel().force(true);
            closed = true;
            file.close();
        }

        /** Closes the file without fsync, if it is still open: after a failure, before the caller deletes it. */
        void release() {
            if (!closed) {
                closed = true;
                try {
                    file.close();
                } catch (IOException ignored) {
                    // the partial file is deleted by the caller; nothing more can be done with it
                }
            }
        }
    }
}
