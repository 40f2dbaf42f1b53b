package dev.walletbackup.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A wrong endpoint is told apart from a busy one: its failure says what is wrong and that the endpoint must be
 * checked, and it is not sent again; every message names the endpoint as scheme://host:port only.
 */
class RpcFailuresTest {
    HttpServer server;
    volatile int status;
    volatile String body = "";
    final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (status != 204) {
                    out.write(bytes);
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    XrplJsonRpc xrpl(String url) {
        return new XrplJsonRpc(URI.create(url), Duration.ofSeconds(2),
                new RpcPolicy(3, 1000, Duration.ofMillis(1), Duration.ofMillis(10)), 200);
    }

    EvmJsonRpc evm(String url) {
        return new EvmJsonRpc(URI.create(url), 10, 1, Duration.ofSeconds(2),
                new RpcPolicy(3, 1000, Duration.ofMillis(1), Duration.ofMillis(10)));
    }

    @Test
    void anEndpointIsDescribedBySchemeHostAndPortOnly() {
        assertThat(RpcEndpoint.describe(URI.create("https://usr:pw@mainnet.infura.io/v3/KEY?api_key=K#f")))
                .isEqualTo("https://mainnet.infura.io");
        assertThat(RpcEndpoint.describe(URI.create("http://[::1]:8545/v2/KEY"))).isEqualTo("http://[::1]:8545");
        assertThat(new RpcEndpoint(URI.create("http://127.0.0.1:5005/KEY"))).hasToString("http://127.0.0.1:5005");
    }

    @Test
    void aRefusedKeyIsReportedOnceAsAKeyToCheck() {
        status = 401;
        assertThatThrownBy(() -> xrpl(origin() + "/v2/KEYSECRET").validatedLedger())
                .hasMessage(origin() + ": ledger: HTTP 401 (check the endpoint: the API key?)");
        assertThat(requests).as("not sent again").hasValue(1);
        status = 403;
        assertThatThrownBy(() -> evm(origin() + "/v3/KEYSECRET").latestBlock())
                .hasMessage(origin() + ": HTTP 403 (check the endpoint: the API key?)");
    }

    @Test
    void somethingOtherThanAJsonRpcEndpointIsSaidToBeOne() {
        status = 404;
        assertThatThrownBy(() -> xrpl(origin()).validatedLedger())
                .hasMessage(origin() + ": ledger: HTTP 404 (check the endpoint: not a JSON-RPC endpoint?)")
                .satisfies(e -> assertThat(ChainRpcException.isMisconfiguration(e.getMessage())).isTrue());
        status = 204;
        assertThatThrownBy(() -> xrpl(origin()).validatedLedger())
                .hasMessage(origin() + ": ledger: HTTP 204 (check the endpoint: not a JSON-RPC endpoint?)");
        status = 200;
        body = "<html>KEYSECRET welcome</html>";
        assertThatThrownBy(() -> evm(origin()).latestBlock())
                .hasMessage(origin() + ": the answer is not JSON (check the endpoint: not a JSON-RPC endpoint?)");
    }

    @Test
    void httpsToAPlainHttpPortIsATlsFailure() throws Exception {
        // A plain-HTTP server answers the TLS greeting as a bad HTTP request, as nginx or rippled do.
        try (ServerSocket plainHttp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                try (Socket client = plainHttp.accept()) {
                    client.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closed) {
                    // the test is over
                }
            });
            answering.setDaemon(true);
            answering.start();
            String https = "https://127.0.0.1:" + plainHttp.getLocalPort();
            assertThatThrownBy(() -> xrpl(https + "/KEYSECRET").validatedLedger())
                    .hasMessage(https + ": ledger: TLS handshake failed (check the endpoint: https to a plain-HTTP port?)")
                    .hasNoCause();
        }
    }

    @Test
    void aHostThatDoesNotResolveIsSaidSo() {
        assertThatThrownBy(() -> evm("http://no-such-host.invalid:8545/v3/KEYSECRET").latestBlock())
                .hasMessage("http://no-such-host.invalid:8545: cannot resolve host (check the endpoint)")
                .hasNoCause();
    }

    @Test
    void aServerErrorIsNeitherAMisconfigurationNorRetried() {
        status = 500;
        assertThatThrownBy(() -> xrpl(origin()).validatedLedger())
                .hasMessage(origin() + ": ledger: HTTP 500")
                .satisfies(e -> assertThat(ChainRpcException.isMisconfiguration(e.getMessage())).isFalse());
        assertThat(requests).hasValue(1);
    }
}
