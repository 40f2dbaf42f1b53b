package dev.walletbackup.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server on loopback for tests: S3Proxy over a filesystem blob store, with AWS v4 authentication. It can
 * be stopped and started again on the same port with the same objects, to play an outage.
 */
public final class S3Server implements AutoCloseable {
    public static final String IDENTITY = "wallet-test-identity";
    public static final String CREDENTIAL = "Wallet-Test-S3-Secret-0123456789";
    public static final String BUCKET = "wallet-backups";

    private final BlobStore store;
    private S3Proxy proxy;
    private int port;

    private S3Server(Path directory) {
        this.store = new FilesystemNio2BlobStore(directory.toString());
    }

    public static S3Server start(Path directory) throws Exception {
        S3Server server = new S3Server(directory);
        server.startOn(0);
        try (S3Client client = server.client(IDENTITY, CREDENTIAL)) {
            client.createBucket(request -> request.bucket(BUCKET));
        }
        return server;
    }

    private void startOn(int requestedPort) throws Exception {
        proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:" + requestedPort))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, IDENTITY, CREDENTIAL).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.onSpinWait();
        }
        port = proxy.getPort();
    }

    public void stop() throws Exception {
        proxy.stop();
    }

    public void restart() throws Exception {
        startOn(port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The environment that sends backups here, under {@code prefix}. */
    public Map<String, String> environment(String prefix) {
        Map<String, String> env = new HashMap<>();
        env.put("S3_BUCKET", BUCKET);
        env.put("S3_ENDPOINT", endpoint().toString());
        env.put("S3_PREFIX", prefix);
        env.put("AWS_ACCESS_KEY_ID", IDENTITY);
        env.put("AWS_SECRET_ACCESS_KEY", CREDENTIAL);
        return env;
    }

    public S3Client client(String identity, String credential) {
        return S3Client.builder().region(Region.US_EAST_1).endpointOverride(endpoint()).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(identity, credential)))
                .build();
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
