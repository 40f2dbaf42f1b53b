package dev.walletbackup.crypto;

import java.util.function.Supplier;

/**
 * Where the backup password comes from (WALLET_BACKUP_PASSWORD, a password file, a terminal): a fresh copy each
 * time, which the caller closes after use, so no copy outlives the key derivation it was read for. The one name for
 * it, from the command line down to the file format.
 */
@FunctionalInterface
public interface PasswordSource extends Supplier<Password> {
}
