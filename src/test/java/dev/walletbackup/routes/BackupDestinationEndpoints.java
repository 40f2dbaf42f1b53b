package dev.walletbackup.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.walletbackup.backup.BackupReport;
import dev.walletbackup.backup.BackupSync;
import dev.walletbackup.backup.catalog.BackupCatalog;
import dev.walletbackup.backup.catalog.CatalogEntry;
import dev.walletbackup.backup.destination.BackupDirectory;
import dev.walletbackup.backup.destination.DestinationOutcome;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.backup.verify.BackupVerifier;
import dev.walletbackup.restore.StoreRestorer;
import dev.walletbackup.statedigest.LtHash;
import dev.walletbackup.store.StateDigestLedger;
import dev.walletbackup.testing.ApplicationRoutesTestSupport;
import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.S3Server;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A backup's destination endpoints, watched with Camel's test kit on the real routes and beans, against a real S3
 * server, on H2 and PostgreSQL. The local file endpoint and the S3 endpoint are mocked without skipping them: the
 * mocks record what the publish and upload steps send, and the files are still renamed into place and uploaded, so the
 * files and objects are asserted too. A failure injected with AdviceWith at the file's upload step must leave the
 * off-site copy pending and nothing else changed.
 * One subclass per store kind: the kit creates the context before a parameterised method would know its kind, and
 * Surefire 3.5 reports the invocations of a JUnit {@code @ParameterizedClass} as no tests run.
 */
abstract class BackupDestinationEndpoints extends ApplicationRoutesTestSupport<S3Server> {
    private static final String PREFIX = "kit/";
    /** The local publish endpoint's directory: each file is named by its path from there. */
    private static final Path ROOT = Path.of("/");

    @Override
    protected String mockedEndpoints() {
        // a regular expression: the kit's pattern is one pattern, not a list
        return "(aws2-s3|file):.*";
    }

    @Override
    protected S3Server startServer() throws Exception {
        return S3Server.start(Files.createDirectories(temp.resolve("s3")));
    }

    @Override
    protected Map<String, String> environment(S3Server s3) {
        return s3.environment(PREFIX);
    }

    @Test
    void theUploadStepsSendTheBackupThenItsManifestAsFilesAndBothObjectsLandInTheBucket() throws Exception {
        RunningApplication.importHardhatSeed(services(), 3);
        MockEndpoint uploads = s3Uploads();
        uploads.expectedMessageCount(2);

        BackupReport report = template().requestBody("direct:backup-full", null, BackupReport.class);

        uploads.assertIsSatisfied();
        Path backup = backupDirectory().resolve(report.fileName());
        Path manifest = backupDirectory().resolve(BackupManifest.manifestNameFor(report.fileName()));
        assertThat(uploads.getReceivedExchanges()).as("backup-destination-s3-upload-file, then -upload-manifest")
                .extracting(exchange -> exchange.getMessage().getHeader(AWS2S3Constants.KEY),
                        exchange -> exchange.getMessage().getBody(File.class).toPath(),
                        exchange -> exchange.getMessage().getHeader(AWS2S3Constants.CONTENT_LENGTH, Long.class))
                .containsExactly(tuple(PREFIX + backup.getFileName(), backup, Files.size(backup)),
                        tuple(PREFIX + manifest.getFileName(), manifest, Files.size(manifest)));
        try (S3Client client = server().client(S3Server.IDENTITY, S3Server.CREDENTIAL)) {
            assertThat(objectKeys(client)).containsExactlyInAnyOrder(PREFIX + backup.getFileName(),
                    PREFIX + manifest.getFileName());
            assertThat(client.getObjectAsBytes(request -> request.bucket(S3Server.BUCKET)
                    .key(PREFIX + backup.getFileName())).asByteArray()).isEqualTo(Files.readAllBytes(backup));
        }
        assertThat(report.destinations()).extracting(DestinationOutcome::name, DestinationOutcome::status)
                .containsExactly(tuple("local", DestinationOutcome.STORED), tuple("s3", DestinationOutcome.STORED));
    }

    @Test
    void theLocalPublishStepsRenameTheBackupThenItsManifestIntoTheBackupDirectory() throws Exception {
        RunningApplication.importHardhatSeed(services(), 3);
        MockEndpoint published = localPublications();
        published.expectedMessageCount(2);

        BackupReport report = template().requestBody("direct:backup-full", null, BackupReport.class);

        published.assertIsSatisfied();
        String manifest = BackupManifest.manifestNameFor(report.fileName());
        assertThat(published.getReceivedExchanges())
                .as("backup-destination-local-publish-file, then -publish-manifest")
                .extracting(exchange -> ROOT.resolve(exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class)))
                .containsExactly(backupDirectory().resolve(report.fileName()), backupDirectory().resolve(manifest));
        try (Stream<Path> files = Files.list(backupDirectory())) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .contains(report.fileName(), manifest).noneMatch(name -> name.endsWith(".part"));
        }
        for (String name : List.of(report.fileName(), manifest)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backupDirectory().resolve(name))))
                    .as(name).isEqualTo("rw-------");
        }
        assertThat(report.destinations()).extracting(DestinationOutcome::name, DestinationOutcome::status)
                .startsWith(tuple("local", DestinationOutcome.STORED));
    }

    @Test
    void aFailedFileUploadLeavesTheLocalCopyVerifiableTheS3CopyPendingTheBucketEmptyAndTheStoreAsItWas()
            throws Exception {
        RunningApplication.importHardhatSeed(services(), 3);
        Map<String, Long> counts = services().store().read(StoreRestorer::counts);
        LtHash keptDigest = services().store().<LtHash>read(connection -> StateDigestLedger.read(connection).ltHash());
        AdviceWith.adviceWith(context, "backup-destination-s3", route -> route
                .weaveById("backup-destination-s3-upload-file").replace()
                .throwException(SdkClientException.create("injected: connection reset")));
        MockEndpoint published = localPublications();
        published.expectedMessageCount(2);
        MockEndpoint uploads = s3Uploads();
        uploads.expectedMessageCount(0);

        BackupReport report = template().requestBody("direct:backup-full", null, BackupReport.class);

        published.assertIsSatisfied();
        // the request has returned, so nothing can still arrive: no wait for an empty mock
        uploads.assertIsSatisfied(0);
        assertThat(report.destinations()).extracting(DestinationOutcome::name, DestinationOutcome::status)
                .containsExactly(tuple("local", DestinationOutcome.STORED), tuple("s3", DestinationOutcome.PENDING));
        assertThat(report.destinations().get(1).message())
                .isEqualTo("S3 upload of " + report.fileName() + " failed: injected: connection reset");
        BackupCatalog catalog = new BackupCatalog(services().store());
        assertThat(catalog.list()).singleElement().extracting(CatalogEntry::id).isEqualTo(report.id());
        assertThat(new BackupSync(catalog, backupDirectory(), Clock.systemUTC()).due(true))
                .containsExactly(new BackupSync.Item(report.id(), report.fileName(), "s3", 2));
        try (S3Client client = server().client(S3Server.IDENTITY, S3Server.CREDENTIAL)) {
            assertThat(objectKeys(client)).isEmpty();
        }
        BackupDirectory local = BackupDirectory.scan(backupDirectory());
        assertThat(new BackupVerifier().verify(local, local.manifests(), RunningApplication::password))
                .singleElement().satisfies(result -> {
                    assertThat(result.id()).isEqualTo(report.id());
                    assertThat(result.ok()).as(result.problem()).isTrue();
                    assertThat(result.deep()).isTrue();
                });
        assertThat(services().store().read(StoreRestorer::counts)).isEqualTo(counts);
        assertThat(services().store().<LtHash>read(connection -> StateDigestLedger.read(connection).ltHash()))
                .isEqualTo(keptDigest);
    }

    private MockEndpoint s3Uploads() {
        // the mock's name is the endpoint's without "//" and without its parameters
        return getMockEndpoint("mock:aws2-s3:" + S3Server.BUCKET);
    }

    private MockEndpoint localPublications() {
        return getMockEndpoint("mock:file:" + ROOT);
    }

    private Path backupDirectory() {
        return services().config().backupPath();
    }

    private static List<String> objectKeys(S3Client client) {
        return client.listObjectsV2(request -> request.bucket(S3Server.BUCKET)).contents().stream()
                .map(S3Object::key).toList();
    }
}
