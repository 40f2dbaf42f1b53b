package dev.walletbackup.backup.format;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * How each chunk's piece is compressed (docs/backup-format.md, sections 2.5 and 2.6), named by the header's
 * {@code compression}. Both compress at their fastest level: on a payload of a million wallets (481 MB of row text)
 * zlib's level 1 takes 4.9 s of CPU for 91.6 MB, Zstandard's level 1 0.9 s for 67.4 MB ({@code gzip -1},
 * {@code zstd -1} on this machine).
 */
enum ChunkCodec {
    /** Version 4: each piece a whole zlib stream (RFC 1950). */
    ZLIB(BackupHeader.COMPRESSION_PER_CHUNK) {
        @Override
        byte[] compress(byte[] piece, int length) {
            Deflater deflater = new Deflater(Deflater.BEST_SPEED);
            try {
                deflater.setInput(piece, 0, length);
                deflater.finish();
                ByteArrayOutputStream compressed = new ByteArrayOutputStream(Math.max(64, length / 2));
                byte[] buffer = new byte[1 << 16];
                while (!deflater.finished()) {
                    compressed.write(buffer, 0, deflater.deflate(buffer));
                }
                return compressed.toByteArray();
            } finally {
                deflater.end();
            }
        }

        @Override
        byte[] decompress(byte[] compressed, long index, int chunkSize) {
            Inflater inflater = new Inflater();
            try {
                inflater.setInput(compressed);
                byte[] out = new byte[chunkSize + 1];
                int length = 0;
                while (!inflater.finished() && length < out.length) {
                    int n = inflater.inflate(out, length, out.length - length);
                    if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                        throw new BackupFormatException("chunk " + index + " does not decompress (its zlib stream ends "
                                + "early)");
                    }
                    length += n;
                }
                if (length > chunkSize) {
                    throw tooLarge(index, chunkSize);
                }
                if (inflater.getRemaining() > 0) {
                    throw new BackupFormatException("chunk " + index + " holds bytes after its zlib stream");
                }
                return Arrays.copyOf(out, length);
            } catch (DataFormatException e) {
                throw new BackupFormatException("chunk " + index + " does not decompress: " + e.getMessage(), e);
            } finally {
                inflater.end();
            }
        }

        /** zlib's {@code deflateBound} for a piece that does not compress (stored blocks), rounded up generously. */
        @Override
        int maxCompressedLength(int chunkSize) {
            return chunkSize + (chunkSize >> 12) + (chunkSize >> 14) + 64;
        }
    },

    /** Version 5: each piece one Zstandard frame (RFC 8878) that states its content size. */
    ZSTD(BackupHeader.COMPRESSION_ZSTD_PER_CHUNK) {
        private static final int LEVEL = 1;

        @Override
        byte[] compress(byte[] piece, int length) {
            byte[] compressed = new byte[(int) Zstd.compressBound(length)];
            long size = Zstd.compressByteArray(compressed, 0, compressed.length, piece, 0, length, LEVEL);
            if (Zstd.isError(size)) {
                throw new IllegalStateException("Zstandard could not compress a chunk: " + Zstd.getErrorName(size));
            }
            return Arrays.copyOf(compressed, (int) size);
        }

        @Override
        byte[] decompress(byte[] compressed, long index, int chunkSize) {
            try {
                long frame = Zstd.findFrameCompressedSize(compressed);
                if (Zstd.isError(frame)) {
                    throw new BackupFormatException("chunk " + index + " does not decompress: "
                            + Zstd.getErrorName(frame));
                }
                if (frame != compressed.length) {
                    throw new BackupFormatException("chunk " + index + " holds bytes after its Zstandard frame");
                }
                long declared = Zstd.getFrameContentSize(compressed);
                if (declared < 0) {
                    throw new BackupFormatException("chunk " + index + " does not decompress (its Zstandard frame "
                            + "states no content size)");
                }
                if (declared > chunkSize) {
                    throw tooLarge(index, chunkSize);
                }
                byte[] out = new byte[(int) declared];
                long size = Zstd.decompressByteArray(out, 0, out.length, compressed, 0, compressed.length);
                if (Zstd.isError(size) || size != declared) {
                    throw new BackupFormatException("chunk " + index + " does not decompress to the size its "
                            + "Zstandard frame states");
                }
                return out;
            } catch (ZstdException e) {
                throw new BackupFormatException("chunk " + index + " does not decompress: " + e.getMessage(), e);
            }
        }

        /** Zstandard's {@code ZSTD_COMPRESSBOUND} for a piece that does not compress, rounded up generously. */
        @Override
        int maxCompressedLength(int chunkSize) {
            return chunkSize + (chunkSize >> 8) + 64 + 64; // the bound's 64 for pieces under 128 KiB, and spare
        }
    };

    private final String compression;

    ChunkCodec(String compression) {
        this.compression = compression;
    }

    /** The codec of a header's {@code compression}, or null when it compresses the payload as one stream. */
    static ChunkCodec of(String compression) {
        for (ChunkCodec codec : values()) {
            if (codec.compression.equals(compression)) {
                return codec;
            }
        }
        return null;
    }

    /** The piece's first {@code length} bytes, compressed. */
    abstract byte[] compress(byte[] piece, int length);

    /**
     * The piece of chunk {@code index} (authenticated already): refused, naming the chunk, when it does not
     * decompress, decompresses to more than {@code chunkSize} bytes, or leaves bytes after its stream.
     */
    abstract byte[] decompress(byte[] compressed, long index, int chunkSize);

    /** The longest a piece of {@code chunkSize} bytes compresses to, that does not compress at all. */
    abstract int maxCompressedLength(int chunkSize);

    private static BackupFormatException tooLarge(long index, int chunkSize) {
        return new BackupFormatException("chunk " + index + " decompresses to more than the chunk size of " + chunkSize
                + " bytes");
    }
}
