package dev.walletbackup.chain;

import java.time.Duration;

/** A chain node or server could not be asked, or did not answer as its JSON-RPC API says; the message says which. */
public class ChainRpcException extends RuntimeException {
    private static final String CHECK_THE_ENDPOINT = " (check the endpoint";

    public ChainRpcException(String message) {
        super(message);
    }

    public ChainRpcException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether {@code reason} (a message of this exception) says the endpoint is wrong rather than busy or down for a
     * while: asking again later cannot help, the operator has to check the endpoint.
     */
    public static boolean isMisconfiguration(String reason) {
        return reason != null && reason.contains(CHECK_THE_ENDPOINT);
    }

    /**
     * The endpoint is wrong, not busy: its host does not resolve, TLS fails, or it answers as something other than a
     * JSON-RPC server (HTTP 401/403/404, 204, not JSON). Not retried; the message ends with what to check.
     */
    static final class Misconfigured extends ChainRpcException {
        Misconfigured(String message, String hint) {
            super(message + CHECK_THE_ENDPOINT + (hint == null ? "" : ": " + hint) + ")");
        }
    }

    /** The request may well succeed if sent again later: {@link RpcPolicy} tries it again. */
    abstract static class Transient extends ChainRpcException {
        Transient(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The node could not be reached at all. */
    static final class Unreachable extends Transient {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The provider pushed back (HTTP 429 or 503, rippled's {@code slowDown}, JSON-RPC -32005 "limit exceeded"):
     * wait, at least {@code retryAfter} when it said how long, and slow down.
     */
    static final class Throttled extends Transient {
        private final Duration retryAfter;

        Throttled(String message, Duration retryAfter) {
            super(message, null);
            this.retryAfter = retryAfter;
        }

        /** How long the provider asked to wait, or null when it did not say. */
        Duration retryAfter() {
            return retryAfter;
        }
    }

    /** The provider refused a JSON-RPC batch for its size: the batch is split, not retried as it is. */
    static final class BatchTooLarge extends ChainRpcException {
        BatchTooLarge(String message) {
            super(message);
        }
    }
}
