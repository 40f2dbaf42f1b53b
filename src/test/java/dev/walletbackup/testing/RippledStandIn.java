package dev.walletbackup.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback stand-in for a public rippled JSON-RPC server, answering in the shapes rippled really uses (as in the
 * xrpl.js project's fixtures): {@code ledger}, {@code account_info}, {@code account_lines} a few lines per page with
 * an opaque {@code marker}, actNotFound for an unknown account. Like a busy public server it pushes back on every
 * {@code throttleEvery}-th request, in turn with HTTP 503, {@code slowDown} (error code 10) and HTTP 503 with
 * {@code Retry-After}; a method and account given to {@link #neverAnswer} only ever get push-back.
 */
public final class RippledStandIn implements AutoCloseable {
    public static final long LEDGER = 90_000_000L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One trust line as account_lines shows it from the account's side: a negative balance is owed. */
    public record Line(String currency, String counterparty, String balance) {
    }

    public record Account(long drops, List<Line> lines) {
    }

    private final StandInServer server;
    private final int linesPerPage;
    private final int throttleEvery;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    /** "method account" pairs that only ever get push-back. */
    private final Set<String> alwaysSlowDown = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger pushedBack = new AtomicInteger();
    private final AtomicInteger pagesAfterTheFirst = new AtomicInteger();

    public RippledStandIn(int linesPerPage, int throttleEvery) throws IOException {
        this.linesPerPage = linesPerPage;
        this.throttleEvery = throttleEvery;
        server = new StandInServer(this::handle);
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public void account(String address, long drops, List<Line> lines) {
        accounts.put(address, new Account(drops, List.copyOf(lines)));
    }

    /** Only push-back, ever, to {@code method} for {@code address}: that request finally fails, the others do not. */
    public void neverAnswer(String address, String method) {
        alwaysSlowDown.add(method + " " + address);
    }

    /** Requests answered with push-back so far. */
    public int pushedBack() {
        return pushedBack.get();
    }

    /** account_lines requests that carried a marker (second and later pages). */
    public int pagesAfterTheFirst() {
        return pagesAfterTheFirst.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        JsonNode request = MAPPER.readTree(exchange.getRequestBody());
        String method = request.path("method").asText();
        JsonNode params = request.path("params").path(0);
        int number = requests.incrementAndGet();
        if (number % throttleEvery == 0 || alwaysSlowDown.contains(method + " " + params.path("account").asText())) {
            pushedBack.incrementAndGet();
            switch (number / throttleEvery % 3) {
                case 0 -> StandInServer.send(exchange, 503, "Server is overloaded\n", null);
                case 1 -> StandInServer.send(exchange, 200, error(params, "slowDown", 10, "You are placing too much load on the server."), null);
                default -> StandInServer.send(exchange, 503, "Server is overloaded\n", "1");
            }
            return;
        }
        StandInServer.send(exchange, 200, MAPPER.writeValueAsString(MAPPER.createObjectNode().set("result", answer(method, params))), null);
    }

    private ObjectNode answer(String method, JsonNode params) {
        if (method.equals("ledger")) {
            return MAPPER.createObjectNode().put("ledger_hash", "4BC50C9B0D8515D3EAAE1E74B29A95804346C491EE1A95BF25E4AAB854A6A652")
                    .put("ledger_index", LEDGER).put("status", "success").put("validated", true);
        }
        if (params.path("ledger_index").asLong() != LEDGER) {
            return errorNode(params, "lgrNotFound", 21, "ledgerNotFound");
        }
        String address = params.path("account").asText();
        Account account = accounts.get(address);
        if (account == null) {
            return errorNode(params, "actNotFound", 19, "Account not found.");
        }
        ObjectNode result = MAPPER.createObjectNode();
        if (method.equals("account_info")) {
            result.putObject("account_data").put("Account", address).put("Balance", String.valueOf(account.drops()))
                    .put("Flags", 0).put("LedgerEntryType", "AccountRoot").put("OwnerCount", account.lines().size())
                    .put("Sequence", 4);
        } else if (method.equals("account_lines")) {
            int from = 0;
            if (params.has("marker")) {
                // rippled's marker is opaque; this one names the next line, and only markers it gave out are valid
                String marker = params.get("marker").asText();
                if (!marker.matches("[0-9A-F]{64},\\d+")) {
                    return errorNode(params, "invalidParams", 31, "Invalid field 'marker'.");
                }
                from = Integer.parseInt(marker.substring(marker.indexOf(',') + 1));
                pagesAfterTheFirst.incrementAndGet();
            }
            int to = Math.min(account.lines().size(), from + linesPerPage);
            result.put("account", address).put("limit", linesPerPage);
            ArrayNode lines = result.putArray("lines");
            for (Line line : account.lines().subList(from, to)) {
                lines.addObject().put("account", line.counterparty()).put("balance", line.balance())
                        .put("currency", line.currency()).put("limit", "1000000000").put("limit_peer", "0")
                        .put("quality_in", 0).put("quality_out", 0).put("no_ripple", true).put("no_ripple_peer", false);
            }
            if (to < account.lines().size()) {
                result.put("marker", "F6A9BB07A8C4A1B2B5AD9BC8FB5AD0BC3F5C47B36B0F4C9A8F6C1D0E9A8B7C6D," + to);
            }
        } else {
            return errorNode(params, "unknownCmd", 32, "Unknown method.");
        }
        return result.put("ledger_index", LEDGER).put("status", "success").put("validated", true);
    }

    private static ObjectNode errorNode(JsonNode params, String error, int code, String message) {
        ObjectNode result = MAPPER.createObjectNode().put("error", error).put("error_code", code).put("error_message", message)
                .put("status", "error");
        result.set("request", params);
        return result.put("ledger_index", LEDGER).put("validated", true);
    }

    private static String error(JsonNode params, String error, int code, String message) throws IOException {
        return MAPPER.writeValueAsString(MAPPER.createObjectNode().set("result", errorNode(params, error, code, message)));
    }

    @Override
    public void close() {
        server.close();
    }
}
