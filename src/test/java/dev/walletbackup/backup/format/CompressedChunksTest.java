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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Version 4's chunks alone (docs/backup-format.md, section 2.5): round trips, and every damage refused. */
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

    private static byte[] seal(byte[] payload, byte[] key) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (OutputStream chunks = new CompressedChunks.Writer(file, aead(key), AAD, CHUNK)) {
            for (int offset = 0; offset < payload.length; offset += 1000) {
                chunks.write(payload, offset, Math.min(1000, payload.length - offset));
            }
        }
        return file.toByteArray();
    }

    private static byte[] open(byte[] file) throws IOException {
        try (InputStream payload = new CompressedChunks.Reader(new ByteArrayInputStream(file), aead(KEY), AAD, CHUNK)) {
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
        for (boolean compressible : new boolean[] {true, false}) {
            byte[] payload = payload(length, compressible);

            assertThat(open(seal(payload, KEY))).isEqualTo(payload);
        }
    }

    @Test
    void eachChunkIsItsLengthAndItsSealedPieceAndAnEmptyPayloadHasOneChunk() throws IOException {
        byte[] file = seal(payload(3 * CHUNK + 1, true), KEY);

        assertThat(chunkStarts(file)).hasSize(4);
        assertThat(chunkStarts(seal(new byte[0], KEY))).hasSize(1);
        assertThat(file.length).as("compressed").isLessThan(3 * CHUNK);
    }

    @Test
    void aPieceThatDoesNotCompressStaysWithinTheLengthBound() throws IOException {
        byte[] file = seal(payload(2 * CHUNK, false), KEY);

        for (int start : chunkStarts(file)) {
            assertThat(ByteBuffer.wrap(file, start, 4).getInt()).isLessThanOrEqualTo(
                    CompressedChunks.maxSealedLength(CHUNK));
        }
    }

    @Test
    void aFlippedBitInAChunkFailsItsTag() throws IOException {
        byte[] file = seal(payload(3 * CHUNK, true), KEY);
        file[chunkStarts(file).get(1) + 20] ^= 1;

        assertThatThrownBy(() -> open(file)).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("chunk 1 failed authentication");
    }

    @Test
    void aChangedLengthIsRefusedOrFailsTheChunk() throws IOException {
        byte[] file = seal(payload(3 * CHUNK, true), KEY);
        byte[] beyond = file.clone();
        ByteBuffer.wrap(beyond, chunkStarts(file).get(1), 4).putInt(CompressedChunks.maxSealedLength(CHUNK) + 1);
        byte[] shorter = file.clone();
        int start = chunkStarts(file).get(1);
        ByteBuffer.wrap(shorter, start, 4).putInt(ByteBuffer.wrap(file, start, 4).getInt() - 1);

        assertThatThrownBy(() -> open(beyond)).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("chunk 1 has a length of");
        assertThatThrownBy(() -> open(shorter)).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void swappedChunksAreRefused() throws IOException {
        byte[] file = seal(payload(3 * CHUNK + 100, false), KEY);
        List<Integer> starts = chunkStarts(file);
        byte[] swapped = new byte[file.length];
        int second = starts.get(2) - starts.get(1);
        System.arraycopy(file, 0, swapped, 0, starts.get(1));
        System.arraycopy(file, starts.get(2), swapped, starts.get(1), starts.get(3) - starts.get(2));
        System.arraycopy(file, starts.get(1), swapped, starts.get(1) + starts.get(3) - starts.get(2), second);
        System.arraycopy(file, starts.get(3), swapped, starts.get(3), file.length - starts.get(3));

        assertThatThrownBy(() -> open(swapped)).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("chunk 1 failed authentication");
    }

    @Test
    void truncationAtAChunkBoundaryInsideAChunkOrInsideALengthIsNamed() throws IOException {
        byte[] file = seal(payload(3 * CHUNK + 100, true), KEY);
        int last = chunkStarts(file).get(3);

        assertThatThrownBy(() -> open(Arrays.copyOf(file, last))).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("file truncated after chunk 2");
        assertThatThrownBy(() -> open(Arrays.copyOf(file, last + 10)))
                .hasMessageContaining("file truncated inside chunk 3");
        assertThatThrownBy(() -> open(Arrays.copyOf(file, last + 2)))
                .hasMessageContaining("file truncated inside the length of chunk 3");
        assertThatThrownBy(() -> open(new byte[0])).hasMessageContaining("no chunks after the header");
    }

    @Test
    void bytesAfterTheFinalChunkAndAChunkOfAnotherKeyAreRefused() throws IOException {
        byte[] file = seal(payload(2 * CHUNK, true), KEY);
        byte[] longer = Arrays.copyOf(file, file.length + 20);
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        byte[] foreign = seal(payload(2 * CHUNK, true), otherKey);

        assertThatThrownBy(() -> open(longer)).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> open(foreign)).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("chunk 0 failed authentication");
    }

    @Test
    void aNonFinalChunkShorterThanTheChunkSizeIsRefusedThoughItAuthenticates() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (int index = 0; index < 2; index++) {
            java.util.zip.Deflater deflater = new java.util.zip.Deflater();
            deflater.setInput(new byte[10]);
            deflater.finish();
            byte[] compressed = new byte[100];
            int length = deflater.deflate(compressed);
            deflater.end();
            byte[] sealed = aead(KEY).seal(index, index == 1, compressed, 0, length, AAD);
            file.write(ByteBuffer.allocate(4).putInt(sealed.length).array());
            file.write(sealed);
        }

        assertThatThrownBy(() -> open(file.toByteArray())).isInstanceOf(BackupFormatException.class)
                .hasMessageContaining("chunk 0 decompresses to 10 bytes, but every chunk before the last holds 4096");
    }

    @Test
    void noWorkerOutlivesItsStream() throws Exception {
        byte[] file = seal(payload(5 * CHUNK, true), KEY);
        open(file);
        OutputStream abandoned = new CompressedChunks.Writer(new ByteArrayOutputStream(), aead(KEY), AAD, CHUNK);
        abandoned.write(payload(3 * CHUNK, true));
        ((CompressedChunks.Writer) abandoned).abandon();

        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("backup-chunks-")) {
                thread.join(10_000);
                assertThat(thread.isAlive()).as(thread.getName()).isFalse();
            }
        }
    }

    @Test
    void aFailureOfTheFileSurfacesFromClose() {
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
            try (OutputStream chunks = new CompressedChunks.Writer(full, aead(KEY), AAD, CHUNK)) {
                chunks.write(payload(20 * CHUNK, false));
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("No space left on device");
    }
}
