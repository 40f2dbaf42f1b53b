package dev.walletbackup.cli;

import dev.walletbackup.app.WalletBackupApplication;
import dev.walletbackup.app.WalletServices;
import dev.walletbackup.backup.BackupReport;
import dev.walletbackup.balance.Chain;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.crypto.PasswordSource;
import dev.walletbackup.json.WalletJson;
import dev.walletbackup.lifecycle.LifecycleState;
import dev.walletbackup.restore.RestoreReport;
import dev.walletbackup.restore.RestoreRequest;
import dev.walletbackup.wallet.WalletOverview;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the whole story on the embedded default, in a fresh temporary directory. A seed and wallets with
 * lifecycle states and balances → full backup → 1% changes → incremental backup → the data directory is
 * destroyed, only the backup directory survives → restore into a fresh data directory → addresses re-derived,
 * state digest and every wallet and balance compared → a short report with timings. It uses
 * WALLET_BACKUP_PASSWORD when set, otherwise a random one-time password that is never shown.
 */
@Command(name = "demo", description = "Backup → disaster → restore on the embedded default, in a fresh temporary "
        + "directory, with a short report.")
final class DemoCommand implements Callable<Integer> {
    @Mixin
    PasswordOptions password;

    @Option(names = "--wallets", defaultValue = "1000", description = "Wallets to create (default ${DEFAULT-VALUE}).")
    int wallets;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        WalletBackupCli cli = (WalletBackupCli) spec.root().userObject();
        PrintWriter out = spec.commandLine().getOut();
        Path given = cli.common().dataDir;
        Path home = given != null ? given : Files.createTempDirectory("wallet-backup-demo-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path live = home.resolve("live");
        Path backups = home.resolve("backups");
        out.println("Demo directory: " + home);
        char[] secret = demoPassword(cli, out);
        PasswordSource passwords = () -> Password.adopt(secret.clone());

        Timer timer = new Timer(out);
        List<String> savedWallets;
        List<String> savedBalances;
        String savedFingerprint;
        WalletConfig liveConfig = config(cli, live, backups);
        try (WalletServices services = WalletServices.open(liveConfig, cli.clock())) {
            try (Password seedPassword = passwords.get()) {
                services.seeds().initialize(liveConfig.seedWords(), seedPassword);
            }
            savedFingerprint = services.seeds().require().fingerprint();
            timer.step("seed " + savedFingerprint + " created, sealed under the password");
            services.wallets().createMany(wallets, "demo-agent-");
            moveThroughLifecycle(services, wallets);
            for (int i = 0; i < wallets; i++) {
                services.balances().record("demo-agent-" + i, Chain.EVM, "ETH",
                        BigInteger.TEN.pow(15).multiply(BigInteger.valueOf(i + 1)), 18, null);
                services.balances().record("demo-agent-" + i, Chain.XRP, "XRP", BigInteger.valueOf(20_000_000L + i), 6, null);
            }
            timer.step(wallets + " wallets created, moved through their lifecycle, " + 2 * wallets + " balances recorded");
            BackupReport full = backup(services, passwords, cli, "direct:backup-full");
            timer.step("full backup " + full.id() + ": " + full.bytes() + " bytes");

            int changes = Math.max(1, wallets / 100);
            services.wallets().createMany(changes, "demo-late-");
            for (int i = 0; i < changes; i++) {
                services.lifecycles().moveTo("demo-agent-" + i, LifecycleState.SUSPENDED, "demo: risk review");
                services.balances().record("demo-agent-" + (wallets - 1 - i), Chain.EVM, "ETH", BigInteger.ONE, 18, null);
            }
            BackupReport incremental = backup(services, passwords, cli, "direct:backup-incremental");
            timer.step("1% changed; incremental backup " + incremental.id() + ": " + incremental.counts().wallets()
                    + " wallets, " + incremental.counts().lifecycleRecords() + " lifecycle records, "
                    + incremental.counts().balances() + " balances");
            savedWallets = walletLines(services);
            savedBalances = balanceLines(services);
        }

        deleteRecursively(live);
        timer.step("disaster: " + live + " deleted; only " + backups + " is left");

        WalletConfig restoredConfig = config(cli, home.resolve("restored"), home.resolve("new-backups"));
        try (WalletServices services = WalletServices.open(restoredConfig, cli.clock())) {
            RestoreReport restore = WalletBackupApplication.requestOnce(services, passwords, cli.clock(),
                    "direct:restore", new RestoreRequest(backups.toString(), null, null, false, false), RestoreReport.class);
            timer.step("restored chain " + String.join(" → ", restore.chain()) + " into a fresh data directory; "
                    + restore.walletsRederived() + " wallets' addresses re-derived from the seed");
            boolean same = services.seeds().require().fingerprint().equals(savedFingerprint)
                    && walletLines(services).equals(savedWallets) && balanceLines(services).equals(savedBalances);
            out.println();
            out.printf("Seed fingerprint      %s%n", savedFingerprint);
            out.printf("Wallets restored      %d%n", restore.restored().get("wallets"));
            out.printf("Balances restored     %d%n", restore.restored().get("balances"));
            out.printf("State digest          %s (%s)%n", restore.stateDigest(),
                    restore.digestMatch() ? "equals the backup's" : "DIFFERS");
            out.printf("Wallets and balances  %s%n", same ? "identical to those before the disaster" : "DIFFERENT");
            out.printf("Reconciliation        %s%n", restore.reconciliation());
            return restore.digestMatch() && same ? ExitCodes.OK : ExitCodes.INTEGRITY;
        } finally {
            java.util.Arrays.fill(secret, '\0');
        }
    }

    private WalletConfig config(WalletBackupCli cli, Path dataDir, Path backups) {
        return WalletConfig.load(cli.common().configFile(), cli.environment(), Map.of(WalletConfig.DATA_DIR, dataDir.toString(),
                WalletConfig.DB_URL, "", WalletConfig.BACKUP_PATH, backups.toString(),
                WalletConfig.SCHEDULE_ENABLED, "false"));
    }

    private static BackupReport backup(WalletServices services, PasswordSource passwords, WalletBackupCli cli,
                                       String endpoint) throws Exception {
        return WalletBackupApplication.requestOnce(services, passwords, cli.clock(), endpoint, null, BackupReport.class);
    }

    private static void moveThroughLifecycle(WalletServices services, int wallets) {
        for (int i = 0; i < wallets * 8 / 10; i++) {
            services.lifecycles().moveTo("demo-agent-" + i, LifecycleState.ACTIVE, null);
        }
        for (int i = wallets * 7 / 10; i < wallets * 8 / 10; i++) {
            services.lifecycles().moveTo("demo-agent-" + i, LifecycleState.ARCHIVED, null);
        }
    }

    private static List<String> walletLines(WalletServices services) {
        List<String> lines = new ArrayList<>();
        services.wallets().forEachOverview((WalletOverview row) -> lines.add(json(row)));
        return lines;
    }

    private static List<String> balanceLines(WalletServices services) {
        return services.balances().list(null).stream().map(DemoCommand::json).toList();
    }

    private static String json(Object value) {
        try {
            return WalletJson.mapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private char[] demoPassword(WalletBackupCli cli, PrintWriter out) {
        if (password.file(cli.environment()) != null || cli.environment().containsKey(PasswordOptions.PASSWORD_VARIABLE)) {
            try (Password given = password.read(cli.environment())) {
                return given.copyChars();
            }
        }
        out.println("WALLET_BACKUP_PASSWORD is not set: the demo seals its seed and backups under a random one-time "
                + "password that is not shown (the demo directory is disposable).");
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%+-=?@^_";
        SecureRandom random = new SecureRandom();
        char[] chars = new char[32];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        chars[0] = 'A';
        chars[1] = 'a';
        chars[2] = '7';
        chars[3] = '!';
        return chars;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** Prints each step with the time it took. */
    private static final class Timer {
        private final PrintWriter out;
        private long last = System.nanoTime();

        Timer(PrintWriter out) {
            this.out = out;
        }

        void step(String what) {
            long now = System.nanoTime();
            out.printf("%7d ms  %s%n", (now - last) / 1_000_000, what);
            out.flush();
            last = now;
        }
    }
}
