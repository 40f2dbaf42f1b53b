package dev.walletbackup.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.walletbackup.json.WalletJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Balances from the XRP Ledger over rippled's JSON-RPC API, at a validated ledger resolved once per run:
 * {@code account_info} gives XRP in drops, {@code account_lines} issued currencies (token {@code CURRENCY.ISSUER},
 * the currency a 3-letter code or 40 hex digits, as rippled writes it), read page by page following {@code marker}.
 * An account the ledger does not know (actNotFound) holds 0, which is an answer, not an error; {@code slowDown} and
 * HTTP 429/503 are push-back that {@link RpcPolicy} waits out.
 */
public final class XrplJsonRpc {
    public static final String NATIVE = "XRP";
    private static final ObjectMapper MAPPER = WalletJson.mapper();

    private final RpcEndpoint endpoint;
    private final HttpClient http;
    private final Duration timeout;
    private final RpcPolicy policy;
    private final int linesPerPage;

    /** @param linesPerPage the {@code limit} asked of {@code account_lines} (rippled: 10 to 400; servers may give fewer) */
    public XrplJsonRpc(URI endpoint, Duration timeout, RpcPolicy policy, int linesPerPage) {
        this.endpoint = new RpcEndpoint(endpoint);
        this.policy = policy;
        this.linesPerPage = linesPerPage;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.timeout = timeout;
    }

    /** The newest validated ledger's index; a ledger that is not validated is refused. */
    public long validatedLedger() {
        JsonNode result = call("ledger", MAPPER.createObjectNode().put("ledger_index", "validated"));
        if (!result.path("validated").asBoolean(false)) {
            throw new ChainRpcException(endpoint + ": the ledger it answered with is not validated");
        }
        return result.path("ledger_index").asLong();
    }

    /** XRP in drops held by {@code account} at {@code ledgerIndex}; 0 for an account the ledger does not know. */
    public BigInteger drops(String account, long ledgerIndex) {
        JsonNode result = call("account_info", request(account, ledgerIndex));
        if (isAccountNotFound(result)) {
            return BigInteger.ZERO;
        }
        return new BigInteger(result.path("account_data").path("Balance").asText("0"));
    }

    /**
     * Issued-currency balances of {@code account}, by {@code CURRENCY.ISSUER}, as decimal amounts, from every page of
     * its trust lines at {@code ledgerIndex}. A negative amount is the account's side of a line it owes on (it is
     * the issuer side): the amount stays negative, so it can never pass for a holding.
     */
    public Map<String, BigDecimal> lines(String account, long ledgerIndex) {
        Map<String, BigDecimal> lines = new HashMap<>();
        JsonNode marker = null;
        do {
            ObjectNode params = request(account, ledgerIndex).put("limit", linesPerPage);
            if (marker != null) {
                params.set("marker", marker);
            }
            JsonNode result = call("account_lines", params);
            if (isAccountNotFound(result)) {
                return lines;
            }
            for (JsonNode line : result.path("lines")) {
                lines.put(line.path("currency").asText() + "." + line.path("account").asText(),
                        new BigDecimal(line.path("balance").asText("0")));
            }
            JsonNode next = result.get("marker");
            if (next != null && next.equals(marker)) {
                throw new ChainRpcException(endpoint + ": account_lines of " + account + " returned the same marker twice");
            }
            marker = next;
        } while (marker != null && !marker.isNull());
        return lines;
    }

    private static ObjectNode request(String account, long ledgerIndex) {
        return MAPPER.createObjectNode().put("account", account).put("ledger_index", ledgerIndex);
    }

    private static boolean isAccountNotFound(JsonNode result) {
        return "actNotFound".equals(result.path("error").asText());
    }

    private JsonNode call(String method, ObjectNode params) {
        return policy.call(() -> callOnce(method, params));
    }

    private JsonNode callOnce(String method, ObjectNode params) {
        try {
            ObjectNode body = MAPPER.createObjectNode().put("method", method);
            body.putArray("params").add(params);
            HttpRequest request = HttpRequest.newBuilder(endpoint.uri()).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body))).build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw RpcFailures.of(endpoint + ": " + method, response);
            }
            JsonNode result = MAPPER.readTree(response.body()).path("result");
            String error = result.path("error").asText("");
            if ("slowDown".equals(error)) {
                throw new ChainRpcException.Throttled(endpoint + ": " + method + ": slowDown", null);
            }
            if (!error.isEmpty() && !"actNotFound".equals(error)) {
                throw new ChainRpcException(endpoint + ": " + method + ": " + error);
            }
            return result;
        } catch (IOException e) {
            throw RpcFailures.of(endpoint + ": " + method, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainRpcException(endpoint + ": interrupted", e);
        }
    }
}
