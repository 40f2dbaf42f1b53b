package dev.walletbackup.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real EVM node for tests: Anvil (npm @foundry-rs/anvil, installed into target/anvil by the build), started on a
 * free loopback port with the public development mnemonic and chain id 31337, stopped on close. It mines only when
 * told ({@link #mine()}), so a test knows exactly when its transactions are in a block.
 */
public final class AnvilNode implements AutoCloseable {
    public static final String DEV_ACCOUNT = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    private static final Pattern LISTENING = Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Process process;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    private AnvilNode(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static AnvilNode start() throws IOException {
        String binary = System.getProperty("anvil.binary");
        Process process = new ProcessBuilder(binary, "--host", "127.0.0.1", "--port", "0", "--chain-id", "31337",
                "--mnemonic", RunningApplication.HARDHAT, "--no-mining").redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }), "anvil-output");
                drain.setDaemon(true);
                drain.start();
                return new AnvilNode(process, URI.create("http://127.0.0.1:" + listening.group(1)));
            }
        }
        process.destroyForcibly();
        throw new IOException("anvil (" + binary + ") exited without listening");
    }

    public URI endpoint() {
        return endpoint;
    }

    /** One JSON-RPC call; returns its result, or fails with the node's error. */
    public JsonNode call(String method, Object... params) throws IOException, InterruptedException {
        ArrayNode array = MAPPER.valueToTree(params);
        byte[] body = MAPPER.writeValueAsBytes(MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", 1)
                .put("method", method).set("params", array));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode reply = MAPPER.readTree(response.body());
        if (reply.has("error")) {
            throw new IOException(method + ": " + reply.get("error"));
        }
        return reply.get("result");
    }

    /** Mines one block with every pending transaction; returns when it is mined. */
    public void mine() throws IOException, InterruptedException {
        call("evm_mine");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
