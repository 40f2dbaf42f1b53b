package dev.walletbackup.cli;

import dev.walletbackup.backup.destination.BackupDirectory.Finding;
import dev.walletbackup.backup.destination.BackupDirectory;
import java.io.PrintWriter;
import java.util.List;

/**
 * The files of a backup source that were skipped, and installations with more than one timeline head, one warning
 * line each on standard error (text output only).
 */
final class SourceWarnings {
    private SourceWarnings() {
    }

    static void print(PrintWriter err, BackupDirectory directory) {
        print(err, directory.unreadable(), directory.orphans());
        directory.severalHeadsWarnings().forEach(warning -> err.println("warning: " + warning));
    }

    static void print(PrintWriter err, List<Finding> unreadable, List<Finding> orphans) {
        unreadable.forEach(finding -> err.println("warning: ignored " + finding.file() + ": " + finding.reason()));
        orphans.forEach(finding -> err.println("warning: orphan " + finding.file() + ": " + finding.reason()));
    }
}
