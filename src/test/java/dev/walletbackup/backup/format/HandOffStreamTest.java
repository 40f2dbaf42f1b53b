package dev.walletbackup.backup.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class HandOffStreamTest {
    @Test
    void everyByteArrivesInOrderAndTheStreamUnderneathIsClosedOnClose() throws IOException {
        byte[] data = new byte[HandOffStream.BLOCK_BYTES * 5 + 123];
        new Random(7).nextBytes(data);
        Closing under = new Closing();
        HandOffStream stream = new HandOffStream(under, "test-writer");
        stream.write(data, 0, 10);
        stream.write(data[10]);
        stream.write(data, 11, data.length - 11);
        stream.close();
        assertThat(under.toByteArray()).isEqualTo(data);
        assertThat(under.closed).isTrue();
    }

    @Test
    void aFailureUnderneathIsThrownToTheWriterAsItWas() {
        IOException full = new IOException("No space left on device");
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw full;
            }

            @Override
            public void write(byte[] data, int offset, int length) throws IOException {
                throw full;
            }
        };
        HandOffStream stream = new HandOffStream(failing, "test-writer");
        byte[] block = new byte[HandOffStream.BLOCK_BYTES];
        assertThatThrownBy(() -> {
            // more than the queue holds: the writer must see the failure instead of waiting for room forever
            for (int i = 0; i < HandOffStream.QUEUED_BLOCKS * 4; i++) {
                stream.write(block);
            }
            stream.close();
        }).isSameAs(full);
    }

    @Test
    void abandoningStopsTheThreadAndLeavesTheStreamUnderneathOpen() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        Closing under = new Closing() {
            @Override
            public synchronized void write(byte[] data, int offset, int length) {
                super.write(data, offset, length);
                writing.countDown();
            }
        };
        HandOffStream stream = new HandOffStream(under, "test-writer");
        stream.write(new byte[HandOffStream.BLOCK_BYTES]);
        writing.await();
        stream.abandon();
        assertThat(under.closed).isFalse();
        assertThat(under.size()).isEqualTo(HandOffStream.BLOCK_BYTES);
        assertThatThrownBy(() -> stream.write(1)).isInstanceOf(IOException.class);
    }

    static class Closing extends ByteArrayOutputStream {
        volatile boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
