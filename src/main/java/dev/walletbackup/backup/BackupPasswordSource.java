package dev.walletbackup.backup;

import dev.walletbackup.crypto.Password;
import java.util.function.Supplier;

/** Where the backup password comes from when a backup runs: a fresh copy each time, closed after use. */
@FunctionalInterface
public interface BackupPasswordSource extends Supplier<Password> {
}
