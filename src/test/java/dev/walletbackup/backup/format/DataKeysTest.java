package dev.walletbackup.backup.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walletbackup.crypto.Password;
import dev.walletbackup.crypto.WrongPasswordException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operation that reads a backup twice derives its key once, and forgets every key when it ends. */
class DataKeysTest {
    @TempDir
    Path temp;

    BackupFileFormatTest files() {
        BackupFileFormatTest files = new BackupFileFormatTest();
        files.temp = temp;
        return files;
    }

    @Test
    void readingABackupTwiceUnwrapsItsKeyOnceAndBothReadsGiveThePayload() throws IOException {
        Path file = files().write("00000000000000a1", 50);
        AtomicInteger passwordsAsked = new AtomicInteger();
        try (DataKeys keys = new DataKeys(() -> {
            passwordsAsked.incrementAndGet();
            return BackupFileFormatTest.password();
        })) {
            byte[] first = read(keys, file);
            byte[] second = read(keys, file);
            assertThat(second).isEqualTo(first).isNotEmpty();
            assertThat(keys.unwrapped()).isEqualTo(1);
            assertThat(passwordsAsked).hasValue(1);
            assertThat(keys.toString()).contains("redacted");
        }
    }

    @Test
    void eachBackupHasItsOwnKeyAndClosingForgetsThemAll() throws IOException {
        BackupFileFormatTest files = files();
        Path one = files.write("00000000000000a1", 5);
        Path two = files.write("00000000000000a2", 5);
        DataKeys keys = new DataKeys(BackupFileFormatTest::password);
        read(keys, one);
        read(keys, two);
        assertThat(keys.unwrapped()).isEqualTo(2);
        keys.close();
        assertThat(keys.unwrapped()).isZero();
    }

    @Test
    void aWrongPasswordCachesNothing() throws IOException {
        Path file = files().write("00000000000000a1", 5);
        try (DataKeys keys = new DataKeys(() -> Password.adopt("Not-The-Password-1!".toCharArray()));
             BackupFileReader reader = BackupFileReader.open(file)) {
            assertThatThrownBy(() -> keys.unlock(reader)).isInstanceOf(WrongPasswordException.class)
                    .hasMessageContaining(file.toString());
            assertThat(keys.unwrapped()).isZero();
        }
    }

    private static byte[] read(DataKeys keys, Path file) throws IOException {
        try (BackupFileReader reader = BackupFileReader.open(file); InputStream payload = keys.unlock(reader)) {
            return payload.readAllBytes();
        }
    }
}
