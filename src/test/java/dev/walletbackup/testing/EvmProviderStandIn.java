package dev.walletbackup.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback stand-in for a public EVM JSON-RPC provider in front of a real node (Anvil): it refuses batches of
 * more than {@code batchCap} calls with one error object, as providers do, and pushes back on every
 * {@code throttleEvery}-th request it does not refuse, in turn with HTTP 429 and {@code Retry-After}, HTTP 429 without it, a batch whose
 * first reply is -32005 "limit exceeded" (EIP-1474), and HTTP 503. A balance call for an address given to
 * {@link #failBalanceOf} is answered with the error a pruned or lagging node gives.
 */
public final class EvmProviderStandIn implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final StandInServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI node;
    private final int batchCap;
    private final int throttleEvery;
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger pushedBack = new AtomicInteger();
    private final AtomicInteger refusedBatches = new AtomicInteger();

    public EvmProviderStandIn(URI node, int batchCap, int throttleEvery) throws IOException {
        this.node = node;
        this.batchCap = batchCap;
        this.throttleEvery = throttleEvery;
        server = new StandInServer(this::handle);
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public void failBalanceOf(String address) {
        failing.add(address.toLowerCase(Locale.ROOT));
    }

    public int pushedBack() {
        return pushedBack.get();
    }

    public int refusedBatches() {
        return refusedBatches.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        JsonNode request = MAPPER.readTree(body);
        if (request.isArray() && request.size() > batchCap) {
            refusedBatches.incrementAndGet();
            StandInServer.send(exchange, 200, "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":"
                    + "\"batch size too large, at most " + batchCap + " calls\"}}", null);
            return;
        }
        // counted after the cap: how many batches a client sends over it depends on when it learns the cap (batches
        // already in flight), and a push-back must not depend on that
        int number = requests.incrementAndGet();
        int kind = number % throttleEvery == 0 ? number / throttleEvery % 4 : -1;
        if (kind >= 0) {
            pushedBack.incrementAndGet();
        }
        switch (kind) {
            case 0 -> StandInServer.send(exchange, 429, "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":429,\"message\":"
                    + "\"Too Many Requests\"}}", "0");
            case 1 -> StandInServer.send(exchange, 429, "Too Many Requests\n", null);
            case 3 -> StandInServer.send(exchange, 503, "Service Unavailable\n", null);
            default -> {
                JsonNode replies = forward(body);
                if (replies.isArray()) {
                    for (int i = 0; i < replies.size(); i++) {
                        JsonNode call = find(request, replies.get(i).path("id"));
                        if (kind == 2 && i == 0) {
                            replaceWithError((ArrayNode) replies, i, -32005, "limit exceeded");
                        } else if (call != null && call.path("method").asText().equals("eth_getBalance")
                                && failing.contains(call.path("params").path(0).asText().toLowerCase(Locale.ROOT))) {
                            replaceWithError((ArrayNode) replies, i, -32000, "header not found");
                        }
                    }
                }
                StandInServer.send(exchange, 200, MAPPER.writeValueAsString(replies), null);
            }
        }
    }

    private static JsonNode find(JsonNode batch, JsonNode id) {
        for (JsonNode call : batch) {
            if (call.path("id").equals(id)) {
                return call;
            }
        }
        return null;
    }

    private static void replaceWithError(ArrayNode replies, int index, int code, String message) {
        ObjectNode error = MAPPER.createObjectNode().put("jsonrpc", "2.0");
        error.set("id", replies.get(index).path("id"));
        error.putObject("error").put("code", code).put("message", message);
        replies.set(index, error);
    }

    private JsonNode forward(byte[] body) throws IOException {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(node).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return MAPPER.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
