package dev.walletbackup.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Set;

/**
 * Where and how backups go to S3 or an S3-compatible store (MinIO, Ceph, R2 …). Names follow the original
 * connector's environment: S3_BUCKET, S3_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, plus S3_ENDPOINT,
 * S3_PATH_STYLE, S3_PREFIX, S3_SSE, S3_SSE_KMS_KEY_ID, S3_OBJECT_LOCK_MODE and S3_OBJECT_LOCK_DAYS. Without a bucket
 * the destination is off.
 */
public record S3Settings(String bucket, String region, String accessKeyId, String secretAccessKey, URI endpoint,
                         boolean pathStyle, String prefix, String serverSideEncryption, String kmsKeyId,
                         ObjectLockSettings objectLock) {

    static S3Settings from(Map<String, String> values) {
        String bucket = values.getOrDefault(WalletConfig.S3_BUCKET, "").strip();
        String endpointText = values.getOrDefault(WalletConfig.S3_ENDPOINT, "").strip();
        URI endpoint = null;
        if (!endpointText.isEmpty()) {
            try {
                endpoint = new URI(endpointText);
            } catch (URISyntaxException e) {
                throw new InvalidConfigException(WalletConfig.S3_ENDPOINT, "not a URL: " + e.getMessage());
            }
        }
        String pathStyle = values.getOrDefault(WalletConfig.S3_PATH_STYLE, "").strip();
        if (!Set.of("", "true", "false").contains(pathStyle)) {
            throw new InvalidConfigException(WalletConfig.S3_PATH_STYLE, "must be true or false");
        }
        String sse = values.getOrDefault(WalletConfig.S3_SSE, "").strip();
        if (!Set.of("", "AES256", "aws:kms").contains(sse)) {
            throw new InvalidConfigException(WalletConfig.S3_SSE, "must be AES256 or aws:kms");
        }
        String prefix = values.getOrDefault(WalletConfig.S3_PREFIX, "").strip();
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        String region = values.getOrDefault(WalletConfig.S3_REGION, "").strip();
        return new S3Settings(bucket, region.isEmpty() ? "us-east-1" : region,
                values.getOrDefault(WalletConfig.S3_ACCESS_KEY, "").strip(),
                values.getOrDefault(WalletConfig.S3_SECRET_KEY, "").strip(), endpoint,
                pathStyle.isEmpty() ? endpoint != null : Boolean.parseBoolean(pathStyle), prefix, sse,
                values.getOrDefault(WalletConfig.S3_SSE_KMS_KEY_ID, "").strip(), ObjectLockSettings.from(values));
    }

    public boolean enabled() {
        return !bucket.isEmpty();
    }

    @Override
    public String toString() {
        return "S3Settings[bucket=" + bucket + ", region=" + region + ", endpoint=" + endpoint + ", prefix=" + prefix
                + ", credentials redacted]";
    }
}
