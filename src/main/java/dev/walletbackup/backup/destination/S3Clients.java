package dev.walletbackup.backup.destination;

import dev.walletbackup.config.S3Settings;
import java.time.Clock;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The one S3 client of the application, built from {@link S3Settings}: region, optional endpoint and path-style
 * access for S3-compatible stores, credentials from the settings or else the AWS default chain, and the configured
 * server-side encryption and Object Lock retention on every object it writes ({@link ObjectProtectionInterceptor}). The routes'
 * camel-aws2-s3 endpoints use it by reference, so no credential ever appears in an endpoint URI. With S3 off the
 * client is anonymous: the (stopped) S3 route can be built, and nothing can be sent with it.
 */
public final class S3Clients {
    private S3Clients() {
    }

    /**
     * The client, built on first use. Building one loads and configures much of the AWS SDK (half a second of every
     * command here), which a command that never touches S3, or an installation with S3 off, does not pay.
     */
    public static Supplier<S3Client> onFirstUse(S3Settings settings) {
        return new Supplier<>() {
            private S3Client client;

            @Override
            public synchronized S3Client get() {
                if (client == null) {
                    client = create(settings);
                }
                return client;
            }
        };
    }

    public static S3Client create(S3Settings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        if (!settings.serverSideEncryption().isEmpty() || settings.objectLock().enabled()) {
            builder.overrideConfiguration(configuration -> configuration
                    .addExecutionInterceptor(new ObjectProtectionInterceptor(settings, Clock.systemUTC())));
        }
        if (!settings.enabled()) {
            builder.credentialsProvider(AnonymousCredentialsProvider.create());
        } else if (!settings.accessKeyId().isEmpty()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }
}
