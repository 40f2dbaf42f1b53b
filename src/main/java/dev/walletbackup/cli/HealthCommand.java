package dev.walletbackup.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.json.WalletJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code health}: asks the running service's management server for its health and exits 0 when it is UP, 1 otherwise
 * (DOWN, or no answer). It is the health check of a container that has no curl: a Docker or Compose
 * {@code HEALTHCHECK}, or a Kubernetes exec probe where an HTTP probe cannot be used. It opens no store and needs no
 * password.
 */
@Command(name = "health", description = "Ask the running service (run) for its health over the management port: exit 0 "
        + "when UP, 1 when DOWN or when it does not answer.")
final class HealthCommand extends StoreCommand {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Addresses the server listens on that a client cannot connect to: the service is then reached over loopback. */
    private static final Set<String> ANY_ADDRESS = Set.of("0.0.0.0", "::", "[::]");

    @Option(names = "--live", description = "Only whether the process is alive (/observe/health/live), as a liveness "
            + "probe asks; without it, whether the service is ready and its checks are UP.")
    boolean live;

    @Override
    boolean needsStore() {
        return false;
    }

    @Override
    Integer callWithoutStore() throws IOException, InterruptedException {
        WalletConfig config = loadConfig();
        if (config.managementPort() == 0) {
            throw new UsageException(WalletConfig.MANAGEMENT_PORT + " is 0: the service has no management server to ask");
        }
        String host = ANY_ADDRESS.contains(config.managementHost()) ? "127.0.0.1" : config.managementHost();
        URI uri = URI.create("http://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":"
                + config.managementPort() + (live ? "/observe/health/live" : "/observe/health?exposureLevel=full"));
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()
                    .send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("no answer from the management server at " + uri.getAuthority() + " (is `run` up, with "
                    + WalletConfig.MANAGEMENT_HOST + " and " + WalletConfig.MANAGEMENT_PORT + " as here?): " + e, e);
        }
        JsonNode health = WalletJson.mapper().readTree(response.body());
        boolean up = response.statusCode() == 200 && "UP".equals(health.path("status").asText());
        if (json()) {
            printJson(health);
        } else {
            out().println(health.path("status").asText("UNKNOWN"));
            for (JsonNode check : health.path("checks")) {
                if (!"UP".equals(check.path("status").asText())) {
                    out().printf("  %s: %s%n", check.path("name").asText(), check.path("message").asText("DOWN"));
                }
            }
        }
        return up ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
