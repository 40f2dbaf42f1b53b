package dev.walletbackup.config;

import dev.walletbackup.crypto.Argon2MemoryCap;
import dev.walletbackup.crypto.Argon2Parameters;
import dev.walletbackup.crypto.ChunkedAesGcm;
import dev.walletbackup.derivation.EvmAddress;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The resolved configuration: {@code config/application.properties}, then environment variables, then
 * command-line options, each overriding the one before. Every {@code wallet.*} key is known and checked at load
 * time, so a typo or a bad value stops the program with a message naming the key.
 */
public final class WalletConfig {
    public static final String DATA_DIR = "wallet.data-dir";
    public static final String DB_URL = "wallet.db.url";
    public static final String DB_USER = "wallet.db.user";
    public static final String DB_PASSWORD = "wallet.db.password";
    public static final String DB_POOL_SIZE = "wallet.db.pool-size";
    public static final String BACKUP_PATH = "wallet.backup.path";
    public static final String SEED_WORDS = "wallet.seed.words";
    public static final String BATCH_SIZE = "wallet.wallets.batch-size";
    public static final String DERIVATION_THREADS = "wallet.wallets.derivation-threads";
    public static final String FULL_SCHEDULE = "wallet.backup.full.schedule";
    public static final String INCREMENTAL_SCHEDULE = "wallet.backup.incremental.schedule";
    public static final String SCHEDULE_ENABLED = "wallet.backup.schedule.enabled";
    public static final String CHUNK_SIZE = "wallet.backup.chunk-size";
    public static final String LOCK_TIMEOUT = "wallet.backup.lock-timeout-seconds";
    public static final String KDF_MEMORY = "wallet.kdf.memory-kib";
    public static final String KDF_ITERATIONS = "wallet.kdf.iterations";
    public static final String KDF_PARALLELISM = "wallet.kdf.parallelism";
    public static final String KDF_MAX_MEMORY = "wallet.kdf.max-memory-kib";
    public static final String KDF_INSECURE_FOR_TESTS = "wallet.kdf.insecure-for-tests-only";
    public static final String DESTINATIONS = "wallet.backup.destinations";
    public static final String SYNC_PERIOD = "wallet.backup.sync-period-seconds";
    public static final String CLUSTER_CHECKIN = "wallet.cluster.checkin-interval-ms";
    public static final String EVM_RPC_URL = "wallet.evm.rpc-url";
    public static final String XRPL_RPC_URL = "wallet.xrpl.rpc-url";
    public static final String EVM_TOKENS = "wallet.evm.tokens";
    public static final String BALANCES_SYNC_SCHEDULE = "wallet.balances.sync.schedule";
    public static final String RECONCILE_BATCH = "wallet.reconcile.batch-size";
    public static final String RECONCILE_IN_FLIGHT = "wallet.reconcile.max-in-flight";
    public static final String RECONCILE_TIMEOUT = "wallet.reconcile.timeout-seconds";
    public static final String RECONCILE_REPORT_ROWS = "wallet.reconcile.report-rows";
    public static final String DISCOVERY_GAP_LIMIT = "wallet.discovery.gap-limit";
    public static final String RPC_ATTEMPTS = "wallet.rpc.attempts";
    public static final String RPC_RATE = "wallet.rpc.requests-per-second";
    public static final String RPC_FIRST_BACK_OFF = "wallet.rpc.first-back-off-ms";
    public static final String RPC_MAX_BACK_OFF = "wallet.rpc.max-back-off-ms";
    public static final String EVM_MAX_BATCH_CALLS = "wallet.evm.max-batch-calls";
    public static final String XRPL_LINES_PER_PAGE = "wallet.xrpl.lines-per-page";
    public static final String TELEMETRY_ENDPOINT = "wallet.telemetry.endpoint";
    public static final String NODE_ID = "wallet.node-id";
    public static final String S3_BUCKET = "wallet.s3.bucket";
    public static final String S3_REGION = "wallet.s3.region";
    public static final String S3_ACCESS_KEY = "wallet.s3.access-key-id";
    public static final String S3_SECRET_KEY = "wallet.s3.secret-access-key";
    public static final String S3_ENDPOINT = "wallet.s3.endpoint";
    public static final String S3_PATH_STYLE = "wallet.s3.path-style";
    public static final String S3_PREFIX = "wallet.s3.prefix";
    public static final String S3_SSE = "wallet.s3.sse";
    public static final String S3_SSE_KMS_KEY_ID = "wallet.s3.sse-kms-key-id";
    public static final String S3_OBJECT_LOCK_MODE = "wallet.s3.object-lock-mode";
    public static final String S3_OBJECT_LOCK_DAYS = "wallet.s3.object-lock-days";
    public static final String S3_PART_SIZE = "wallet.s3.part-size";
    public static final String SCHEDULE_MISFIRE = "wallet.backup.schedule.misfire";
    public static final String RETENTION_KEEP_LAST = "wallet.retention.keep-last";
    public static final String RETENTION_KEEP_DAILY = "wallet.retention.keep-daily";
    public static final String RETENTION_KEEP_WEEKLY = "wallet.retention.keep-weekly";
    public static final String RETENTION_KEEP_MONTHLY = "wallet.retention.keep-monthly";
    public static final String DRILL_SCHEDULE = "wallet.drill.schedule";
    public static final String MANAGEMENT_HOST = "wallet.management.host";
    public static final String MANAGEMENT_PORT = "wallet.management.port";
    public static final String HEALTH_MAX_BACKUP_AGE = "wallet.health.max-backup-age";
    public static final String HEALTH_MAX_PENDING_AGE = "wallet.health.max-pending-age";

    // Placeholders the routes use that are not settings: WalletConfig derives them from the settings above (the
    // Quartz forms of the schedules, whether S3 is on), a one-shot command lowers the failure log level, and the
    // launcher gives the installation's directory. Setting one in the configuration is refused like a typo.
    public static final String S3_ENABLED = "wallet.s3.enabled";
    public static final String FULL_QUARTZ_CRON = "wallet.backup.full.quartz-cron";
    public static final String INCREMENTAL_QUARTZ_CRON = "wallet.backup.incremental.quartz-cron";
    public static final String BALANCES_SYNC_QUARTZ_CRON = "wallet.balances.sync.quartz-cron";
    public static final String DRILL_QUARTZ_CRON = "wallet.drill.quartz-cron";
    public static final String SCHEDULE_QUARTZ_MISFIRE = "wallet.backup.schedule.quartz-misfire-instruction";
    public static final String FAILURE_LOG_LEVEL = "wallet.routes.failure-log-level";
    public static final String HOME = "wallet.home";

    /** The embedded store's file name without H2's suffixes, in the data directory. */
    public static final String EMBEDDED_STORE_NAME = "wallet";

    /**
     * Environment variable → key it overrides: the names the README's settings table gives. Besides these, every
     * setting may be given by its {@link #environmentVariable(String) WALLET_ variable}, so that a container is
     * configured by its environment alone; a name of this table wins over that.
     */
    public static final Map<String, String> ENVIRONMENT_OVERRIDES = Map.ofEntries(
            Map.entry("WALLET_DATA_DIR", DATA_DIR),
            Map.entry("WALLET_DB_URL", DB_URL),
            Map.entry("WALLET_DB_USER", DB_USER),
            Map.entry("WALLET_DB_PASSWORD", DB_PASSWORD),
            Map.entry("WALLET_BACKUP_PATH", BACKUP_PATH),
            Map.entry("EVM_RPC_URL", EVM_RPC_URL),
            Map.entry("XRPL_RPC_URL", XRPL_RPC_URL),
            Map.entry("EVM_TOKENS", EVM_TOKENS),
            Map.entry("S3_BUCKET", S3_BUCKET),
            Map.entry("S3_REGION", S3_REGION),
            Map.entry("AWS_ACCESS_KEY_ID", S3_ACCESS_KEY),
            Map.entry("AWS_SECRET_ACCESS_KEY", S3_SECRET_KEY),
            Map.entry("S3_ENDPOINT", S3_ENDPOINT),
            Map.entry("S3_PATH_STYLE", S3_PATH_STYLE),
            Map.entry("S3_PREFIX", S3_PREFIX),
            Map.entry("S3_SSE", S3_SSE),
            Map.entry("S3_SSE_KMS_KEY_ID", S3_SSE_KMS_KEY_ID),
            Map.entry("S3_OBJECT_LOCK_MODE", S3_OBJECT_LOCK_MODE),
            Map.entry("S3_OBJECT_LOCK_DAYS", S3_OBJECT_LOCK_DAYS),
            Map.entry("WALLET_MANAGEMENT_PORT", MANAGEMENT_PORT));

    /** Every setting: the {@code wallet.*} keys a configuration file, the environment or the command line may set. */
    public static final Set<String> SETTINGS = Set.of(DATA_DIR, DB_URL, DB_USER, DB_PASSWORD, DB_POOL_SIZE,
            BACKUP_PATH, SEED_WORDS, BATCH_SIZE, DERIVATION_THREADS, FULL_SCHEDULE, INCREMENTAL_SCHEDULE,
            SCHEDULE_ENABLED, SCHEDULE_MISFIRE, CHUNK_SIZE, LOCK_TIMEOUT, KDF_MEMORY, KDF_ITERATIONS, KDF_PARALLELISM,
            KDF_MAX_MEMORY, KDF_INSECURE_FOR_TESTS, DESTINATIONS, SYNC_PERIOD, S3_BUCKET, S3_REGION, S3_ACCESS_KEY,
            S3_SECRET_KEY, S3_ENDPOINT, S3_PATH_STYLE, S3_PREFIX, S3_SSE, S3_SSE_KMS_KEY_ID, S3_OBJECT_LOCK_MODE,
            S3_OBJECT_LOCK_DAYS, S3_PART_SIZE, EVM_RPC_URL,
            XRPL_RPC_URL, EVM_TOKENS, BALANCES_SYNC_SCHEDULE, RPC_ATTEMPTS, RPC_RATE, RPC_FIRST_BACK_OFF, RPC_MAX_BACK_OFF,
            EVM_MAX_BATCH_CALLS, XRPL_LINES_PER_PAGE, RECONCILE_BATCH,
            RECONCILE_IN_FLIGHT, RECONCILE_TIMEOUT, RECONCILE_REPORT_ROWS, TELEMETRY_ENDPOINT, NODE_ID,
            DISCOVERY_GAP_LIMIT, RETENTION_KEEP_LAST, RETENTION_KEEP_DAILY, RETENTION_KEEP_WEEKLY,
            RETENTION_KEEP_MONTHLY, DRILL_SCHEDULE, MANAGEMENT_HOST, MANAGEMENT_PORT, HEALTH_MAX_BACKUP_AGE,
            HEALTH_MAX_PENDING_AGE, CLUSTER_CHECKIN);
    /** The placeholders that are not settings (see above), each filled before the routes start. */
    public static final Set<String> DERIVED = Set.of(S3_ENABLED, FULL_QUARTZ_CRON, INCREMENTAL_QUARTZ_CRON,
            BALANCES_SYNC_QUARTZ_CRON, SCHEDULE_QUARTZ_MISFIRE, FAILURE_LOG_LEVEL, HOME, DRILL_QUARTZ_CRON);
    /** Kept out of Camel's properties; the chain URLs are among them because providers put API keys in them. */
    private static final Set<String> SECRET_KEYS = Set.of(DB_PASSWORD, S3_SECRET_KEY, S3_ACCESS_KEY,
            EVM_RPC_URL, XRPL_RPC_URL);

    private final Map<String, String> values;
    private final Path dataDir;
    private final Path backupPath;
    private final String dbUrl;
    private final int dbPoolSize;
    private final int seedWords;
    private final int batchSize;
    private final int derivationThreads;
    private final CronSchedule fullSchedule;
    private final CronSchedule incrementalSchedule;
    private final CronSchedule balancesSyncSchedule;
    private final CronSchedule drillSchedule;
    private final boolean scheduleEnabled;
    private final MisfirePolicy scheduleMisfire;
    private final int chunkSize;
    private final int lockTimeoutSeconds;
    private final Argon2Parameters kdf;
    private final int kdfMaxMemoryKiB;
    private final S3Settings s3;
    private final long s3PartSize;
    private final int syncPeriodSeconds;
    private final int clusterCheckinMillis;
    private final URI evmRpcUrl;
    private final URI xrplRpcUrl;
    private final int reconcileBatchSize;
    private final int reconcileInFlight;
    private final int reconcileTimeoutSeconds;
    private final int reconcileReportRows;
    private final int discoveryGapLimit;
    private final RetentionSettings retention;
    private final int managementPort;
    private final Duration maxBackupAge;
    private final Duration maxPendingAge;

    private WalletConfig(Map<String, String> values) {
        this.values = values;
        for (String key : values.keySet()) {
            if (key.startsWith("wallet.") && !SETTINGS.contains(key)) {
                throw new InvalidConfigException(key, "unknown setting (known: " + new TreeSet<>(SETTINGS) + ")");
            }
        }
        this.dataDir = path(DATA_DIR, "data");
        String url = text(DB_URL);
        if (url.isEmpty()) {
            // AUTO_SERVER: the first process to open the file serves it to the others on this machine, over
            // loopback (H2's automatic mixed mode; see WalletStore), so commands work while `run` is up.
            // WRITE_DELAY=0: a commit is in the file when it returns, not up to a second later, so a command that
            // wrote through the serving process and exited 0 loses nothing if that process is then killed.
            url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(EMBEDDED_STORE_NAME)
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=60000"
                    + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
        } else if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new InvalidConfigException(DB_URL, "must be a jdbc:h2: or jdbc:postgresql: URL");
        }
        this.dbUrl = url;
        this.backupPath = text(BACKUP_PATH).isEmpty() ? dataDir.resolve("backups") : path(BACKUP_PATH, "");
        this.dbPoolSize = integer(DB_POOL_SIZE, 4, 1, 64);
        this.seedWords = integer(SEED_WORDS, 24, 12, 24);
        if (seedWords != 12 && seedWords != 24) {
            throw new InvalidConfigException(SEED_WORDS, "must be 12 or 24, got " + seedWords);
        }
        this.batchSize = integer(BATCH_SIZE, 2000, 1, 100_000);
        int threads = integer(DERIVATION_THREADS, 0, 0, 256);
        this.derivationThreads = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        this.fullSchedule = schedule(FULL_SCHEDULE, "0 0 * * 0");
        this.incrementalSchedule = schedule(INCREMENTAL_SCHEDULE, "0 0 * * *");
        this.balancesSyncSchedule = schedule(BALANCES_SYNC_SCHEDULE, "*/15 * * * *");
        this.drillSchedule = schedule(DRILL_SCHEDULE, "0 6 * * 1");
        try {
            evmTokens();
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(EVM_TOKENS, e.getMessage());
        }
        this.scheduleEnabled = flag(SCHEDULE_ENABLED, true);
        try {
            this.scheduleMisfire = text(SCHEDULE_MISFIRE).isEmpty() ? MisfirePolicy.RUN_ONCE
                    : MisfirePolicy.parse(text(SCHEDULE_MISFIRE));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(SCHEDULE_MISFIRE, e.getMessage());
        }
        this.chunkSize = integer(CHUNK_SIZE, 1 << 20, ChunkedAesGcm.MIN_CHUNK_SIZE, ChunkedAesGcm.MAX_CHUNK_SIZE);
        this.lockTimeoutSeconds = integer(LOCK_TIMEOUT, 60, 0, 86_400);
        try {
            this.kdf = new Argon2Parameters(integer(KDF_MEMORY, 65_536, 1, Integer.MAX_VALUE),
                    integer(KDF_ITERATIONS, 3, 1, Integer.MAX_VALUE), integer(KDF_PARALLELISM, 4, 1, Integer.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("wallet.kdf.*", e.getMessage());
        }
        this.kdfMaxMemoryKiB = integer(KDF_MAX_MEMORY, Argon2MemoryCap.defaultCapKiB(), Argon2Parameters.MIN_MEMORY_KIB,
                Argon2Parameters.MAX_MEMORY_KIB);
        if (kdf.memoryKiB() > kdfMaxMemoryKiB) {
            throw new InvalidConfigException(KDF_MEMORY, kdf.memoryKiB() + " KiB is more than " + KDF_MAX_MEMORY + " ("
                    + kdfMaxMemoryKiB + " KiB): a backup sealed with it could not be opened by this installation");
        }
        if (!flag(KDF_INSECURE_FOR_TESTS, false) && !kdf.meetsFloor()) {
            throw new InvalidConfigException("wallet.kdf.*", "Argon2id below " + Argon2Parameters.FLOOR_MEMORY_KIB
                    + " KiB of memory or " + Argon2Parameters.FLOOR_ITERATIONS + " passes makes guessing the backup "
                    + "password cheap; use at least that (the default is RFC 9106's 65536 KiB, 3 passes)");
        }
        this.s3 = S3Settings.from(values);
        // S3 takes parts of 5 MiB to 5 GiB (the last may be smaller), and at most 10,000 of them per object
        this.s3PartSize = wholeNumber(S3_PART_SIZE, 5L << 20, 5L << 20, 5L << 30);
        this.syncPeriodSeconds = integer(SYNC_PERIOD, 60, 1, 86_400);
        this.clusterCheckinMillis = integer(CLUSTER_CHECKIN, 7500, 1000, 600_000);
        this.evmRpcUrl = optionalUrl(EVM_RPC_URL);
        this.xrplRpcUrl = optionalUrl(XRPL_RPC_URL);
        this.reconcileBatchSize = integer(RECONCILE_BATCH, 100, 1, 1000);
        this.reconcileInFlight = integer(RECONCILE_IN_FLIGHT, 4, 1, 64);
        this.reconcileTimeoutSeconds = integer(RECONCILE_TIMEOUT, 10, 1, 600);
        this.reconcileReportRows = integer(RECONCILE_REPORT_ROWS, 1000, 0, 1_000_000);
        this.discoveryGapLimit = integer(DISCOVERY_GAP_LIMIT, 20, 1, 100_000);
        this.retention = new RetentionSettings(integer(RETENTION_KEEP_LAST, 0, 0, RetentionSettings.MAX),
                integer(RETENTION_KEEP_DAILY, 0, 0, RetentionSettings.MAX),
                integer(RETENTION_KEEP_WEEKLY, 0, 0, RetentionSettings.MAX),
                integer(RETENTION_KEEP_MONTHLY, 0, 0, RetentionSettings.MAX));
        this.managementPort = integer(MANAGEMENT_PORT, 9876, 0, 65_535);
        this.maxBackupAge = duration(HEALTH_MAX_BACKUP_AGE, Duration.ofHours(26));
        this.maxPendingAge = duration(HEALTH_MAX_PENDING_AGE, Duration.ofHours(6));
        rpcAttempts();
        rpcRequestsPerSecond();
        if (rpcMaxBackOff().compareTo(rpcFirstBackOff()) < 0) {
            throw new InvalidConfigException(RPC_MAX_BACK_OFF, "must be at least " + RPC_FIRST_BACK_OFF);
        }
        evmMaxBatchCalls();
        xrplLinesPerPage();
        for (String destination : text(DESTINATIONS).isEmpty() ? new String[] {"local"} : text(DESTINATIONS).split(",")) {
            if (!Set.of("local", "s3").contains(destination.strip())) {
                throw new InvalidConfigException(DESTINATIONS, "unknown destination '" + destination.strip()
                        + "' (known: local, s3)");
            }
        }
    }

    /**
     * Loads and checks the configuration, and applies its one process-wide setting: the Argon2id memory cap that
     * every file read in this process is held to ({@link Argon2MemoryCap}).
     *
     * @param configFile   the properties file; it must exist
     * @param environment  the process environment (or a test's stand-in)
     * @param overrides    values given on the command line, by key
     */
    public static WalletConfig load(Path configFile, Map<String, String> environment, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
            file.load(reader);
        } catch (IOException e) {
            throw new InvalidConfigException("--config", "cannot read " + configFile + ": " + e.getMessage());
        }
        file.stringPropertyNames().forEach(key -> values.put(key, file.getProperty(key).trim()));
        SETTINGS.forEach(key -> {
            String value = environment.get(environmentVariable(key));
            if (value != null) {
                values.put(key, value.trim());
            }
        });
        ENVIRONMENT_OVERRIDES.forEach((variable, key) -> {
            String value = environment.get(variable);
            if (value != null) {
                values.put(key, value.trim());
            }
        });
        overrides.forEach((key, value) -> {
            if (value != null) {
                values.put(key, value);
            }
        });
        WalletConfig config = new WalletConfig(values);
        Argon2MemoryCap.limitTo(config.kdfMaxMemoryKiB());
        return config;
    }

    /**
     * The environment variable that sets a setting: {@code WALLET_} and the rest of the key in upper case, with
     * {@code .} and {@code -} as {@code _} ({@code wallet.backup.full.schedule}: {@code WALLET_BACKUP_FULL_SCHEDULE}).
     */
    public static String environmentVariable(String key) {
        return "WALLET_" + key.substring("wallet.".length()).toUpperCase(Locale.ROOT).replaceAll("[.-]", "_");
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path backupPath() {
        return backupPath;
    }

    public String dbUrl() {
        return dbUrl;
    }

    public boolean isEmbeddedDatabase() {
        return dbUrl.startsWith("jdbc:h2:");
    }

    /**
     * The path of an embedded store's files without H2's suffixes ({@code .mv.db}, {@code .lock.db},
     * {@code .trace.db}), or empty when the store is not a file on this machine (PostgreSQL, H2 in memory or over TCP).
     */
    public Optional<Path> embeddedStoreFile() {
        if (!isEmbeddedDatabase()) {
            return Optional.empty();
        }
        String name = dbUrl.substring("jdbc:h2:".length()).split(";", 2)[0];
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        } else if (name.matches("[a-z]+:.*")) {
            return Optional.empty();
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return Optional.of(Path.of(name).toAbsolutePath());
    }

    public String dbUser() {
        return text(DB_USER);
    }

    /** The database password, for the connection pool only. */
    public String dbPassword() {
        return text(DB_PASSWORD);
    }

    public int dbPoolSize() {
        return dbPoolSize;
    }

    public int seedWords() {
        return seedWords;
    }

    public int batchSize() {
        return batchSize;
    }

    public int derivationThreads() {
        return derivationThreads;
    }

    public CronSchedule fullSchedule() {
        return fullSchedule;
    }

    public CronSchedule incrementalSchedule() {
        return incrementalSchedule;
    }

    public boolean scheduleEnabled() {
        return scheduleEnabled;
    }

    /** What the backup triggers do with a slot they could not fire on time while the service ran. */
    public MisfirePolicy scheduleMisfire() {
        return scheduleMisfire;
    }

    public int chunkSize() {
        return chunkSize;
    }

    public int lockTimeoutSeconds() {
        return lockTimeoutSeconds;
    }

    /** Argon2id parameters for new seed envelopes and backup key slots. */
    public Argon2Parameters kdf() {
        return kdf;
    }

    /** The most memory Argon2id may take in this process, whatever a file being read asks for. */
    public int kdfMaxMemoryKiB() {
        return kdfMaxMemoryKiB;
    }

    /** The S3 destination's settings; {@link S3Settings#enabled()} is false without a bucket. */
    public S3Settings s3() {
        return s3;
    }

    /** Bytes per part of the S3 destination's multipart uploads; a smaller backup goes up in one request. */
    public long s3PartSize() {
        return s3PartSize;
    }

    /** The configured backup destinations, in order (the local directory is always one of them). */
    public List<String> destinations() {
        String configured = text(DESTINATIONS);
        return Arrays.stream((configured.isEmpty() ? "local" : configured).split(",")).map(String::strip).toList();
    }

    /** The EVM node to reconcile against, or null when none is configured. */
    public URI evmRpcUrl() {
        return evmRpcUrl;
    }

    /**
     * The ERC-20 contracts whose balances `balances sync` reads, besides ether, EIP-55 checksummed as `balances record`
     * stores them, so that a contract listed in lower case and recorded by hand is still one balance.
     */
    public List<String> evmTokens() {
        String configured = text(EVM_TOKENS);
        return configured.isEmpty() ? List.of()
                : Arrays.stream(configured.split(",")).map(String::strip).filter(token -> !token.isEmpty())
                        .map(WalletConfig::contract).distinct().toList();
    }

    private static String contract(String token) {
        try {
            return EvmAddress.parse(token);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + token + "': " + e.getMessage());
        }
    }

    /** The rippled JSON-RPC server to reconcile against, or null when none is configured. */
    public URI xrplRpcUrl() {
        return xrplRpcUrl;
    }

    public int reconcileBatchSize() {
        return reconcileBatchSize;
    }

    public int reconcileInFlight() {
        return reconcileInFlight;
    }

    public int reconcileTimeoutSeconds() {
        return reconcileTimeoutSeconds;
    }

    /** The most rows that are not MATCH a reconciliation report keeps (the rest are counted). */
    public int reconcileReportRows() {
        return reconcileReportRows;
    }

    /**
     * How many consecutive derivation indices above the highest restored one a restore reserves (BIP-44's gap
     * limit): wallets created after the backup, which may hold funds, are searched for up to this many unused
     * indices in a row.
     */
    /** The retention rules {@code backup prune} and the service apply by default. */
    public RetentionSettings retention() {
        return retention;
    }

    public int discoveryGapLimit() {
        return discoveryGapLimit;
    }

    public int rpcAttempts() {
        return integer(RPC_ATTEMPTS, 3, 1, 10);
    }

    public int rpcRequestsPerSecond() {
        return integer(RPC_RATE, 500, 1, 100_000);
    }

    /** The wait before the second try of a request that failed for a passing reason; it doubles with every try. */
    public Duration rpcFirstBackOff() {
        return Duration.ofMillis(integer(RPC_FIRST_BACK_OFF, 200, 1, 60_000));
    }

    /** The longest wait between tries, and the longest {@code Retry-After} a provider may ask for. */
    public Duration rpcMaxBackOff() {
        return Duration.ofMillis(integer(RPC_MAX_BACK_OFF, 30_000, 1, 600_000));
    }

    /** JSON-RPC calls per batch request to the EVM node: at most the provider's batch cap. */
    public int evmMaxBatchCalls() {
        return integer(EVM_MAX_BATCH_CALLS, 100, 1, 1000);
    }

    /** Trust lines asked per {@code account_lines} page (rippled takes 10 to 400). */
    public int xrplLinesPerPage() {
        return integer(XRPL_LINES_PER_PAGE, 200, 10, 400);
    }

    public String nodeId() {
        return text(NODE_ID).isEmpty() ? "wallet-backup" : text(NODE_ID);
    }

    public int syncPeriodSeconds() {
        return syncPeriodSeconds;
    }

    /**
     * How often each instance of a PostgreSQL store tells the shared scheduler it is alive; one silent for this
     * long plus 7.5 s is taken for dead, and the slot it had taken goes to another.
     */
    public int clusterCheckinMillis() {
        return clusterCheckinMillis;
    }

    /** The interface `run`'s management HTTP server listens on. */
    public String managementHost() {
        return text(MANAGEMENT_HOST).isEmpty() ? "127.0.0.1" : text(MANAGEMENT_HOST);
    }

    /** The port of `run`'s management HTTP server; 0 turns the server off. */
    public int managementPort() {
        return managementPort;
    }

    /** Health is DOWN when the newest backup is older than this. */
    public Duration maxBackupAge() {
        return maxBackupAge;
    }

    /** Health is DOWN, and an event is sent, when an off-site copy has been pending longer than this. */
    public Duration maxPendingAge() {
        return maxPendingAge;
    }

    /** A copy with some settings replaced, for commands that run the routes without their schedules. */
    public WalletConfig with(Map<String, String> overrides) {
        Map<String, String> changed = new LinkedHashMap<>(values);
        changed.putAll(overrides);
        return new WalletConfig(changed);
    }

    /** Every setting other than the secret ones, for Camel's property placeholders. */
    public Properties toCamelProperties() {
        Properties properties = new Properties();
        values.forEach((key, value) -> {
            if (!SECRET_KEYS.contains(key)) {
                properties.setProperty(key, value);
            }
        });
        properties.setProperty(DATA_DIR, dataDir.toString());
        properties.setProperty(BACKUP_PATH, backupPath.toString());
        properties.setProperty(DB_URL, dbUrl);
        properties.setProperty(SCHEDULE_ENABLED, Boolean.toString(scheduleEnabled));
        properties.setProperty(S3_ENABLED, Boolean.toString(s3.enabled()));
        properties.setProperty(S3_BUCKET, s3.enabled() ? s3.bucket() : "disabled");
        properties.setProperty(S3_PART_SIZE, Long.toString(s3PartSize));
        properties.setProperty(FULL_QUARTZ_CRON, fullSchedule.quartzExpression());
        properties.setProperty(INCREMENTAL_QUARTZ_CRON, incrementalSchedule.quartzExpression());
        properties.setProperty(BALANCES_SYNC_QUARTZ_CRON, balancesSyncSchedule.quartzExpression());
        properties.setProperty(DRILL_QUARTZ_CRON, drillSchedule.quartzExpression());
        properties.setProperty(SCHEDULE_QUARTZ_MISFIRE, Integer.toString(scheduleMisfire.quartzInstruction()));
        properties.setProperty(HEALTH_MAX_PENDING_AGE, maxPendingAge.toString());
        return properties;
    }

    private String text(String key) {
        return values.getOrDefault(key, "");
    }

    private Path path(String key, String fallback) {
        String value = values.getOrDefault(key, fallback);
        if (value.isBlank()) {
            value = fallback;
        }
        try {
            return Path.of(value);
        } catch (RuntimeException e) {
            throw new InvalidConfigException(key, "not a valid path: " + e.getMessage());
        }
    }

    /**
     * An http(s) URL with a host, or null when not set: the JSON-RPC clients can send to nothing else. The value is
     * not repeated in the message: a provider's URL often carries its API key.
     */
    private URI optionalUrl(String key) {
        String value = text(key);
        URI url;
        try {
            url = value.isEmpty() ? null : new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidConfigException(key, "not a URL: " + e.getReason() + " at index " + e.getIndex());
        }
        if (url != null && (!("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
                || url.getHost() == null)) {
            throw new InvalidConfigException(key, "must be an http:// or https:// URL with a host");
        }
        return url;
    }

    private CronSchedule schedule(String key, String fallback) {
        String value = values.getOrDefault(key, "");
        try {
            return CronSchedule.parse(value.isEmpty() ? fallback : value);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(key, e.getMessage());
        }
    }

    /** An ISO-8601 duration ({@code PT26H}, {@code P7D}), positive. */
    private Duration duration(String key, Duration fallback) {
        String value = text(key);
        if (value.isEmpty()) {
            return fallback;
        }
        Duration parsed;
        try {
            parsed = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidConfigException(key, "must be an ISO-8601 duration such as PT26H or P7D, got '" + value + "'");
        }
        if (parsed.isNegative() || parsed.isZero()) {
            throw new InvalidConfigException(key, "must be longer than zero, got " + value);
        }
        return parsed;
    }

    private boolean flag(String key, boolean fallback) {
        String value = values.getOrDefault(key, "");
        if (value.isEmpty()) {
            return fallback;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw new InvalidConfigException(key, "must be true or false, got '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private int integer(String key, int fallback, int min, int max) {
        return (int) wholeNumber(key, fallback, min, max);
    }

    private long wholeNumber(String key, long fallback, long min, long max) {
        String value = values.getOrDefault(key, "");
        if (value.isEmpty()) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key, "must be a whole number, got '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new InvalidConfigException(key, "must be between " + min + " and " + max + ", got " + parsed);
        }
        return parsed;
    }

    @Override
    public String toString() {
        return "WalletConfig[dataDir=" + dataDir + ", db=" + (isEmbeddedDatabase() ? "embedded H2" : "PostgreSQL")
                + ", backupPath=" + backupPath + "]";
    }
}
