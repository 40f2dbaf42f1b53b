package dev.walletbackup.chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Instant;
import javax.net.ssl.SSLException;

/**
 * What a failed request to a chain endpoint means, the same for both chains: a passing failure that
 * {@link RpcPolicy} tries again, or a wrong endpoint that it cannot fix. The HTTP client's own exception messages can
 * carry the whole URL (and so the provider's key), and a parser's can quote the answer: they are described by what
 * went wrong, never passed on, not even as a cause that a logged stack trace would print.
 */
final class RpcFailures {
    private static final String NOT_JSON_RPC = "not a JSON-RPC endpoint?";

    private RpcFailures() {
    }

    /** The request to {@code context} (the described endpoint and the call) failed with {@code failure}. */
    static ChainRpcException of(String context, IOException failure) {
        if (failure instanceof JsonProcessingException) {
            return new ChainRpcException.Misconfigured(context + ": the answer is not JSON", NOT_JSON_RPC);
        }
        if (causedBy(failure, UnresolvedAddressException.class) || causedBy(failure, UnknownHostException.class)) {
            return new ChainRpcException.Misconfigured(context + ": cannot resolve host", null);
        }
        if (causedBy(failure, SSLException.class)) {
            return new ChainRpcException.Misconfigured(context + ": TLS handshake failed", "https to a plain-HTTP port?");
        }
        if (causedBy(failure, HttpTimeoutException.class)) {
            return new ChainRpcException.Unreachable(context + ": no answer in time", null);
        }
        if (causedBy(failure, ConnectException.class)) {
            return new ChainRpcException.Unreachable(context + ": cannot connect", null);
        }
        return new ChainRpcException.Unreachable(context + ": " + failure.getClass().getSimpleName(), null);
    }

    /**
     * The endpoint answered {@code response} with a status other than 200: push-back (429, 503) to wait out, a
     * refused key (401, 403) or something that is not a JSON-RPC endpoint (404, 405, another 2xx) to fix, or a
     * server error.
     */
    static ChainRpcException of(String context, HttpResponse<?> response) {
        int status = response.statusCode();
        String answered = context + ": HTTP " + status;
        return switch (status) {
            case 429, 503 -> new ChainRpcException.Throttled(answered, RpcPolicy.retryAfter(response, Instant.now()));
            case 401, 403 -> new ChainRpcException.Misconfigured(answered, "the API key?");
            case 404, 405 -> new ChainRpcException.Misconfigured(answered, NOT_JSON_RPC);
            default -> status / 100 == 2 ? new ChainRpcException.Misconfigured(answered, NOT_JSON_RPC)
                    : new ChainRpcException(answered);
        };
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
