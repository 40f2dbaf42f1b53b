package dev.walletbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.backup.destination.BackupDirectory;
import dev.walletbackup.backup.format.BackupContentHandler;
import dev.walletbackup.backup.format.BackupFileReader;
import dev.walletbackup.backup.format.WalletBackupDocumentReader;
import dev.walletbackup.backup.verify.BackupVerifier;
import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.balance.BalanceRepository;
import dev.walletbackup.balance.Chain;
import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.lifecycle.LifecycleRepository;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.statedigest.LtHash;
import dev.walletbackup.store.StateDigestLedger;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores.Kind;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Backups taken while another thread keeps writing. Every write changes two tables in one transaction (a
 * lifecycle record's transaction count and a balance, always equal), so a backup that read the tables at
 * different moments would show them unequal. The chain is then replayed to prove no change fell between two
 * incrementals' windows.
 */
class SnapshotConsistencyTest {
    static final String AGENT = "agent-7";

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void eachBackupIsOneSnapshotAndTheChainMissesNoWrite(Kind kind) throws Exception {
        try (RunningApplication app = RunningApplication.start(kind, dataDir,
                Map.of(WalletConfig.SCHEDULE_ENABLED, "false"), Clock.systemUTC()).withHardhatSeed(300)) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong writes = new AtomicLong();
            AtomicReference<Throwable> writerFailure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    while (!stop.get() && writes.get() < 1_000_000) {
                        writeBoth(app, writes.incrementAndGet());
                    }
                } catch (Throwable e) {
                    writerFailure.set(e);
                }
            }, "concurrent-writer");
            writer.start();
            List<BackupReport> reports = new ArrayList<>();
            try {
                for (String type : List.of("full", "incremental", "incremental", "incremental")) {
                    long before = writes.get();
                    reports.add(app.backup(type));
                    assertThat(writes.get()).as("the writer kept writing during the %s backup", type).isGreaterThan(before);
                }
            } finally {
                stop.set(true);
                writer.join();
            }
            assertThat(writerFailure.get()).isNull();
            assertThat(app.services().store().<LtHash>read(connection -> StateDigestLedger.read(connection).ltHash()))
                    .as("the state digest the writes kept, clock nanoseconds and all, is the digest of the rows")
                    .isEqualTo(app.services().store().read(StateDigestLedger::recompute));
            reports.add(app.backup("incremental"));

            for (BackupReport report : reports) {
                Map<String, BigInteger> seen = agentFigures(app.backupDirectory().resolve(report.fileName()));
                if (seen.get("transactions") == null) {
                    assertThat(seen.get("balance")).as("backup %s: a balance without its lifecycle change", report.id()).isNull();
                } else {
                    assertThat(seen.getOrDefault("balance", BigInteger.ZERO)).as("backup %s", report.id())
                            .isEqualTo(seen.get("transactions"));
                }
            }
            List<BackupVerifier.Result> verified = new BackupVerifier().verify(BackupDirectory.scan(app.backupDirectory()),
                    BackupDirectory.scan(app.backupDirectory()).manifests(),
                    () -> Password.adopt(RunningApplication.PASSWORD.toCharArray()));
            assertThat(verified).hasSize(5).allMatch(BackupVerifier.Result::ok);

            BackupReport now = app.backup("full");
            assertThat(now.stateDigest()).as("the chain's last state is the store's state")
                    .isEqualTo(reports.get(reports.size() - 1).stateDigest());
        }
    }

    static void writeBoth(RunningApplication app, long n) {
        app.services().store().write(connection -> {
            LifecycleRepository lifecycles = new LifecycleRepository();
            WalletLifecycleRecord record = lifecycles.findForUpdate(connection, AGENT).orElseThrow();
            lifecycles.update(connection, new WalletLifecycleRecord(record.agentId(), record.state(), record.createdAt(),
                    record.activatedAt(), record.suspendedAt(), record.archivedAt(), Instant.now(), n,
                    record.totalVolume(), record.suspensionReason(), 0));
            new BalanceRepository().upsert(connection, new AgentBalance(AGENT, Chain.EVM, "ETH", BigInteger.valueOf(n),
                    18, n, Instant.now(), 0));
            return null;
        });
    }

    /** The agent's transaction count and ETH balance as one backup file holds them (null when absent). */
    static Map<String, BigInteger> agentFigures(Path file) throws Exception {
        Map<String, BigInteger> seen = new HashMap<>();
        try (BackupFileReader reader = BackupFileReader.open(file);
             InputStream payload = reader.unlock(Password.adopt(RunningApplication.PASSWORD.toCharArray()))) {
            WalletBackupDocumentReader.read(payload, reader.header(), new BackupContentHandler() {
                @Override
                public void lifecycle(WalletLifecycleRecord record) {
                    if (record.agentId().equals(AGENT)) {
                        seen.put("transactions", BigInteger.valueOf(record.totalTransactions()));
                    }
                }

                @Override
                public void balance(AgentBalance balance) {
                    if (balance.agentId().equals(AGENT)) {
                        seen.put("balance", balance.balance());
                    }
                }
            });
        }
        return seen;
    }
}
