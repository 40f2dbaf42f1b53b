package dev.walletbackup.backup.destination;

import java.net.URI;

/** A bucket and key prefix, from the configuration or from an {@code s3://bucket/prefix} source. */
public record S3Location(String bucket, String prefix) {

    public static boolean isS3(String source) {
        return source != null && source.startsWith("s3://");
    }

    public static S3Location parse(String source) {
        URI uri = URI.create(source);
        if (!"s3".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + source + "' is not an s3://bucket/prefix location");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new S3Location(uri.getHost(), path.isEmpty() || path.endsWith("/") ? path : path + "/");
    }

    public String key(String fileName) {
        return prefix + fileName;
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix;
    }
}
