package dev.walletbackup.monitoring.health;

import java.time.Duration;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/** The off-site bucket answers a HEAD request within five seconds; registered only when S3 is a destination. */
public final class S3HealthCheck extends WalletHealthCheck {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final S3Client s3;
    private final String bucket;

    public S3HealthCheck(S3Client s3, String bucket) {
        super("s3");
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("bucket", bucket);
        try {
            // bounded: a bucket that does not answer must not hang the health endpoint behind the SDK's retries
            s3.headBucket(request -> request.bucket(bucket)
                    .overrideConfiguration(call -> call.apiCallTimeout(TIMEOUT)));
            builder.up();
        } catch (SdkException e) {
            builder.down().message("S3 bucket " + bucket + " does not answer: " + e.getMessage());
        }
    }
}
