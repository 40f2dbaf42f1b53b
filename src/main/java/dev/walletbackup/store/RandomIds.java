package dev.walletbackup.store;

import java.security.SecureRandom;
import java.util.HexFormat;

/** The random identifiers of backups and timelines: 16 lower-case hex digits (64 bits), never guessable from time. */
public final class RandomIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {
    }

    public static String next() {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
