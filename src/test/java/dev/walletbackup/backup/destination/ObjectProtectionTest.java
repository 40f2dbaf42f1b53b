package dev.walletbackup.backup.destination;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.walletbackup.config.ObjectLockSettings;
import dev.walletbackup.config.S3Settings;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The configured server-side encryption and Object Lock retention reach S3 on every request that creates an object:
 * a single put (a manifest) and the start of a multipart upload (a backup file), which camel-aws2-s3 sends without
 * them. The requests are read off the wire by an HTTP server standing in for S3 that answers both (S3Proxy answers
 * Object Lock headers with 501 Not Implemented, so it cannot stand in here).
 */
class ObjectProtectionTest {
    private static final String ALGORITHM = "x-amz-server-side-encryption";
    private static final String KMS_KEY = "x-amz-server-side-encryption-aws-kms-key-id";
    private static final String LOCK_MODE = "x-amz-object-lock-mode";
    private static final String LOCK_UNTIL = "x-amz-object-lock-retain-until-date";

    private final List<Map<String, List<String>>> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void startRecordingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            requests.add(Map.copyOf(exchange.getRequestHeaders()));
            byte[] answer = exchange.getRequestURI().getQuery() != null && exchange.getRequestURI().getQuery().contains("uploads")
                    ? ("<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><UploadId>upload-1</UploadId>"
                            + "</InitiateMultipartUploadResult>").getBytes(StandardCharsets.UTF_8)
                    : new byte[0];
            exchange.getResponseHeaders().add("ETag", "\"0\"");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aes256IsAskedForOnAPutAndOnAMultipartUpload() {
        writeBothWays(settings("AES256", ""));

        assertThat(requests).hasSize(2).allSatisfy(headers -> {
            assertThat(header(headers, ALGORITHM)).isEqualTo("AES256");
            assertThat(header(headers, KMS_KEY)).isNull();
        });
    }

    @Test
    void awsKmsIsAskedForWithTheConfiguredKey() {
        writeBothWays(settings("aws:kms", "arn:aws:kms:eu-west-1:111122223333:key/wallet-backups"));

        assertThat(requests).hasSize(2).allSatisfy(headers -> {
            assertThat(header(headers, ALGORITHM)).isEqualTo("aws:kms");
            assertThat(header(headers, KMS_KEY)).isEqualTo("arn:aws:kms:eu-west-1:111122223333:key/wallet-backups");
        });
    }

    @Test
    void withoutTheSettingNoEncryptionIsAskedForAndTheBucketDefaultApplies() {
        writeBothWays(settings("", ""));

        assertThat(requests).hasSize(2).allSatisfy(headers -> {
            assertThat(header(headers, ALGORITHM)).isNull();
            assertThat(header(headers, LOCK_MODE)).isNull();
        });
    }

    @Test
    void objectLockRetainsEveryWrittenObjectForTheConfiguredDaysFromItsUpload() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        writeBothWays(settings("", "", new ObjectLockSettings("COMPLIANCE", 30)));
        Instant after = Instant.now();

        assertThat(requests).hasSize(2).allSatisfy(headers -> {
            assertThat(header(headers, LOCK_MODE)).isEqualTo("COMPLIANCE");
            assertThat(Instant.parse(header(headers, LOCK_UNTIL)))
                    .isBetween(before.plus(Duration.ofDays(30)), after.plus(Duration.ofDays(30)));
            assertThat(header(headers, ALGORITHM)).isNull();
        });
    }

    private void writeBothWays(S3Settings settings) {
        try (S3Client client = S3Clients.create(settings)) {
            client.putObject(request -> request.bucket("b").key("backup.manifest.json"), RequestBody.fromString("{}"));
            client.createMultipartUpload(request -> request.bucket("b").key("backup.wbk"));
        }
    }

    private S3Settings settings(String algorithm, String kmsKeyId) {
        return settings(algorithm, kmsKeyId, new ObjectLockSettings("", 0));
    }

    private S3Settings settings(String algorithm, String kmsKeyId, ObjectLockSettings objectLock) {
        return new S3Settings("b", "us-east-1", "test-identity", "test-credential",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), true, "", algorithm, kmsKeyId, objectLock);
    }

    private static String header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
    }
}
