package dev.walletbackup.cli;

import dev.walletbackup.app.OperatorMessages;
import java.io.Console;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.bouncycastle.crypto.CryptoServicesRegistrar;
import picocli.AutoComplete.GenerateCompletion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;
import picocli.CommandLine.ScopeType;

/**
 * {@code wallet-backup}: the operator's command line. Exit codes: 0 success, 1 failure, 2 usage error (an option or
 * a setting), 3 integrity failure, 4 wrong password, 5 not found (an agent, balance, backup id or the store itself),
 * 6 balances differ from the chains ({@code reconcile}).
 * {@code -h/--help} and {@code -V/--version} reach every subcommand through the INHERIT scope, as do the
 * {@link CommonOptions}.
 */
@Command(name = "wallet-backup", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = Version.class,
        description = "Backup and disaster recovery for AI agents' HD wallets.",
        subcommands = {SeedCommands.class, WalletCommands.class, BalanceCommands.class, BackupCommands.class, RestoreCommand.class, ImportCommand.class, DrillCommand.class, ReconcileCommand.class, DemoCommand.class, BenchCommand.class,
                RunCommand.class, HealthCommand.class, GenerateCompletion.class})
public final class WalletBackupCli {
    @Mixin
    CommonOptions common;

    @Mixin
    PasswordOptions password;

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
        // BouncyCastle's registry initialises itself on its first use, and allocates as it does. A first use inside a
        // backup that has just exhausted the heap fails that initialisation, and every later BouncyCastle call then
        // throws NoClassDefFoundError, which would be reported instead of the out-of-memory error. So: now, while
        // memory is free — on a thread of its own, for its first class checks the signature of BouncyCastle's signed
        // jar, a third of a second that would otherwise delay every command; a first use elsewhere waits for it.
        Thread registry = new Thread(CryptoServicesRegistrar::getServicesConstraints, "bouncycastle-init");
        registry.setDaemon(true);
        registry.start();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        CommandExit exit = CommandExit.install();
        exit.exit(exitCodeOf(() -> execute(args, System.getenv(), System.in, System.console(), out, err,
                Clock.systemUTC()), err));
    }

    /**
     * The command's exit code, also when an Error escapes its own reporting (a heap exhausted where nothing catches
     * it: a `verify --deep` of a large chain in a small heap): the process must still end, with a message and code 1.
     * Without this, the main thread died, the JVM began its shutdown, and {@link CommandExit}'s hook waited for a code
     * that nothing would give: the process hung.
     */
    static int exitCodeOf(IntSupplier command, PrintWriter err) {
        try {
            return command.getAsInt();
        } catch (RuntimeException | Error escaped) {
            err.println("wallet-backup: error: " + OperatorMessages.of(escaped));
            return ExitCodes.FAILURE;
        }
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
        WalletBackupCli cli = new WalletBackupCli(environment, stdin, terminal, clock);
        CommandLine commandLine = new CommandLine(cli);
        WholeNumbers.registerOn(commandLine);
        commandLine.setOut(out);
        commandLine.setErr(err);
        FailureReporter failures = new FailureReporter();
        commandLine.setExecutionExceptionHandler(failures);
        commandLine.setParameterExceptionHandler(failures);
        commandLine.setExitCodeExceptionMapper(ExitCodes::of);
        LogLevels logLevels = new LogLevels(environment);
        // Once the command line is parsed the command is known (the service keeps its INFO lines), and nothing has
        // logged yet.
        commandLine.setExecutionStrategy(parseResult -> {
            if (!cli.common.verbose && !(command(parseResult) instanceof RunCommand)) {
                logLevels.quiet();
            }
            return new RunLast().execute(parseResult);
        });
        try {
            return commandLine.execute(args);
        } finally {
            logLevels.restore();
            out.flush();
            err.flush();
        }
    }

    /** The command that runs: the last one named on the command line. */
    private static Object command(ParseResult parseResult) {
        List<CommandLine> named = parseResult.asCommandLineList();
        return named.get(named.size() - 1).getCommand();
    }

    CommonOptions common() {
        return common;
    }

    /** The {@code --password-file} given before the command's name. */
    PasswordOptions password() {
        return password;
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
