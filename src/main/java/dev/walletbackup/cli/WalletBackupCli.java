package dev.walletbackup.cli;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * {@code wallet-backup}: the operator's command line. Exit codes: 0 success, 1 failure, 2 usage error,
 * 3 integrity failure, 4 wrong password, 5 not found (an agent, balance, backup id or the store itself).
 */
@Command(name = "wallet-backup", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = Version.class,
        description = "Backup and disaster recovery for AI agents' HD wallets.",
        subcommands = {SeedCommands.class, WalletCommands.class, BalanceCommands.class, BackupCommands.class, RestoreCommand.class, ReconcileCommand.class, DemoCommand.class, BenchCommand.class,
                RunCommand.class})
public final class WalletBackupCli {
    /** The level of Camel's own loggers (logback.xml): INFO for the service, WARN for every other command. */
    static final String CAMEL_LOG_LEVEL = "wallet.camel.log-level";
    private final Map<String, String> environment;
    private final InputStream stdin;
    private final Console terminal;
    private final Clock clock;

    public WalletBackupCli(Map<String, String> environment, InputStream stdin, Console terminal, Clock clock) {
        this.environment = Map.copyOf(environment);
        this.stdin = stdin;
        this.terminal = terminal;
        this.clock = clock;
    }

    public static void main(String[] args) {
        // Camel's start and stop lines tell a service operator what runs; for a one-shot command they bury its
        // result. Set before the first logger exists, which is when logback reads its configuration.
        if (args.length == 0 || !args[0].equals("run")) {
            System.setProperty(CAMEL_LOG_LEVEL, "WARN");
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(args, System.getenv(), System.in, System.console(), out, err, Clock.systemUTC()));
    }

    /** Runs one command line as the launcher would, with the given environment and streams and no terminal. */
    public static int execute(String[] args, Map<String, String> environment, InputStream stdin, PrintWriter out,
                              PrintWriter err, Clock clock) {
        return execute(args, environment, stdin, null, out, err, clock);
    }

    /**
     * Runs one command line. {@code terminal} is the operator's terminal when standard input and output are one
     * ({@link System#console()}), or {@code null}: secrets are then prompted for and read without echo.
     */
    public static int execute(String[] args, Map<String, String> environment, InputStream stdin, Console terminal,
                              PrintWriter out, PrintWriter err, Clock clock) {
        CommandLine commandLine = new CommandLine(new WalletBackupCli(environment, stdin, terminal, clock));
        WholeNumbers.registerOn(commandLine);
        commandLine.setOut(out);
        commandLine.setErr(err);
        FailureReporter failures = new FailureReporter();
        commandLine.setExecutionExceptionHandler(failures);
        commandLine.setParameterExceptionHandler(failures);
        commandLine.setExitCodeExceptionMapper(ExitCodes::of);
        int exitCode = commandLine.execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }

    Map<String, String> environment() {
        return environment;
    }

    InputStream stdin() {
        return stdin;
    }

    /** The operator's terminal, or {@code null} when standard input is not one. */
    Console terminal() {
        return terminal;
    }

    Clock clock() {
        return clock;
    }
}
