package dev.walletbackup.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * {@code bin/wallet-backup run} in a JVM of its own on a store with the Hardhat seed and a few wallets: its management
 * HTTP server on a free loopback port, and the JVM's JMX connector on another (the JVM flags an operator gives in
 * JAVA_OPTS). Started when {@code Camel … started} is logged.
 */
public final class RunningService implements AutoCloseable {
    public static final String PASSWORD = "Monitoring-Pass-1!";

    private final CliProcess process;
    private final int httpPort;
    private final int jmxPort;
    private final Path dataDir;
    private final CliRunner cli;
    private final HttpClient http = HttpClient.newHttpClient();
    private JMXConnector jmx;

    private final Map<String, String> environment;
    private final Path config;

    private RunningService(CliProcess process, int httpPort, int jmxPort, Path dataDir, CliRunner cli,
                           Map<String, String> environment, Path config) {
        this.environment = environment;
        this.config = config;
        this.process = process;
        this.cli = cli;
        this.httpPort = httpPort;
        this.jmxPort = jmxPort;
        this.dataDir = dataDir;
    }

    /**
     * Prepares a store of {@code kind} in {@code dataDir} (seed, {@code wallets} wallets) and starts the service on
     * it with {@code settings} added to the fast test configuration and {@code environment} added to its own.
     */
    public static RunningService start(TestStores.Kind kind, Path dataDir, int wallets, Map<String, String> settings,
                                       Map<String, String> environment) throws Exception {
        Files.createDirectories(dataDir);
        Path config = TestStores.fastConfigFile(dataDir.getParent(), settings);
        Map<String, String> env = new HashMap<>(TestStores.environment(kind, dataDir));
        env.put("WALLET_BACKUP_PASSWORD", PASSWORD);
        env.putAll(environment);
        int httpPort = freePort();
        int jmxPort = freePort();
        env.put("WALLET_MANAGEMENT_PORT", Integer.toString(httpPort));
        CliRunner cli = new CliRunner(env).withConfig(config);
        assertThat(cli.runWithInput(RunningApplication.HARDHAT, "seed", "import").exitCode()).isZero();
        cli.ok("wallets", "create", "--count", Integer.toString(wallets));
        CliProcess process = CliProcess.start(List.of("-Dcom.sun.management.jmxremote.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort, "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Djava.rmi.server.hostname=127.0.0.1", "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false"), env, "run", "--config", config.toString());
        RunningService service = new RunningService(process, httpPort, jmxPort, dataDir, cli, Map.copyOf(env), config);
        assertThat(process.awaitStderrLine(line -> line.contains("(wallet-backup) started in"), Duration.ofSeconds(60)))
                .as("the service started: " + process.stderr()).isTrue();
        return service;
    }

    /** Another {@code run} on the same store, configuration and environment (the same management port). */
    public CliProcess startSecondService() throws IOException {
        return CliProcess.start(environment, "run", "--config", config.toString());
    }

    public CliProcess process() {
        return process;
    }

    /** The command line on the service's store, configuration and environment (management port included). */
    public CliRunner cli() {
        return cli;
    }

    /** The command line on the service's store and configuration, with these variables added to its environment. */
    public CliRunner cli(Map<String, String> moreEnvironment) {
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(moreEnvironment);
        return new CliRunner(env).withConfig(config);
    }

    public int httpPort() {
        return httpPort;
    }

    public Path backupDirectory() {
        return dataDir.resolve("backups");
    }

    /** The lines the telemetry endpoint received (the shipped configuration's JSON-lines file). */
    public List<String> telemetry() throws IOException {
        Path file = dataDir.resolve("telemetry").resolve("wallet-balance-mismatch.jsonl");
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The service's MBean server, through the JVM's RMI connector on loopback. */
    public MBeanServerConnection jmx() throws IOException {
        if (jmx == null) {
            jmx = JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort
                    + "/jmxrmi"));
        }
        return jmx.getMBeanServerConnection();
    }

    @Override
    public void close() throws Exception {
        if (jmx != null) {
            jmx.close();
        }
        process.kill();
    }

    /** A port nothing listens on now, for a server a test starts (or for a request that must find none). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
