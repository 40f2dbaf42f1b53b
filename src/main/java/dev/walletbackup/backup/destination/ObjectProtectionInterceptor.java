package dev.walletbackup.backup.destination;

import dev.walletbackup.config.ObjectLockSettings;
import dev.walletbackup.config.S3Settings;
import java.time.Clock;
import java.time.Instant;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Asks S3 to protect every object the application's client writes: the configured server-side encryption (S3_SSE,
 * and S3_SSE_KMS_KEY_ID for {@code aws:kms}) and, when S3_OBJECT_LOCK_MODE is set, an Object Lock retention of
 * S3_OBJECT_LOCK_DAYS from now. It is done on the client, not by camel-aws2-s3's endpoint options: in 4.18 the
 * component applies none of them to a multipart upload (every backup file). A single put and the start of a
 * multipart upload are the only requests that create objects here.
 */
final class ObjectProtectionInterceptor implements ExecutionInterceptor {
    private final ServerSideEncryption algorithm;
    private final String kmsKeyId;
    private final ObjectLockSettings objectLock;
    private final Clock clock;

    ObjectProtectionInterceptor(S3Settings settings, Clock clock) {
        this.algorithm = settings.serverSideEncryption().isEmpty() ? null
                : ServerSideEncryption.fromValue(settings.serverSideEncryption());
        this.kmsKeyId = algorithm == ServerSideEncryption.AWS_KMS && !settings.kmsKeyId().isEmpty()
                ? settings.kmsKeyId() : null;
        this.objectLock = settings.objectLock();
        this.clock = clock;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        ObjectLockMode mode = objectLock.enabled() ? ObjectLockMode.fromValue(objectLock.mode()) : null;
        Instant retainUntil = objectLock.enabled() ? clock.instant().plus(objectLock.period()) : null;
        if (request instanceof PutObjectRequest put) {
            return put.toBuilder().serverSideEncryption(algorithm).ssekmsKeyId(kmsKeyId)
                    .objectLockMode(mode).objectLockRetainUntilDate(retainUntil).build();
        }
        if (request instanceof CreateMultipartUploadRequest create) {
            return create.toBuilder().serverSideEncryption(algorithm).ssekmsKeyId(kmsKeyId)
                    .objectLockMode(mode).objectLockRetainUntilDate(retainUntil).build();
        }
        return request;
    }
}
