package dev.walletbackup.drill;

/**
 * What a drill restores: the newest chain of {@code source} (a directory or s3://bucket/prefix), or with
 * {@code null} the newest chain of every destination backups go to.
 */
public record DrillRequest(String source) {
    /** The scheduled drill: every destination. */
    public static DrillRequest everyDestination() {
        return new DrillRequest(null);
    }
}
