package dev.walletbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class DocumentHandOffTest {
    @Test
    void stepsRunInTheOrderHandedInOnAThreadOfTheirOwnAndFinishWaitsForAll() {
        DocumentHandOff handOff = new DocumentHandOff("test-document");
        List<Integer> ran = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        for (int i = 0; i < DocumentHandOff.QUEUED * 10; i++) {
            int step = i;
            handOff.submit(() -> {
                ran.add(step);
                threads.add(Thread.currentThread().getName());
            });
        }
        handOff.finish();
        assertThat(ran).hasSize(DocumentHandOff.QUEUED * 10).isSorted();
        assertThat(threads).containsOnly("test-document");
    }

    @Test
    void aFailingStepIsThrownAsItWasAndNoSubmitterWaitsForRoomForEver() {
        UncheckedIOException full = new UncheckedIOException(new IOException("No space left on device"));
        DocumentHandOff handOff = new DocumentHandOff("test-document");
        List<Integer> ranAfter = new ArrayList<>();
        assertThatThrownBy(() -> {
            handOff.submit(() -> {
                throw full;
            });
            // more than the queue holds: the submitter must see the failure instead of waiting for room
            for (int i = 0; i < DocumentHandOff.QUEUED * 4; i++) {
                int step = i;
                handOff.submit(() -> ranAfter.add(step));
            }
            handOff.finish();
        }).isSameAs(full);
        assertThat(ranAfter).as("steps after the failure").isEmpty();
    }

    @Test
    void abandoningStopsTheThreadWithoutRunningWhatWaits() throws InterruptedException {
        DocumentHandOff handOff = new DocumentHandOff("test-document");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> ran = new ArrayList<>();
        handOff.submit(() -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        handOff.submit(() -> ran.add(1));
        running.await();
        handOff.abandon();
        assertThat(ran).isEmpty();
    }
}
