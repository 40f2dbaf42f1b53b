package dev.walletbackup.monitoring;

import dev.walletbackup.backup.BackupReport;

/** How the end of a backup run (the pipeline's doFinally) tells a success from a failure. */
final class BackupRuns {
    private BackupRuns() {
    }

    /**
     * The run's report, or null when it failed: a run succeeded when its try block ended without an exception (the
     * doFinally sees it as the caught exception) after producing its report, the block's last step.
     */
    static BackupReport reportOf(Object body, Exception failure) {
        return failure == null && body instanceof BackupReport report ? report : null;
    }
}
