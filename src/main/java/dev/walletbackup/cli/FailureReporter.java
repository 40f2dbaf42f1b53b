package dev.walletbackup.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.walletbackup.app.OperatorMessages;
import dev.walletbackup.json.WalletJson;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints a failed command's message, once and nothing else: one line on standard error, or with {@code --json} one
 * object on standard output, {@code {"error":{"command":…,"exitCode":…,"message":…}}}; the exit code is the same
 * either way. The stack trace goes to the debug log only: every message in this code base is written to be safe to
 * show, and to say what to do next.
 */
final class FailureReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(FailureReporter.class);

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parseResult) {
        LOG.debug("Command {} failed", commandLine.getCommandName(), failure);
        int exitCode = ExitCodes.of(failure);
        String message = OperatorMessages.of(failure);
        if (json(commandLine)) {
            printJson(commandLine, exitCode, message);
        } else {
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": error: " + message);
        }
        return exitCode;
    }

    /** A usage error: the one line that says what is wrong and where the help is, not the whole usage text. */
    @Override
    public int handleParseException(ParameterException failure, String[] args) {
        CommandLine commandLine = failure.getCommandLine();
        String command = commandLine.getCommandSpec().qualifiedName();
        // The parse may have stopped before it reached --json: then the word itself tells.
        if (json(commandLine) || List.of(args).contains("--json")) {
            printJson(commandLine, ExitCodes.USAGE, failure.getMessage() + " (see " + command + " --help)");
        } else {
            commandLine.getErr().println(command + ": error: " + failure.getMessage() + " (see " + command + " --help)");
        }
        return ExitCodes.USAGE;
    }

    private static boolean json(CommandLine commandLine) {
        return ((WalletBackupCli) commandLine.getCommandSpec().root().userObject()).common().json;
    }

    /** The {@code "error"} member of a failed command's JSON output. */
    static Map<String, Object> error(String command, int exitCode, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("command", command);
        error.put("exitCode", exitCode);
        error.put("message", message);
        return Map.of("error", error);
    }

    private static void printJson(CommandLine commandLine, int exitCode, String message) {
        try {
            commandLine.getOut().println(WalletJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(
                    error(commandLine.getCommandSpec().qualifiedName(), exitCode, message)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
