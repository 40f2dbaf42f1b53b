package dev.walletbackup.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.walletbackup.json.WalletJson;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

/**
 * Balances from an EVM node over JSON-RPC: native balances with {@code eth_getBalance}, ERC-20 balances with
 * {@code eth_call} of {@code balanceOf(address)}, all at one pinned block. Calls go in JSON-RPC batches, with a
 * bounded number of batches in flight, so 10,000 agents take a few dozen requests instead of 20,000.
 */
public final class EvmJsonRpc {
    public static final String NATIVE = "ETH";
    /** Not a token: the query reads the address's transaction count (nonce), which says whether it ever sent. */
    public static final String NONCE = "nonce";
    private static final String BALANCE_OF = "0x70a08231";
    private static final ObjectMapper MAPPER = WalletJson.mapper();

    private final URI endpoint;
    private final HttpClient http;
    private final int batchSize;
    private final Semaphore inFlight;
    private final Duration timeout;
    private final RpcPolicy policy;

    public EvmJsonRpc(URI endpoint, int batchSize, int maxInFlight, Duration timeout, RpcPolicy policy) {
        this.endpoint = endpoint;
        this.policy = policy;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.batchSize = batchSize;
        this.inFlight = new Semaphore(maxInFlight);
        this.timeout = timeout;
    }

    /**
     * One balance to read: {@code token} is {@value #NATIVE} for ether, {@value #NONCE} for the transaction count,
     * else an ERC-20 contract address.
     */
    public record BalanceQuery(String address, String token) {
    }

    /** The {@code decimals()} of an ERC-20 contract at {@code block}. */
    public int decimals(String token, long block) {
        ArrayNode params = MAPPER.createArrayNode();
        params.add(MAPPER.createObjectNode().put("to", token).put("data", "0x313ce567")).add("0x" + Long.toHexString(block));
        ArrayNode batch = MAPPER.createArrayNode();
        batch.add(call(0, "eth_call", params));
        JsonNode reply = send(batch).get(0);
        if (reply.has("error") || "0x".equals(reply.path("result").asText())) {
            throw new ChainRpcException(endpoint + ": " + token + " does not answer decimals() (not an ERC-20 contract?)");
        }
        return quantity(reply.get("result")).intValueExact();
    }

    /** The latest block number, resolved once per run so every balance is read at the same height. */
    public long latestBlock() {
        ArrayNode batch = MAPPER.createArrayNode();
        batch.add(call(0, "eth_blockNumber", MAPPER.createArrayNode()));
        return quantity(send(batch).get(0).get("result")).longValueExact();
    }

    /**
     * The balance of each query at {@code block}. An ERC-20 query whose contract has no code at that address maps
     * to null: the token is missing on chain.
     */
    public Map<BalanceQuery, BigInteger> balances(List<BalanceQuery> queries, long block) {
        String blockTag = "0x" + Long.toHexString(block);
        List<CompletableFuture<Map<BalanceQuery, BigInteger>>> batches = new ArrayList<>();
        for (int start = 0; start < queries.size(); start += batchSize) {
            List<BalanceQuery> slice = queries.subList(start, Math.min(queries.size(), start + batchSize));
            batches.add(CompletableFuture.supplyAsync(() -> readBatch(slice, blockTag)));
        }
        Map<BalanceQuery, BigInteger> balances = new HashMap<>();
        try {
            batches.forEach(batch -> balances.putAll(batch.join()));
        } catch (CompletionException e) {
            throw e.getCause() instanceof ChainRpcException rpc ? rpc : new ChainRpcException(endpoint + ": " + e.getMessage(), e);
        }
        return balances;
    }

    private Map<BalanceQuery, BigInteger> readBatch(List<BalanceQuery> slice, String blockTag) {
        ArrayNode batch = MAPPER.createArrayNode();
        for (int i = 0; i < slice.size(); i++) {
            BalanceQuery query = slice.get(i);
            ArrayNode params = MAPPER.createArrayNode();
            if (NATIVE.equals(query.token()) || NONCE.equals(query.token())) {
                params.add(query.address()).add(blockTag);
                batch.add(call(i, NATIVE.equals(query.token()) ? "eth_getBalance" : "eth_getTransactionCount", params));
            } else {
                ObjectNode transaction = MAPPER.createObjectNode().put("to", query.token())
                        .put("data", BALANCE_OF + "0".repeat(24) + query.address().substring(2).toLowerCase(Locale.ROOT));
                params.add(transaction).add(blockTag);
                batch.add(call(i, "eth_call", params));
            }
        }
        inFlight.acquireUninterruptibly();
        JsonNode replies;
        try {
            replies = send(batch);
        } finally {
            inFlight.release();
        }
        Map<BalanceQuery, BigInteger> balances = new HashMap<>();
        for (JsonNode reply : replies) {
            BalanceQuery query = slice.get(reply.get("id").asInt());
            if (reply.has("error")) {
                throw new ChainRpcException(endpoint + ": " + query + ": " + reply.get("error").path("message").asText());
            }
            String result = reply.get("result").asText();
            balances.put(query, "0x".equals(result) ? null : quantity(reply.get("result")));
        }
        if (balances.size() != slice.size()) {
            throw new ChainRpcException(endpoint + ": a batch of " + slice.size() + " calls got " + balances.size() + " replies");
        }
        return balances;
    }

    private JsonNode send(ArrayNode batch) {
        return policy.call(() -> sendOnce(batch), ChainRpcException.Unreachable.class);
    }

    private JsonNode sendOnce(ArrayNode batch) {
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(batch))).build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new ChainRpcException(endpoint + ": HTTP " + response.statusCode());
            }
            JsonNode replies = MAPPER.readTree(response.body());
            if (!replies.isArray()) {
                throw new ChainRpcException(endpoint + ": the node did not answer the batch with an array");
            }
            return replies;
        } catch (IOException e) {
            throw new ChainRpcException.Unreachable(endpoint + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainRpcException(endpoint + ": interrupted", e);
        }
    }

    private static ObjectNode call(int id, String method, ArrayNode params) {
        return MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method).set("params", params);
    }

    private static BigInteger quantity(JsonNode hex) {
        String text = hex.asText();
        return new BigInteger(text.substring(2), 16);
    }
}
