package dev.walletbackup.routes;

/**
 * The contract between routes/*.camel.yaml and the Java beans: every exchange property and header that a route and
 * a bean both name, in one place (a YAML file cannot refer to a constant, so RouteContractTest checks that every
 * name the routes use is declared here). This package depends on nothing, so every flow can use it without a cycle.
 */
public final class ExchangeProperties {
    /** "full" or "incremental", as the entry route was asked. */
    public static final String BACKUP_REQUESTED = "walletBackupRequested";
    /** A scheduled slot holds the backup lock: a failure from here on is its backup's, which reports it. */
    public static final String BACKUP_SLOT_LOCKED = "walletBackupSlotLocked";
    /** The file's key derivation, started with the pipeline ({@code backup.PreparedKey}). */
    public static final String BACKUP_KEY = "walletBackupKey";
    /** The check that the backup password opens the seed's envelope, started with the run ({@code backup.SeedPasswordCheck}). */
    public static final String BACKUP_SEED_CHECK = "walletBackupSeedCheck";
    /** What interrupted backups left and this one removed. */
    public static final String BACKUP_LEFTOVERS = "walletBackupLeftovers";
    /** The backup's plan: type, parent, window ({@code backup.BackupPlan}). */
    public static final String BACKUP_PLAN = "walletBackupPlan";
    /** The high-water mark an incremental's rows lie above (the plan's; 0 for a full). */
    public static final String BACKUP_SINCE = "walletBackupSince";
    /** The backup run as it moves through the route ({@code backup.BackupSession}). */
    public static final String BACKUP_SESSION = "walletBackupSession";
    /** What a full found missing from the store's kept LtHash, once applied. */
    public static final String BACKUP_STATE_CORRECTION = "walletBackupStateCorrection";
    /** The published file's name, for the destinations and for a pending copy being synchronised. */
    public static final String BACKUP_FILE_NAME = "walletBackupFileName";
    /** The destination being written ("local", "s3"). */
    public static final String BACKUP_DESTINATION = "walletBackupDestination";
    /** The attempt number of a copy to a destination. */
    public static final String BACKUP_ATTEMPT = "walletBackupAttempt";
    /** The backup whose pending off-site copy is being synchronised. */
    public static final String BACKUP_SYNC_ID = "walletBackupSyncId";
    /** Set when the destination already holds the file, so that it is not uploaded again. */
    public static final String BACKUP_ALREADY_UPLOADED = "walletBackupAlreadyUploaded";
    /** The high-water mark of the snapshot the exchange reads in. */
    public static final String BACKUP_HIGH_WATER_MARK = "walletBackupHighWaterMark";
    /** Header: the store's timeline, reservation and LtHash as of the backup's snapshot. */
    public static final String BACKUP_LINEAGE_HEADER = "walletBackupLineage";
    /** Header: how many rows the backup will read (only for an operator at a terminal). */
    public static final String BACKUP_ROWS_HEADER = "walletBackupRows";
    /** The restore run as it moves through the route ({@code restore.RestoreSession}). */
    public static final String RESTORE_SESSION = "walletRestoreSession";
    /** The chain heights a reconciliation or balance sync compares at. */
    public static final String RECONCILE_HEIGHTS = "walletReconcileHeights";
    /** The chain of the balance mismatch being reported. */
    public static final String MISMATCH_CHAIN = "walletMismatchChain";
    /** The drill of one source as it runs ({@code drill.DrillAttempt}). */
    public static final String DRILL_ATTEMPT = "walletDrillAttempt";
    /** Why a drill failed, for its ERROR log line. */
    public static final String DRILL_FAILURE = "walletDrillFailure";
    /** The failure as an operator reads it, for the log line of routes/error-handling.camel.yaml. */
    public static final String FAILURE_MESSAGE = "walletFailureMessage";
    /** Camel's own property (Exchange.EXCEPTION_CAUGHT): in a doFinally, the failure of its try block, if any. */
    public static final String EXCEPTION_CAUGHT = "CamelExceptionCaught";
    /** Set by the schedule routes: this backup run was started by a schedule, so its failure becomes an event. */
    public static final String BACKUP_SCHEDULED = "walletBackupScheduled";

    /** A rekey as it moves through its route ({@code rekey.Rotation}). */
    public static final String REKEY_ROTATION = "walletRekey";

    private ExchangeProperties() {
    }
}
