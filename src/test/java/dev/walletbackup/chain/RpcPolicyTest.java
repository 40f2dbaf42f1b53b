package dev.walletbackup.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

class RpcPolicyTest {
    static final Duration FIRST = Duration.ofMillis(10);
    static final Duration MAX = Duration.ofSeconds(2);

    static ChainRpcException.Unreachable unreachable() {
        return new ChainRpcException.Unreachable("connection refused", new ConnectException());
    }

    @Test
    void aRequestThatCannotReachTheNodeIsTriedAgainUpToTheLimit() {
        AtomicInteger tries = new AtomicInteger();
        String answer = new RpcPolicy(3, 1000, FIRST, MAX).call(() -> {
            if (tries.incrementAndGet() < 3) {
                throw unreachable();
            }
            return "answer";
        });
        assertThat(answer).isEqualTo("answer");
        assertThat(tries).hasValue(3);

        AtomicInteger failing = new AtomicInteger();
        assertThatThrownBy(() -> new RpcPolicy(2, 1000, FIRST, MAX).call(() -> {
            failing.incrementAndGet();
            throw unreachable();
        })).isInstanceOf(ChainRpcException.Unreachable.class);
        assertThat(failing).hasValue(2);
    }

    @Test
    void anErrorAnswerIsNotRetried() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> new RpcPolicy(5, 1000, FIRST, MAX).call(() -> {
            tries.incrementAndGet();
            throw new ChainRpcException("execution reverted");
        })).hasMessage("execution reverted");
        assertThat(tries).hasValue(1);
    }

    @Test
    void requestsArePacedToTheRate() {
        RpcPolicy twentyPerSecond = new RpcPolicy(1, 20, FIRST, MAX);
        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            twentyPerSecond.call(() -> "ok");
        }
        assertThat(System.nanoTime() - started).as("5 requests at 20/s take at least 4 intervals")
                .isGreaterThanOrEqualTo(4 * 50_000_000L);
    }

    @Test
    void pushBackIsWaitedOutForAtLeastTheRetryAfterAndSlowsTheRateUntilRequestsSucceedAgain() {
        RpcPolicy policy = new RpcPolicy(3, 1000, FIRST, MAX);
        AtomicInteger tries = new AtomicInteger();
        long started = System.nanoTime();
        String answer = policy.call(() -> {
            if (tries.incrementAndGet() == 1) {
                throw new ChainRpcException.Throttled("HTTP 429", Duration.ofMillis(300));
            }
            assertThat(policy.currentInterval()).as("the rate halved after push-back").isEqualTo(Duration.ofMillis(2));
            return "answer";
        });
        assertThat(answer).isEqualTo("answer");
        assertThat(System.nanoTime() - started).as("Retry-After honoured").isGreaterThanOrEqualTo(300_000_000L);
        for (int i = 0; i < 20; i++) {
            policy.call(() -> "ok");
        }
        assertThat(policy.currentInterval()).as("back to the configured rate").isEqualTo(Duration.ofMillis(1));
    }

    /** A policy at 1000 requests a second whose provider pushed back through an outage, spacing requests 30 s. */
    static RpcPolicy pushedBackToTheLongestSpacing() {
        RpcPolicy policy = new RpcPolicy(1, 1000, FIRST, Duration.ofSeconds(30));
        for (int i = 0; i < 20; i++) {
            policy.slowDown();
        }
        return policy;
    }

    @Test
    void afterAnOutageEachSuccessHalvesTheSpacingBackToTheConfiguredRate() {
        RpcPolicy policy = pushedBackToTheLongestSpacing();
        assertThat(policy.currentInterval()).as("push-back spaces requests up to the longest back-off")
                .isEqualTo(Duration.ofSeconds(30));
        for (int i = 0; i < 5; i++) {
            policy.recover();
        }
        assertThat(policy.currentInterval()).as("five successes later").isEqualTo(Duration.ofNanos(937_500_000));
        for (int i = 0; i < 10; i++) {
            policy.recover();
        }
        assertThat(policy.currentInterval()).as("never faster than configured").isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void aWaitingRequestIsPacedByTheSpacingAsItShrinksNotByTheOneWhenItStartedWaiting() {
        RpcPolicy policy = pushedBackToTheLongestSpacing();
        long sent = 1_000_000_000L;
        assertThat(policy.nanosToWait(sent)).as("the first request goes at once").isZero();
        long asking = sent + 1_000_000L;
        assertThat(policy.nanosToWait(asking)).as("30 s after the last request")
                .isEqualTo(Duration.ofSeconds(30).toNanos() - 1_000_000L);
        for (int i = 0; i < 15; i++) {
            policy.recover();
        }
        assertThat(policy.nanosToWait(asking)).as("the same request, once the rate has recovered").isZero();
        assertThat(policy.nanosToWait(asking)).as("and the next one is spaced from it").isEqualTo(1_000_000L);
    }

    @Test
    void aProviderAskingToWaitLongerThanTheLongestBackOffFailsNowWithTheReason() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> new RpcPolicy(5, 1000, FIRST, MAX).call(() -> {
            tries.incrementAndGet();
            throw new ChainRpcException.Throttled("https://rpc.example: HTTP 429", Duration.ofSeconds(3600));
        })).hasMessageContaining("HTTP 429").hasMessageContaining("3600 s").hasMessageContaining("wallet.rpc.max-back-off-ms");
        assertThat(tries).hasValue(1);
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() throws IOException, InterruptedException {
        Instant now = Instant.parse("2026-11-27T18:00:00Z");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String value = exchange.getRequestURI().getQuery();
            if (value != null) {
                exchange.getResponseHeaders().add("Retry-After", value.equals("date")
                        ? DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(7).atZone(ZoneOffset.UTC)) : value);
            }
            exchange.sendResponseHeaders(429, -1);
            exchange.close();
        });
        server.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            assertThat(RpcPolicy.retryAfter(get(http, base.resolve("?2")), now)).isEqualTo(Duration.ofSeconds(2));
            assertThat(RpcPolicy.retryAfter(get(http, base.resolve("?date")), now)).isEqualTo(Duration.ofSeconds(7));
            assertThat(RpcPolicy.retryAfter(get(http, base.resolve("?soon")), now)).isNull();
            assertThat(RpcPolicy.retryAfter(get(http, base), now)).isNull();
        } finally {
            server.stop(0);
        }
    }

    static HttpResponse<Void> get(HttpClient http, URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
    }
}
