package dev.walletbackup.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.cli.WalletBackupCli;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real command line in a JVM of its own, as {@code bin/wallet-backup} starts it: the test's class path, the
 * installation directory as {@code wallet.home}, the given environment and nothing else of the test's.
 */
public final class CliProcess implements AutoCloseable {
    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final List<Thread> readers = new ArrayList<>();

    private CliProcess(Process process) {
        this.process = process;
        readers.add(collect(process.getInputStream(), stdout));
        readers.add(collect(process.getErrorStream(), stderr));
    }

    /**
     * JVM options for a child that works for a minute (a large store's backup): there C2's faster code pays for its
     * compilation. JVM options come after the default, and the last of a kind wins.
     */
    public static final List<String> BOTH_COMPILERS = List.of("-XX:TieredStopAtLevel=4");

    public static CliProcess start(Map<String, String> environment, String... args) throws IOException {
        return start(List.of(), environment, args);
    }

    /** The command line with these JVM options before the class path, as JAVA_OPTS gives them to the launcher. */
    public static CliProcess start(List<String> jvmOptions, Map<String, String> environment, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // A command lives seconds: compiling it with C2 as well cost the suite nearly half of its children's CPU
        // (QuietByDefaultTest: 147 s of CPU with both compilers, 83 s with C1 alone), for code that ends first;
        // see BOTH_COMPILERS for the exception.
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "-Dwallet.home=" + System.getProperty("wallet.home", "."), WalletBackupCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("WALLET_") || name.startsWith("S3_")
                || name.startsWith("AWS_") || name.endsWith("_RPC_URL"));
        builder.environment().putAll(environment);
        return new CliProcess(builder.start());
    }

    /**
     * Any command, started with exactly this environment (nothing of the test's): the image's entrypoint in a chroot,
     * say, watched like the command line.
     */
    public static CliProcess command(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        return new CliProcess(builder.start());
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until a line of standard error matches, the process ends, or the deadline passes. */
    public boolean awaitStderrLine(Predicate<String> matches, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (stderr) {
            while (stderr.stream().noneMatch(matches)) {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0 || !process.isAlive()) {
                    return stderr.stream().anyMatch(matches);
                }
                stderr.wait(Math.min(left, 200));
            }
            return true;
        }
    }

    /** How many lines of standard error so far match. */
    public long countStderrLines(Predicate<String> matches) {
        synchronized (stderr) {
            return stderr.stream().filter(matches).count();
        }
    }

    /** Waits until at least {@code atLeast} lines of standard error match, the process ends, or the deadline passes. */
    public boolean awaitStderrLines(Predicate<String> matches, long atLeast, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (stderr) {
            while (countStderrLines(matches) < atLeast) {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0 || !process.isAlive()) {
                    return countStderrLines(matches) >= atLeast;
                }
                stderr.wait(Math.min(left, 200));
            }
            return true;
        }
    }

    /** Waits for the process to end and returns its exit code and output. */
    public CliRunner.Result await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout + "; stderr so far:\n" + stderr());
        }
        // the process is gone, but its last lines may still be on their way through the pipes
        for (Thread reader : readers) {
            reader.join(timeout.toMillis());
        }
        return new CliRunner.Result(process.exitValue(), joined(stdout), stderr());
    }

    public String stderr() {
        return joined(stderr);
    }

    /**
     * Asks the process to stop (SIGTERM), as a service manager or Ctrl-C does; {@link #await} then waits for it and
     * its last words. Through its handle: {@link Process#destroy} would also close the pipes its output comes by.
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    /**
     * Kills the process and every process it started (SIGKILL) and waits until they are gone. Its descendants first:
     * a wrapper's child does not always die with it — ContainerImageIT's service runs under {@code unshare
     * --kill-child}, whose death signal the kernel clears when {@code chroot --userspec} changes the child's user, and
     * it then ran on, orphaned, after the test.
     */
    public void kill() throws InterruptedException {
        List<ProcessHandle> descendants = process.toHandle().descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("process " + process.pid() + " is gone").isTrue();
        assertThat(process.isAlive()).isFalse();
        for (ProcessHandle descendant : descendants) {
            assertThat(descendant.onExit()).as("process " + descendant.pid() + ", started by " + process.pid())
                    .succeedsWithin(Duration.ofSeconds(30));
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private static String joined(List<String> lines) {
        synchronized (lines) {
            return String.join(System.lineSeparator(), lines);
        }
    }

    /**
     * Reads the output a line at a time as it comes. A progress update ({@code \r}, the text, then the erase-line
     * sequence, no newline) counts as a line as soon as it is written: BufferedReader would hold it back until the next
     * update's {@code \r}, and a test that waits for the work to be midway would act only once it was over.
     */
    private static Thread collect(InputStream stream, List<String> lines) {
        Thread reader = new Thread(() -> {
            try (Reader in = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
                StringBuilder line = new StringBuilder();
                boolean erased = false; // the line just kept ended with the erase-line sequence
                for (int c = in.read(); c != -1; c = in.read()) {
                    if (c == '\n' || c == '\r') {
                        // an empty line counts only when a newline ends it and no progress update just did
                        if (line.length() > 0 || (c == '\n' && !erased)) {
                            add(lines, line);
                        }
                        erased = false;
                    } else {
                        line.append((char) c);
                        erased = endsWithEraseLine(line);
                        if (erased) {
                            add(lines, line);
                        }
                    }
                }
                if (line.length() > 0) {
                    add(lines, line);
                }
            } catch (IOException ended) {
                // the process was killed: its output ends here
            }
        }, "cli-process-output");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static boolean endsWithEraseLine(StringBuilder line) {
        int length = line.length();
        return length >= 3 && line.charAt(length - 3) == '\u001b' && line.charAt(length - 2) == '['
                && line.charAt(length - 1) == 'K';
    }

    private static void add(List<String> lines, StringBuilder line) {
        synchronized (lines) {
            lines.add(line.toString());
            lines.notifyAll();
        }
        line.setLength(0);
    }
}
