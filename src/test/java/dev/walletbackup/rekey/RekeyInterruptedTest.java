package dev.walletbackup.rekey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walletbackup.backup.destination.BackupDirectory;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.format.BackupRekey;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.crypto.PasswordSource;
import dev.walletbackup.crypto.WrongPasswordException;
import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores.Kind;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A rekey that fails after its first backup leaves that backup under the new password and the others, and the
 * store's seed, under the old one, each complete; run again, it recognises the finished backup (the new password
 * opens it) and leaves it, rewrites the rest, re-seals the store, and everything verifies under the new password.
 */
class RekeyInterruptedTest {
    private static final String NEW = "Rekey-Resumed-Pass-3#";
    private static final PasswordSource NEW_PASSWORD = () -> Password.adopt(NEW.toCharArray());

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRekeyInterruptedAfterItsFirstBackupFinishesWhenRunAgain(Kind kind) throws Exception {
        try (RunningApplication app = RunningApplication.start(kind, temp.resolve("store"),
                Map.of(WalletConfig.SCHEDULE_ENABLED, "false"), Clock.systemUTC()).withHardhatSeed(2)) {
            app.backup("full");
            app.services().wallets().createMany(1, "second-");
            app.backup("incremental");
            app.services().wallets().createMany(1, "third-");
            app.backup("incremental");
            AtomicBoolean failAfterFirst = new AtomicBoolean(true);
            AdviceWith.adviceWith(app.context(), "backup-rekey", route -> route.weaveById("rekey-backup").after()
                    .process(exchange -> {
                        if (failAfterFirst.get() && exchange.getProperty(Exchange.SPLIT_INDEX, Integer.class) == 0) {
                            throw new IllegalStateException("injected: the rekey stopped after its first backup");
                        }
                    }));
            List<BackupManifest> backups = BackupDirectory.scan(app.backupDirectory()).manifests();

            try (ProducerTemplate producer = app.context().createProducerTemplate()) {
                assertThatThrownBy(() -> producer.requestBody("direct:backup-rekey", NEW_PASSWORD))
                        .isInstanceOf(CamelExecutionException.class).rootCause().hasMessageStartingWith("injected: ");
                assertThat(underNewPassword(app, backups)).containsExactly(true, false, false);
                assertThatThrownBy(() -> app.services().seeds().unlock(NEW_PASSWORD.get()))
                        .isInstanceOf(WrongPasswordException.class);

                failAfterFirst.set(false);
                RekeyReport resumed = producer.requestBody("direct:backup-rekey", NEW_PASSWORD, RekeyReport.class);

                assertThat(resumed.alreadyRekeyed()).containsExactly(backups.get(0).id());
                assertThat(resumed.rekeyed()).containsExactly(backups.get(1).id(), backups.get(2).id());
                assertThat(resumed.storeResealed()).isTrue();
            }
            assertThat(underNewPassword(app, backups)).containsExactly(true, true, true);
            app.services().seeds().unlock(NEW_PASSWORD.get()).close();
            CliRunner verify = new CliRunner(Map.of("WALLET_BACKUP_PASSWORD", NEW,
                    "WALLET_DATA_DIR", temp.resolve("verifier").toString()));
            verify.ok("backup", "verify", "--all", "--deep", "--source", app.backupDirectory().toString());
            assertThat(new CliRunner(Map.of("WALLET_BACKUP_PASSWORD", RunningApplication.PASSWORD,
                    "WALLET_DATA_DIR", temp.resolve("verifier").toString()))
                    .run("backup", "verify", "--all", "--deep", "--source", app.backupDirectory().toString())
                    .exitCode()).isEqualTo(4);
        }
    }

    private static List<Boolean> underNewPassword(RunningApplication app, List<BackupManifest> backups) {
        return backups.stream().map(manifest -> BackupRekey.opens(app.backupDirectory().resolve(manifest.fileName()),
                NEW_PASSWORD.get())).toList();
    }
}
