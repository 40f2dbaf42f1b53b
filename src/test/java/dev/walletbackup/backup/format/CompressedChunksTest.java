package dev.walletbackup.backup.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walletbackup.crypto.AuthenticationFailedException;
import dev.walletbackup.crypto.ChunkedAesGcm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chunks of versions 4 (zlib) and 5 (Zstandard) alone (docs/backup-format.md, sections 2.5 and 2.6): round trips,
 * and every damage refused, with each codec.
 */
class CompressedChunksTest {
    private static final int CHUNK = 4096;
    private static final byte[] KEY = new byte[32];
    private static final byte[] AAD = "header hash".getBytes(StandardCharsets.US_ASCII);

    private static ChunkedAesGcm aead(byte[] key) {
        return new ChunkedAesGcm(key, CHUNK);
    }

    private static byte[] payload(int length, boolean compressible) {
        byte[] bytes = new byte[length];
        if (compressible) {
            for (int i = 0; i < length; i++) {
                bytes[i] = (byte) ("wallet\tagent-" + (i / 40)).charAt(i % 13);
            }
        } else {
            new Random(length).nextBytes(bytes);
        }
        return bytes;
    }

    private static byte[] seal(ChunkCodec codec, byte[] payload, byte[] key) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (OutputStream chunks = new CompressedChunks.Writer(file, aead(key), codec, AAD, CHUNK)) {
            for (int offset = 0; offset < payload.length; offset += 1000) {
                chunks.write(payload, offset, Math.min(1000, payload.length - offset));
            }
        }
        return file.toByteArray();
    }

    private static byte[] open(ChunkCodec codec, byte[] file) throws IOException {
        try (InputStream payload = new CompressedChunks.Reader(new ByteArrayInputStream(file), aead(KEY), codec, AAD,
                CHUNK)) {
            return payload.readAllBytes();
        }
    }

    /** Where each chunk begins: its length field. */
    private static List<Integer> chunkStarts(byte[] file) {
        List<Integer> starts = new ArrayList<>();
        for (int at = 0; at < file.length; at += 4 + ByteBuffer.wrap(file, at, 4).getInt()) {
            starts.add(at);
        }
        return starts;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, 3 * CHUNK, 3 * CHUNK + 1, 100_000})
    void anyPayloadComesBackWhole(int length) throws IOException {
        for (ChunkCodec codec : ChunkCodec.values()) {
            for (boolean compressible : new boolean[] {true, false}) {
                byte[] payload = payload(length, compressible);

                assertThat(open(codec, seal(codec, payload, KEY))).as(codec + ", " + compressible).isEqualTo(payload);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ChunkCodec.class)
    void eachChunkIsItsLengthAndItsSealedPieceAndAnEmptyPayloadHasOneChunk(ChunkCodec codec) throws IOException {
        byte[] file = seal(codec, payload(3 * CHUNK + 1, true), KEY);

        assertThat(chunkStarts(file)).hasSize(4);
        assertThat(chunkStarts(seal(codec, new byte[0], KEY))).hasSize(1);
        assertThat(file.length).as("compressed").isLessThan(3 * CHUNK);
    }

    @ParameterizedTest
    @EnumSource(ChunkCodec.class)
    void aPieceThatDoesNotCompressStaysWithinTheLengthBound(ChunkCodec codec) throws IOException {
        byte[] file = seal(codec, payload(2 * CHUNK, false), KEY);

        for (int start : chunkStarts(file)) {
            assertThat(ByteBuffer.wrap(file, start, 4).getInt()).isLessThanOrEqualTo(
                    CompressedChunks.maxSealedLength(codec, CHUNK));
        }
    }

    @ParameterizedTest
    @EnumSource(ChunkCodec.class)
    void aFlippedBitInAChunkFailsItsTag(ChunkCodec codec) throws IOException {
        byte[] file = seal(codec, payload(3 * CHUNK, true), KEY);
        file[chunkStarts(file).get(1) + 20] ^= 1;

        assertThatThrownBy(() -> open(codec, file)).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("chunk 1 failed authentication");
    }

    @ParameterizedTest
    @EnumSource(ChunkCodec.class)
    void aChangedLengthIsRefusedOrFailsTheChunk(ChunkCodec codec) throws IOException {
        byte[] file = seal(codec, payload(3 * CHUNK, true), KEY);
        byte[] beyond = file.clone();
        ByteBuffer.wrap(beyond, chunkStarts(file).get(1), 4).putInt(CompressedChunks.maxSealedLength(codec, CHUNK) + 1);
        byte[] shorter = file.clone();
        int start = chunkStarts(file).get(1);
        ByteBuffer.wrap(shorter, start, 4).putInt(ByteBuffer.wrap(file, start, 4).getInt() - 1);

        assertThatThrownBy(() -> open(codec, beyond)).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("chunk 1 has a length of");
        assertThatThrownBy(() -> open(codec, shorter)).isInstanceOf(AuthenticationFailedException.class);
    }

    @ParameterizedTest
    @EnumSource(ChunkCodec.class)
    void swappedChunksAreRefused(ChunkCodec codec) throws IOException {
        byte[] file = seal(codec, payload(3 * CHUNK + 100, false), KEY);
        List<Integer> starts = chunkStarts(file);
        byte[] swapped = new byte[file.length];
        int second = starts.get(2) - starts.get(1);
        System.arraycopy(file, 0, swapped, 0, starts.get(1));
        System.arraycopy(file, starts.get(2), swapped, starts.get(1), starts.get(3) - starts.get(2));
        System.arraycopy(file, starts.get(1), swapped, starts.get(1) + starts.get(3) - starts.get(2), second);
        System.arraycopy(file, starts.get(3), swapped, starts.get(3), file.length - starts.get(3));

        assertThatThrownBy(() -> open(codec, swapped)).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("chunk 1 failed authentication");
    }

    @ParameterizedTest
    @EnumSource(ChunkCodec.class)
    void truncationAtAChunkBoundaryInsideAChunkOrInsideALengthIsNamed(ChunkCodec codec) throws IOException {
        byte[] file = seal(codec, payload(3 * CHUNK + 100, true), KEY);
        int last = chunkStarts(file).get(3);

        assertThatThrownBy(() -> open(codec, Arrays.copyOf(file, last))).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("file truncated after chunk 2");
        assertThatThrownBy(() -> open(codec, Arrays.copyOf(file, last + 10)))
                .hasMessageContaining("file truncated inside chunk 3");
        assertThatThrownBy(() -> open(codec, Arrays.copyOf(file, last + 2)))
                .hasMessageContaining("file truncated inside the length of chunk 3");
        assertThatThrownBy(() -> open(codec, new byte[0])).hasMessageContaining("no chunks after the header");
    }

    @ParameterizedTest
    @EnumSource(ChunkCodec.class)
    void bytesAfterTheFinalChunkAndAChunkOfAnotherKeyAreRefused(ChunkCodec codec) throws IOException {
        byte[] file = seal(codec, payload(2 * CHUNK, true), KEY);
        byte[] longer = Arrays.copyOf(file, file.length + 20);
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        byte[] foreign = seal(codec, payload(2 * CHUNK, true), otherKey);

        assertThatThrownBy(() -> open(codec, longer)).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> open(codec, foreign)).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("chunk 0 failed authentication");
    }

    @ParameterizedTest
    @EnumSource(ChunkCodec.class)
    void aNonFinalChunkShorterThanTheChunkSizeIsRefusedThoughItAuthenticates(ChunkCodec codec) throws IOException {
        byte[] file = sealedPieces(codec.compress(new byte[10], 10), codec.compress(new byte[10], 10));

        assertThatThrownBy(() -> open(codec, file)).isInstanceOf(BackupFormatException.class)
                .hasMessageContaining("chunk 0 decompresses to 10 bytes, but every chunk before the last holds 4096");
    }

    /** Pieces that authenticate (a writer that holds the key wrote them) but are no piece of this format. */
    @ParameterizedTest
    @EnumSource(ChunkCodec.class)
    void aPieceThatAuthenticatesButIsNotOneIsRefusedNamingItsChunk(ChunkCodec codec) throws IOException {
        byte[] whole = codec.compress(new byte[100], 100);
        byte[] trailed = Arrays.copyOf(whole, whole.length + 3);
        byte[] tooLarge = codec.compress(new byte[CHUNK + 1], CHUNK + 1);
        byte[] garbage = "not compressed at all".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> open(codec, sealedPieces(trailed))).isInstanceOf(BackupFormatException.class)
                .hasMessageContaining("chunk 0 holds bytes after its");
        assertThatThrownBy(() -> open(codec, sealedPieces(tooLarge))).isInstanceOf(BackupFormatException.class)
                .hasMessageContaining("chunk 0 decompresses to more than the chunk size of 4096 bytes");
        assertThatThrownBy(() -> open(codec, sealedPieces(garbage))).isInstanceOf(BackupFormatException.class)
                .hasMessageContaining("chunk 0 does not decompress");
        assertThatThrownBy(() -> open(codec, sealedPieces(Arrays.copyOf(whole, whole.length - 2))))
                .isInstanceOf(BackupFormatException.class).hasMessageContaining("chunk 0 does not decompress");
    }

    /** A file of the given compressed pieces, each sealed as a writer would, the last one final. */
    private static byte[] sealedPieces(byte[]... compressed) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (int index = 0; index < compressed.length; index++) {
            byte[] sealed = aead(KEY).seal(index, index == compressed.length - 1, compressed[index], 0,
                    compressed[index].length, AAD);
            file.write(ByteBuffer.allocate(4).putInt(sealed.length).array());
            file.write(sealed);
        }
        return file.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(ChunkCodec.class)
    void noWorkerOutlivesItsStream(ChunkCodec codec) throws Exception {
        byte[] file = seal(codec, payload(5 * CHUNK, true), KEY);
        open(codec, file);
        OutputStream abandoned = new CompressedChunks.Writer(new ByteArrayOutputStream(), aead(KEY), codec, AAD,
                CHUNK);
        abandoned.write(payload(3 * CHUNK, true));
        ((CompressedChunks.Writer) abandoned).abandon();

        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("backup-chunks-")) {
                thread.join(10_000);
                assertThat(thread.isAlive()).as(thread.getName()).isFalse();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ChunkCodec.class)
    void aFailureOfTheFileSurfacesFromClose(ChunkCodec codec) {
        OutputStream full = new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                written += length;
                if (written > 5000) {
                    throw new IOException("No space left on device");
                }
            }
        };

        assertThatThrownBy(() -> {
            try (OutputStream chunks = new CompressedChunks.Writer(full, aead(KEY), codec, AAD, CHUNK)) {
                chunks.write(payload(20 * CHUNK, false));
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("No space left on device");
    }
}
