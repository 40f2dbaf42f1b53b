package dev.walletbackup.cli;

import java.util.concurrent.CompletableFuture;

/**
 * How the launched process ends: with the command's exit code, also when the JVM is asked to stop (SIGTERM, Ctrl-C)
 * while the command runs. The JVM then runs its shutdown hooks at once and ends when they have, in the middle of the
 * command and with 143; Camel's hook stops the command's routes ({@code camel.main.shutdown-timeout}: a backup
 * finishes or is interrupted, a restore rolls back), and this hook waits for the command to report what happened,
 * then ends the process with the command's code ({@link System#exit} would block: the JVM is already stopping).
 * Other hooks are over by then: the command's Camel context is stopped and its store closed.
 */
final class CommandExit {
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private volatile boolean exiting;

    private CommandExit() {
    }

    static CommandExit install() {
        CommandExit exit = new CommandExit();
        Runtime.getRuntime().addShutdownHook(new Thread(exit::awaitCommand, "wallet-backup-command-exit"));
        return exit;
    }

    /** Ends the process once the command has returned {@code code}. */
    void exit(int code) {
        exiting = true;
        exitCode.complete(code);
        System.exit(code);
    }

    private void awaitCommand() {
        if (!exiting) {
            Runtime.getRuntime().halt(exitCode.join());
        }
    }
}
