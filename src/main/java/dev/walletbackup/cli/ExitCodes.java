package dev.walletbackup.cli;

import dev.walletbackup.NotFoundException;
import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.config.InvalidConfigException;
import dev.walletbackup.crypto.AuthenticationFailedException;
import dev.walletbackup.crypto.PasswordPolicy.WeakPasswordException;
import dev.walletbackup.crypto.WrongPasswordException;
import dev.walletbackup.legacy.LegacyFileException;
import dev.walletbackup.seed.Mnemonic.InvalidMnemonicException;
import dev.walletbackup.seed.SeedEnvelope.SeedEnvelopeException;
import dev.walletbackup.store.NoWalletStoreException;
import picocli.CommandLine.ParameterException;

/** How failures map to the documented exit codes. */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;
    static final int INTEGRITY = 3;
    static final int WRONG_PASSWORD = 4;
    static final int NOT_FOUND = 5;
    /** {@code reconcile} found balances that differ from their chain: a finding for the operator, not a failure. */
    static final int BALANCES_DIFFER = 6;

    private ExitCodes() {
    }

    static int of(Throwable failure) {
        if (failure instanceof ParameterException || failure instanceof UsageException
                || failure instanceof WeakPasswordException || failure instanceof InvalidMnemonicException
                || failure instanceof LegacyFileException || failure instanceof InvalidConfigException) {
            return USAGE;
        }
        if (failure instanceof NotFoundException || failure instanceof NoWalletStoreException) {
            return NOT_FOUND;
        }
        if (failure instanceof WrongPasswordException) {
            return WRONG_PASSWORD;
        }
        if (failure instanceof AuthenticationFailedException || failure instanceof SeedEnvelopeException
                || failure instanceof BackupFormatException) {
            return INTEGRITY;
        }
        return FAILURE;
    }
}
