package dev.walletbackup.backup;

import dev.walletbackup.crypto.Password;
import dev.walletbackup.crypto.PasswordPolicy;
import dev.walletbackup.crypto.PasswordSource;
import dev.walletbackup.crypto.WrongPasswordException;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.seed.SeedEnvelope;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A backup is only worth its restore: the seed inside must open with the password the operator will have then. So
 * backups are sealed with the seed's own password, and a run with another is refused. Proving it costs one Argon2id
 * derivation, as the file's key does ({@link PreparedKey}); so the check starts with the run, on a thread of its own,
 * against the envelope the store holds then, and {@link #require} in the backup's snapshot only waits for it. When
 * the snapshot holds another envelope (the seed's password changed in between), the check is made again against that
 * one: the snapshot's seed is the one the backup carries.
 */
public final class SeedPasswordCheck {
    private final PasswordSource passwords;
    /** The envelope checked in the background; null when the store had no seed as the run started. */
    private final byte[] envelope;
    private final CompletableFuture<Void> check;

    private SeedPasswordCheck(PasswordSource passwords, byte[] envelope) {
        this.passwords = passwords;
        this.envelope = envelope;
        this.check = new CompletableFuture<>();
        if (envelope == null) {
            check.complete(null);
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                check(passwords, envelope);
                check.complete(null);
            } catch (RuntimeException | Error e) {
                check.completeExceptionally(e);
            }
        }, "backup-seed-check");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts checking the password against {@code envelope} (null: the store holds no seed yet). */
    public static SeedPasswordCheck start(PasswordSource passwords, byte[] envelope) {
        return new SeedPasswordCheck(passwords, envelope == null ? null : envelope.clone());
    }

    /**
     * Returns once the password is known to open {@code seed}'s envelope; WrongPasswordException (or the password's
     * own failure: unreadable, too weak) otherwise.
     */
    public void require(MasterSeedRecord seed) {
        if (envelope == null || !Arrays.equals(envelope, seed.envelope())) {
            check(passwords, seed.envelope());
            return;
        }
        try {
            check.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    private static void check(PasswordSource passwords, byte[] envelope) {
        try (Password password = passwords.get()) {
            PasswordPolicy.check(password);
            SeedEnvelope.open(envelope, password).close();
        } catch (WrongPasswordException e) {
            throw new WrongPasswordException("the backup password does not open the master seed envelope: backups are "
                    + "sealed with the seed's password, so that a restore needs only that one password");
        }
    }

    @Override
    public String toString() {
        return "SeedPasswordCheck[" + (check.isDone() ? "done" : "running") + "]";
    }
}
