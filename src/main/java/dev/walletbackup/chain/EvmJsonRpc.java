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
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Balances from an EVM node over JSON-RPC: native balances with {@code eth_getBalance}, ERC-20 balances with
 * {@code eth_call} of {@code balanceOf(address)}, all at one pinned block. Calls go in JSON-RPC batches, with a
 * bounded number of batches in flight, so 10,000 agents take a few dozen requests instead of 20,000. A batch holds
 * at most {@code batchSize} calls (a provider's cap); one the provider still refuses as too large is split in two,
 * and the size that split learnt is the cap of every later batch, so that a run of many batches is not refused
 * again at each of them.
 * Push-back (HTTP 429/503, -32005 "limit exceeded", "too many requests"), in the HTTP answer or in any reply of a
 * batch, is waited out by {@link RpcPolicy}. A call that finally fails fails only its own query.
 */
public final class EvmJsonRpc {
    public static final String NATIVE = "ETH";
    /** Not a token: the query reads the address's transaction count (nonce), which says whether it ever sent. */
    public static final String NONCE = "nonce";
    private static final String BALANCE_OF = "0x70a08231";
    private static final ObjectMapper MAPPER = WalletJson.mapper();

    private final RpcEndpoint endpoint;
    private final HttpClient http;
    /** The configured batch size, lowered to half of each batch the provider refused as too large. */
    private final AtomicInteger batchSize;
    private final Semaphore inFlight;
    private final Duration timeout;
    private final RpcPolicy policy;

    public EvmJsonRpc(URI endpoint, int batchSize, int maxInFlight, Duration timeout, RpcPolicy policy) {
        this.endpoint = new RpcEndpoint(endpoint);
        this.policy = policy;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.batchSize = new AtomicInteger(batchSize);
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
     * What the node said about each query: the amount (null for an ERC-20 query whose contract has no code at that
     * address: the token is missing on chain), or why it could not be read.
     */
    public record Balances(Map<BalanceQuery, BigInteger> amounts, Map<BalanceQuery, String> problems) {
        /** Why {@code query} could not be read, or null when it was. */
        public String problem(BalanceQuery query) {
            return problems.get(query);
        }

        /** Every amount, for a caller that cannot act on part of the answer: the first problem is thrown. */
        public Map<BalanceQuery, BigInteger> requireAll() {
            problems.values().stream().findFirst().ifPresent(problem -> {
                throw new ChainRpcException(problem);
            });
            return amounts;
        }
    }

    /** The balance of each query at {@code block}, batch by batch; a batch that fails leaves the others answered. */
    public Balances balances(List<BalanceQuery> queries, long block) {
        String blockTag = "0x" + Long.toHexString(block);
        List<CompletableFuture<Balances>> batches = new ArrayList<>();
        int size = batchSize.get();
        for (int start = 0; start < queries.size(); start += size) {
            List<BalanceQuery> slice = queries.subList(start, Math.min(queries.size(), start + size));
            batches.add(CompletableFuture.supplyAsync(() -> readBatch(slice, blockTag)));
        }
        Map<BalanceQuery, BigInteger> amounts = new HashMap<>();
        Map<BalanceQuery, String> problems = new HashMap<>();
        for (CompletableFuture<Balances> batch : batches) {
            Balances answered = batch.join();
            amounts.putAll(answered.amounts());
            problems.putAll(answered.problems());
        }
        return new Balances(amounts, problems);
    }

    private Balances readBatch(List<BalanceQuery> slice, String blockTag) {
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
        Map<BalanceQuery, BigInteger> amounts = new HashMap<>();
        Map<BalanceQuery, String> problems = new HashMap<>();
        JsonNode replies;
        try {
            replies = sendInFlight(batch);
        } catch (ChainRpcException.BatchTooLarge e) {
            if (slice.size() == 1) {
                return new Balances(amounts, Map.of(slice.get(0), e.getMessage()));
            }
            batchSize.accumulateAndGet(slice.size() / 2, Math::min);
            Balances first = readBatch(slice.subList(0, slice.size() / 2), blockTag);
            Balances second = readBatch(slice.subList(slice.size() / 2, slice.size()), blockTag);
            amounts.putAll(first.amounts());
            amounts.putAll(second.amounts());
            problems.putAll(first.problems());
            problems.putAll(second.problems());
            return new Balances(amounts, problems);
        } catch (ChainRpcException e) {
            slice.forEach(query -> problems.put(query, e.getMessage()));
            return new Balances(amounts, problems);
        }
        for (JsonNode reply : replies) {
            BalanceQuery query = slice.get(reply.get("id").asInt());
            if (reply.has("error")) {
                problems.put(query, endpoint + ": " + query.token() + " of " + query.address() + ": "
                        + reply.get("error").path("message").asText());
                continue;
            }
            String result = reply.get("result").asText();
            amounts.put(query, "0x".equals(result) ? null : quantity(reply.get("result")));
        }
        for (BalanceQuery query : slice) {
            if (!amounts.containsKey(query) && !problems.containsKey(query)) {
                problems.put(query, endpoint + ": a batch of " + slice.size() + " calls got no reply for " + query.token()
                        + " of " + query.address());
            }
        }
        return new Balances(amounts, problems);
    }

    /** Sends one batch of balance calls, with a bounded number of such batches in flight. */
    private JsonNode sendInFlight(ArrayNode batch) {
        inFlight.acquireUninterruptibly();
        try {
            return send(batch);
        } finally {
            inFlight.release();
        }
    }

    private JsonNode send(ArrayNode batch) {
        return policy.call(() -> sendOnce(batch));
    }

    private JsonNode sendOnce(ArrayNode batch) {
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint.uri()).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(batch))).build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 413) {
                throw new ChainRpcException.BatchTooLarge(endpoint + ": HTTP 413, a batch of " + batch.size() + " calls is too large");
            }
            if (response.statusCode() != 200) {
                throw RpcFailures.of(endpoint.toString(), response);
            }
            JsonNode replies = MAPPER.readTree(response.body());
            if (replies.isObject() && replies.has("error")) {
                // Some providers answer a whole batch they refuse with one error object instead of an array.
                JsonNode error = replies.get("error");
                if (isRateLimit(error)) {
                    throw new ChainRpcException.Throttled(endpoint + ": " + error.path("message").asText(), null);
                }
                if (batch.size() > 1 && error.path("message").asText().toLowerCase(Locale.ROOT).contains("batch")) {
                    throw new ChainRpcException.BatchTooLarge(endpoint + ": a batch of " + batch.size() + " calls: "
                            + error.path("message").asText());
                }
                throw new ChainRpcException(endpoint + ": " + error.path("message").asText());
            }
            if (!replies.isArray()) {
                throw new ChainRpcException(endpoint + ": the node did not answer the batch with an array");
            }
            for (JsonNode reply : replies) {
                if (isRateLimit(reply.path("error"))) {
                    throw new ChainRpcException.Throttled(endpoint + ": " + reply.path("error").path("message").asText(), null);
                }
            }
            return replies;
        } catch (IOException e) {
            throw RpcFailures.of(endpoint.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainRpcException(endpoint + ": interrupted", e);
        }
    }

    /** Push-back written as a JSON-RPC error: -32005 (EIP-1474 "limit exceeded"), or a provider's own words for it. */
    private static boolean isRateLimit(JsonNode error) {
        if (error.isMissingNode() || error.isNull()) {
            return false;
        }
        String message = error.path("message").asText().toLowerCase(Locale.ROOT);
        return error.path("code").asInt() == -32005 || error.path("code").asInt() == 429
                || message.contains("too many requests") || message.contains("rate limit");
    }

    private static ObjectNode call(int id, String method, ArrayNode params) {
        return MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method).set("params", params);
    }

    private static BigInteger quantity(JsonNode hex) {
        String text = hex.asText();
        return new BigInteger(text.substring(2), 16);
    }
}
