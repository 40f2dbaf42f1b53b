package dev.walletbackup.backup;

import dev.walletbackup.backup.format.KeySlot;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The key-encryption key of the backup file a run will write, derived (Argon2id, the costly part of a backup's start)
 * on a thread of its own from the moment the run starts, while the backup is planned and its snapshot opened.
 * {@link BackupAssembler#begin} takes it; a run that ends before wipes it when the derivation is done.
 */
public final class PreparedKey implements AutoCloseable {
    /** The exchange property that carries it from the start of the backup pipeline to {@code begin}. */

    private final CompletableFuture<KeySlot.Sealer> derivation;
    private boolean taken;

    PreparedKey(Supplier<KeySlot.Sealer> derive) {
        CompletableFuture<KeySlot.Sealer> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                future.complete(derive.get());
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        }, "backup-key");
        thread.setDaemon(true);
        thread.start();
        this.derivation = future;
    }

    /** Waits for the derivation; its failure (a password that cannot be read) is thrown as it was raised. */
    KeySlot.Sealer take() {
        taken = true;
        try {
            return derivation.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    /** Wipes the key if no file took it, now or once its derivation ends. */
    @Override
    public void close() {
        if (!taken) {
            taken = true;
            derivation.thenAccept(KeySlot.Sealer::close);
        }
    }

    @Override
    public String toString() {
        return "PreparedKey[key hidden]";
    }
}
