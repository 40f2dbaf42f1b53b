package dev.walletbackup.drill;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.walletbackup.NotFoundException;
import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.crypto.AuthenticationFailedException;
import dev.walletbackup.crypto.WrongPasswordException;
import dev.walletbackup.seed.SeedEnvelope.SeedEnvelopeException;
import dev.walletbackup.store.NoWalletStoreException;

/** How a drill of one source ended, as the catalog, the metrics' {@code outcome} tag and the JSON report name it. */
public enum DrillResult {
    PROVEN("proven"),
    /** A file failed a check: its size or SHA-256, an authentication tag, a digest, a chain link. */
    DAMAGED("damaged"),
    WRONG_PASSWORD("wrong-password"),
    /** No backup to restore: the source is empty, or missing. */
    NOT_FOUND("not-found"),
    FAILED("failed");

    private final String wireName;

    DrillResult(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static DrillResult fromWireName(String name) {
        for (DrillResult result : values()) {
            if (result.wireName.equals(name)) {
                return result;
            }
        }
        throw new IllegalArgumentException("unknown drill outcome " + name);
    }

    /** The outcome of a restore that failed with {@code failure}: the same classes as the command line's exit codes. */
    static DrillResult of(Throwable failure) {
        if (failure instanceof WrongPasswordException) {
            return WRONG_PASSWORD;
        }
        if (failure instanceof AuthenticationFailedException || failure instanceof SeedEnvelopeException
                || failure instanceof BackupFormatException) {
            return DAMAGED;
        }
        if (failure instanceof NotFoundException || failure instanceof NoWalletStoreException) {
            return NOT_FOUND;
        }
        return FAILED;
    }
}
