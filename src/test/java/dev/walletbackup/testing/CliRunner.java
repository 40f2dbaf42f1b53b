package dev.walletbackup.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walletbackup.cli.WalletBackupCli;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/** Runs the real command line in this JVM, with a given environment and standard input, and keeps its output. */
public final class CliRunner {
    private final Map<String, String> environment;

    public CliRunner(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public Result run(String... args) {
        return runWithInput("", args);
    }

    public Result runWithInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = WalletBackupCli.execute(args, environment,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out),
                new PrintWriter(err), Clock.systemUTC());
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
