package dev.walletbackup.backup.destination;

import dev.walletbackup.config.S3Settings;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Asks S3 to encrypt every object the application's client writes with the configured server-side encryption
 * (S3_SSE, and S3_SSE_KMS_KEY_ID for {@code aws:kms}). It is done on the client, not by camel-aws2-s3's endpoint
 * options: in 4.18 the component applies none to a multipart upload (every backup file) and reads its
 * server-side-encryption header only when downloading. A single put and the start of a multipart upload are the only
 * requests that create objects here.
 */
final class ServerSideEncryptionInterceptor implements ExecutionInterceptor {
    private final ServerSideEncryption algorithm;
    private final String kmsKeyId;

    ServerSideEncryptionInterceptor(S3Settings settings) {
        this.algorithm = ServerSideEncryption.fromValue(settings.serverSideEncryption());
        this.kmsKeyId = algorithm == ServerSideEncryption.AWS_KMS && !settings.kmsKeyId().isEmpty()
                ? settings.kmsKeyId() : null;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof PutObjectRequest put) {
            return put.toBuilder().serverSideEncryption(algorithm).ssekmsKeyId(kmsKeyId).build();
        }
        if (request instanceof CreateMultipartUploadRequest create) {
            return create.toBuilder().serverSideEncryption(algorithm).ssekmsKeyId(kmsKeyId).build();
        }
        return request;
    }
}
