package dev.walletbackup.cli;

import dev.walletbackup.app.OperatorMessages;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints a failed command's message, once and nothing else, to standard error. The stack trace goes to the debug
 * log only: every message in this code base is written to be safe to show, and to say what to do next.
 */
final class FailureReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(FailureReporter.class);

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parseResult) {
        commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": error: "
                + OperatorMessages.of(failure));
        LOG.debug("Command {} failed", commandLine.getCommandName(), failure);
        return ExitCodes.of(failure);
    }

    /** A usage error: the one line that says what is wrong and where the help is, not the whole usage text. */
    @Override
    public int handleParseException(ParameterException failure, String[] args) {
        CommandLine commandLine = failure.getCommandLine();
        commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": error: " + failure.getMessage()
                + " (see " + commandLine.getCommandSpec().qualifiedName() + " --help)");
        return ExitCodes.USAGE;
    }
}
