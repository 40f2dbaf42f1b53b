package dev.walletbackup.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walletbackup.cli.WalletBackupCli;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the real command line in this JVM, with a given environment and standard input, and keeps its output. */
public final class CliRunner {
    private final Map<String, String> environment;
    private final List<String> appended;
    private final Clock clock;

    public CliRunner(Map<String, String> environment) {
        this(environment, List.of(), Clock.systemUTC());
    }

    private CliRunner(Map<String, String> environment, List<String> appended, Clock clock) {
        this.environment = Map.copyOf(environment);
        this.appended = List.copyOf(appended);
        this.clock = clock;
    }

    /** The same runner with {@code --config FILE} after every command's own arguments. */
    public CliRunner withConfig(Path config) {
        return appending("--config", config.toString());
    }

    /**
     * The same runner with {@code --verbose} after every command's own arguments: the commands log at the levels of
     * the logging configuration instead of only warnings and errors.
     */
    public CliRunner verbose() {
        return appending("--verbose");
    }

    private CliRunner appending(String... options) {
        List<String> all = new ArrayList<>(appended);
        all.addAll(List.of(options));
        return new CliRunner(environment, all, clock);
    }

    /** The same runner with another clock for the command line. */
    public CliRunner withClock(Clock other) {
        return new CliRunner(environment, appended, other);
    }

    public Result run(String... args) {
        return runWithInput("", args);
    }

    /** Runs a command that must succeed. */
    public Result ok(String... args) {
        Result result = run(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.stderr()).isZero();
        return result;
    }

    public Result runWithInput(String stdin, String... given) {
        List<String> all = new ArrayList<>(List.of(given));
        all.addAll(appended);
        String[] args = all.toArray(String[]::new);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = WalletBackupCli.execute(args, environment,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out),
                new PrintWriter(err), clock);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** Exit code and the two output streams of one command. */
    public record Result(int exitCode, String stdout, String stderr) {
        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(stdout);
            } catch (IOException e) {
                throw new UncheckedIOException("stdout is not JSON: " + stdout + " / stderr: " + stderr, e);
            }
        }
    }
}
