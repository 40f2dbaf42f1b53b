package dev.walletbackup.chain;

import java.net.URI;

/**
 * A chain node's URL, and the only way it is named to people. Providers put the API key in the path (Infura
 * {@code /v3/KEY}, Alchemy {@code /v2/KEY}), in the query or in the user info, so every message, exception, log line
 * and report names an endpoint as {@code scheme://host[:port]} and nothing more: {@link #toString()} is that
 * description, and only {@link #uri()}, for sending requests, holds the whole URL.
 */
public final class RpcEndpoint {
    private final URI uri;

    public RpcEndpoint(URI uri) {
        this.uri = uri;
    }

    /** The whole URL, secrets included: for the HTTP request only, never for a message. */
    URI uri() {
        return uri;
    }

    /** {@code scheme://host[:port]} of {@code uri}: no user info, path, query or fragment. */
    public static String describe(URI uri) {
        if (uri.getHost() == null) {
            return uri.getScheme() + " URL without a host";
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    @Override
    public String toString() {
        return describe(uri);
    }
}
