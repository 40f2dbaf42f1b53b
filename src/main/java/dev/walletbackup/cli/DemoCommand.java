package dev.walletbackup.cli;

import dev.walletbackup.app.WalletServices;
import dev.walletbackup.balance.Chain;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.lifecycle.LifecycleState;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the main job end to end on the embedded default, in a fresh temporary data directory. It uses
 * WALLET_BACKUP_PASSWORD when set; otherwise it makes a random throw-away password that is never shown, since the
 * demo's data directory is disposable.
 */
@Command(name = "demo", description = "Create a seed and 20 wallets in a fresh temporary data directory, move some "
        + "through the lifecycle, record balances and list them.")
final class DemoCommand implements Callable<Integer> {
    static final int WALLETS = 20;

    @Mixin
    CommonOptions common;

    @Mixin
    PasswordOptions password;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        WalletBackupCli cli = (WalletBackupCli) spec.root().userObject();
        Path dataDir = common.dataDir != null ? common.dataDir
                : Files.createTempDirectory("wallet-backup-demo-", PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
        CommandLine commandLine = spec.commandLine();
        commandLine.getOut().println("Demo data directory: " + dataDir);
        Map<String, String> overrides = new HashMap<>();
        overrides.put(WalletConfig.DATA_DIR, dataDir.toString());
        overrides.put(WalletConfig.DB_URL, "");
        Path configFile = common.configFile();
        WalletConfig config = WalletConfig.load(configFile, cli.environment(), overrides);
        try (WalletServices services = WalletServices.open(config, cli.clock());
             Password secret = demoPassword(cli)) {
            services.seeds().initialize(config.seedWords(), secret);
            commandLine.getOut().println("Master seed created, fingerprint " + services.seeds().require().fingerprint());
            services.wallets().createMany(WALLETS, "demo-agent-");
            for (int i = 0; i < 16; i++) {
                services.lifecycles().moveTo("demo-agent-" + i, LifecycleState.ACTIVE, null);
            }
            for (int i = 12; i < 16; i++) {
                services.lifecycles().moveTo("demo-agent-" + i, LifecycleState.SUSPENDED, "demo: compliance review");
            }
            for (int i = 14; i < 16; i++) {
                services.lifecycles().moveTo("demo-agent-" + i, LifecycleState.ARCHIVED, null);
            }
            for (int i = 0; i < 12; i++) {
                services.balances().record("demo-agent-" + i, Chain.EVM, "ETH",
                        BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(i + 1)), 18, null);
                services.balances().record("demo-agent-" + i, Chain.XRP, "XRP",
                        BigInteger.valueOf(25_000_000L + i), 6, null);
            }
        }
        String[] dataDirArgs = {"--data-dir", dataDir.toString(), "--config", configFile.toString()};
        commandLine.getOut().println();
        int listed = commandLine.getParent().execute(concat(new String[] {"wallets", "list"}, dataDirArgs));
        commandLine.getOut().println();
        int balances = commandLine.getParent().execute(concat(new String[] {"balances", "list"}, dataDirArgs));
        return Math.max(listed, balances);
    }

    private Password demoPassword(WalletBackupCli cli) {
        if (password.passwordFile != null || cli.environment().containsKey(PasswordOptions.PASSWORD_VARIABLE)) {
            return password.read(cli.environment());
        }
        spec.commandLine().getOut().println("WALLET_BACKUP_PASSWORD is not set: sealing the demo seed under a random "
                + "one-time password that is not shown (this data directory is disposable).");
        return randomPassword();
    }

    private static Password randomPassword() {
        String classes = "ABCDEFGHJKLMNPQRSTUVWXYZ" + "abcdefghijkmnopqrstuvwxyz" + "23456789" + "!#%+-=?@^_";
        SecureRandom random = new SecureRandom();
        char[] chars = new char[32];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = classes.charAt(random.nextInt(classes.length()));
        }
        chars[0] = 'A';
        chars[1] = 'a';
        chars[2] = '7';
        chars[3] = '!';
        return Password.adopt(chars);
    }

    private static String[] concat(String[] first, String[] second) {
        String[] out = new String[first.length + second.length];
        System.arraycopy(first, 0, out, 0, first.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }
}
