package dev.walletbackup.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL JDBC URL split around its database name, so that the benchmark can name another database on the same
 * server: {@code jdbc:postgresql://HOST[:PORT][,HOST…]/DATABASE[?PARAMETERS]} or {@code jdbc:postgresql:DATABASE}.
 */
public record PostgresUrl(String server, String database, String parameters) {
    private static final Pattern FORM = Pattern.compile("(jdbc:postgresql:(?://[^/?]*/)?)([^/?]*)(\\?.*)?");

    public static PostgresUrl parse(String url) {
        Matcher parts = FORM.matcher(url);
        if (!parts.matches() || parts.group(2).isEmpty()) {
            throw new IllegalArgumentException("WALLET_DB_URL must name its database, as in "
                    + "jdbc:postgresql://HOST:PORT/DATABASE; got " + new PostgresUrl(url, "", "").withoutParameters());
        }
        return new PostgresUrl(parts.group(1), parts.group(2), parts.group(3) == null ? "" : parts.group(3));
    }

    /** The same server, user and parameters, another database. */
    public PostgresUrl withDatabase(String name) {
        return new PostgresUrl(server, name, parameters);
    }

    public String url() {
        return server + database + parameters;
    }

    /** The URL without its parameters, which may carry credentials: what output and messages show. */
    public String withoutParameters() {
        String url = server + database;
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
