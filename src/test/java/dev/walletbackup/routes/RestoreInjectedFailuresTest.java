package dev.walletbackup.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walletbackup.config.WalletConfig;
import dev.walletbackup.files.FileDigests;
import dev.walletbackup.restore.RestoreRequest;
import dev.walletbackup.restore.StoreRestorer;
import dev.walletbackup.store.StateDigestLedger;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A restore that fails inside its transaction — while applying the second backup of the chain, or at the state
 * digest's proof after every row is in — leaves the store it replaces exactly as it was (its rows and its kept
 * LtHash) and the backups it read byte for byte as they were. The failures are injected at the route's named steps.
 */
class RestoreInjectedFailuresTest {
    private static final Map<String, String> NO_SCHEDULES = Map.of(WalletConfig.SCHEDULE_ENABLED, "false");

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFailureAtTheSecondBackupOrAtTheDigestProofLeavesStoreAndSourceUntouched(Kind kind) throws Exception {
        Path source;
        try (RunningApplication origin = RunningApplication.start(kind, temp.resolve("origin"), NO_SCHEDULES,
                Clock.systemUTC()).withHardhatSeed(3)) {
            origin.backup("full");
            origin.services().wallets().createMany(2, "later-");
            origin.backup("incremental");
            source = origin.backupDirectory();
        }
        try (RunningApplication target = RunningApplication.start(kind, temp.resolve("target"), NO_SCHEDULES,
                Clock.systemUTC()).withHardhatSeed(1)) {
            AtomicReference<String> failAt = new AtomicReference<>();
            AdviceWith.adviceWith(target.context(), "restore", route -> {
                route.weaveById("restore-apply-backup").before().process(exchange -> {
                    if ("second backup".equals(failAt.get())
                            && exchange.getProperty(Exchange.SPLIT_INDEX, Integer.class) == 1) {
                        throw new IllegalStateException("injected: applying the second backup failed");
                    }
                });
                route.weaveById("restore-prove-state-digest").before().process(exchange -> {
                    if ("digest proof".equals(failAt.get())) {
                        throw new IllegalStateException("injected: the digest proof failed");
                    }
                });
            });
            Map<String, Long> countsBefore = target.services().store().read(StoreRestorer::counts);
            String digestBefore = keptDigest(target);
            Map<String, String> sourceBefore = files(source);

            for (String point : new String[] {"second backup", "digest proof"}) {
                failAt.set(point);
                try (ProducerTemplate producer = target.context().createProducerTemplate()) {
                    assertThatThrownBy(() -> producer.requestBody("direct:restore",
                            new RestoreRequest(source.toString(), null, null, false, true)))
                            .as(point).isInstanceOf(CamelExecutionException.class)
                            .rootCause().hasMessageStartingWith("injected: ");
                }
                assertThat(target.services().store().read(StoreRestorer::counts)).as(point).isEqualTo(countsBefore);
                assertThat(keptDigest(target)).as(point).isEqualTo(digestBefore);
                assertThat(files(source)).as(point).isEqualTo(sourceBefore);
            }
        }
    }

    private static String keptDigest(RunningApplication app) {
        return app.services().store().read(connection -> StateDigestLedger.read(connection).ltHash().digest());
    }

    /** Every file of the directory with its SHA-256. */
    private static Map<String, String> files(Path directory) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> listing = Files.list(directory)) {
            for (Path file : listing.filter(Files::isRegularFile).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    files.put(file.getFileName().toString(), FileDigests.sha256(in));
                }
            }
        }
        return files;
    }
}
