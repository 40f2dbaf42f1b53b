package dev.walletbackup.backup.destination;

import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.backup.format.BackupManifest;
import dev.walletbackup.config.S3Settings;
import dev.walletbackup.crypto.Sha256;
import dev.walletbackup.routes.ExchangeProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 destination's steps around the camel-aws2-s3 uploads: it hands the route the published local file
 * (a {@code File}, so the length is known and multipart upload keeps memory flat), refuses to overwrite an object
 * that holds something else, and after both uploads reads the backup back and compares size and SHA-256 with the
 * manifest. Only then is the copy "stored". Failures say which bucket and key, never a credential.
 */
public final class S3Destination {
    public static final String NAME = "s3";
    private static final Pattern CONNECT_TO = Pattern.compile("Connect to (\\S+)");
    /** How the AWS SDK's default credentials chain begins its message when no provider has credentials. */
    private static final String NO_CREDENTIALS = "Unable to load credentials from any of the providers in the chain";

    private final Supplier<S3Client> client;
    private final S3Settings settings;
    private final Path backupDirectory;
    private final Clock clock;

    public S3Destination(Supplier<S3Client> client, S3Settings settings, Path backupDirectory, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.backupDirectory = backupDirectory;
        this.clock = clock;
    }

    public void prepareBackup(@ExchangeProperty(ExchangeProperties.BACKUP_FILE_NAME) String fileName,
                              Exchange exchange) throws IOException {
        Path file = backupDirectory.resolve(fileName);
        BackupManifest manifest = BackupManifest.read(manifestOf(file));
        String key = location().key(fileName);
        if (exists(key, manifest.bytes())) {
            exchange.setProperty(ExchangeProperties.BACKUP_ALREADY_UPLOADED, true);
        }
        prepare(exchange, key, file);
    }

    public void prepareManifest(@ExchangeProperty(ExchangeProperties.BACKUP_FILE_NAME) String fileName,
                                Exchange exchange) {
        Path manifest = manifestOf(backupDirectory.resolve(fileName));
        prepare(exchange, location().key(manifest.getFileName().toString()), manifest);
    }

    /** Reads the uploaded backup back and compares it with its manifest. */
    public DestinationOutcome verify(@ExchangeProperty(ExchangeProperties.BACKUP_FILE_NAME) String fileName,
                                     @ExchangeProperty(ExchangeProperties.BACKUP_ATTEMPT) Integer attempt)
            throws IOException {
        BackupManifest manifest = BackupManifest.read(manifestOf(backupDirectory.resolve(fileName)));
        String key = location().key(fileName);
        try (InputStream object = client.get().getObject(request -> request.bucket(settings.bucket()).key(key))) {
            MessageDigest sha256 = Sha256.newDigest();
            byte[] buffer = new byte[1 << 16];
            long size = 0;
            for (int n = object.read(buffer); n >= 0; n = object.read(buffer)) {
                sha256.update(buffer, 0, n);
                size += n;
            }
            String digest = HexFormat.of().formatHex(sha256.digest());
            if (size != manifest.bytes() || !digest.equals(manifest.sha256())) {
                throw new BackupFormatException(location() + fileName + ": read back " + size + " bytes with SHA-256 "
                        + digest + ", expected " + manifest.bytes() + " bytes with " + manifest.sha256());
            }
        } catch (S3Exception e) {
            throw failure("read back", "s3://" + settings.bucket() + "/" + key, e);
        }
        return DestinationOutcome.stored(NAME, location() + fileName, attempt == null ? 1 : attempt, clock.instant());
    }

    public S3Location location() {
        return new S3Location(settings.bucket(), settings.prefix());
    }

    /** A failure message naming the bucket, key and what went wrong: no credential, no request detail. */
    static IllegalStateException failure(String step, String object, SdkException e) {
        return new IllegalStateException("S3 " + step + " of " + object + " failed: " + reason(e));
    }

    /**
     * What went wrong, in words: the service's HTTP status and error code, or why it could not be reached (the
     * host is unknown, the connection was refused, it timed out). Not the SDK's exception names.
     */
    public static String reason(SdkException e) {
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            return "HTTP " + s3.statusCode() + (code == null ? "" : " " + code)
                    + (s3.statusCode() == 403 ? " (check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)" : "");
        }
        if (e.getMessage() != null && e.getMessage().startsWith(NO_CREDENTIALS)) {
            // the SDK's message lists every provider of its default chain and why each had nothing, in one line
            return "no AWS credentials found (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give the process an "
                    + "AWS profile or role)";
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException unknown) {
                return "unknown host " + hostOf(unknown) + " (check S3_ENDPOINT and S3_REGION)";
            }
            if (cause instanceof ConnectException refused) {
                return "cannot connect to the S3 endpoint" + endpointIn(refused) + ": "
                        + (refused.getMessage() == null ? "connection refused" : lowerFirst(refused.getMessage()))
                        + " (check S3_ENDPOINT and that the service is up)";
            }
            if (cause instanceof SocketTimeoutException || cause instanceof ApiCallTimeoutException
                    || cause instanceof ApiCallAttemptTimeoutException) {
                return "the S3 endpoint did not answer in time";
            }
            if (cause instanceof SSLException tls) {
                return "the TLS connection to the S3 endpoint failed: " + tls.getMessage();
            }
        }
        return e.getMessage();
    }

    /** The host an {@link UnknownHostException} names: its message is the host, with the resolver's words after ":". */
    private static String hostOf(UnknownHostException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int colon = message.indexOf(": ");
        return colon < 0 ? message : message.substring(0, colon);
    }

    /** " host:port" when the client's message names it ("Connect to host:port [...] failed: ..."), else "". */
    private static String endpointIn(ConnectException e) {
        Matcher named = CONNECT_TO.matcher(e.getMessage() == null ? "" : e.getMessage());
        return named.find() ? " " + named.group(1) : "";
    }

    private static String lowerFirst(String text) {
        int colon = text.lastIndexOf(": ");
        String last = colon < 0 ? text : text.substring(colon + 2);
        return last.isEmpty() ? text : Character.toLowerCase(last.charAt(0)) + last.substring(1);
    }

    private boolean exists(String key, long expectedBytes) {
        try {
            HeadObjectResponse head = client.get().headObject(request -> request.bucket(settings.bucket()).key(key));
            if (head.contentLength() != expectedBytes) {
                throw new IllegalStateException("s3://" + settings.bucket() + "/" + key + " already exists with other "
                        + "content (" + head.contentLength() + " bytes); a backup object is never overwritten");
            }
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw failure("check", "s3://" + settings.bucket() + "/" + key, e);
        }
    }

    private void prepare(Exchange exchange, String key, Path file) {
        exchange.getMessage().setBody(file.toFile());
        exchange.getMessage().setHeader(AWS2S3Constants.KEY, key);
        exchange.getMessage().setHeader(AWS2S3Constants.CONTENT_LENGTH, fileSize(file));
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path manifestOf(Path backupFile) {
        return backupFile.resolveSibling(BackupManifest.manifestNameFor(backupFile.getFileName().toString()));
    }
}
