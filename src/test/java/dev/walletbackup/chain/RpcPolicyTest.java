package dev.walletbackup.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RpcPolicyTest {
    static final class Unreachable extends RuntimeException {
        Unreachable() {
            super("connection refused");
        }
    }

    @Test
    void aRequestThatCannotReachTheNodeIsTriedAgainUpToTheLimit() {
        AtomicInteger tries = new AtomicInteger();
        String answer = new RpcPolicy(3, 1000).call(() -> {
            if (tries.incrementAndGet() < 3) {
                throw new Unreachable();
            }
            return "answer";
        }, Unreachable.class);
        assertThat(answer).isEqualTo("answer");
        assertThat(tries).hasValue(3);

        AtomicInteger failing = new AtomicInteger();
        assertThatThrownBy(() -> new RpcPolicy(2, 1000).call(() -> {
            failing.incrementAndGet();
            throw new Unreachable();
        }, Unreachable.class)).isInstanceOf(Unreachable.class);
        assertThat(failing).hasValue(2);
    }

    @Test
    void anErrorAnswerIsNotRetried() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> new RpcPolicy(5, 1000).call(() -> {
            tries.incrementAndGet();
            throw new IllegalStateException("execution reverted");
        }, Unreachable.class)).hasMessage("execution reverted");
        assertThat(tries).hasValue(1);
    }

    @Test
    void requestsArePacedToTheRate() {
        RpcPolicy twentyPerSecond = new RpcPolicy(1, 20);
        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            twentyPerSecond.call(() -> "ok", Unreachable.class);
        }
        assertThat(System.nanoTime() - started).as("5 requests at 20/s take at least 4 intervals")
                .isGreaterThanOrEqualTo(4 * 50_000_000L);
    }
}
