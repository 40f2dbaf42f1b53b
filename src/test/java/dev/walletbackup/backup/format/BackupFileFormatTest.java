package dev.walletbackup.backup.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walletbackup.balance.AgentBalance;
import dev.walletbackup.balance.Chain;
import dev.walletbackup.crypto.Argon2Parameters;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.crypto.WrongPasswordException;
import dev.walletbackup.files.FileDigests;
import dev.walletbackup.lifecycle.LifecycleState;
import dev.walletbackup.lifecycle.WalletLifecycleRecord;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.wallet.AgentWallet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file format alone: round trip, and every kind of damage detected with a message that names the file. */
class BackupFileFormatTest {
    static final int CHUNK = 4096;
    static final Instant T = Instant.parse("2026-11-25T10:15:30.123Z");
    static final MasterSeedRecord SEED = new MasterSeedRecord(new byte[172], "0a1b2c3d",
            "xpub-evm-placeholder", "xpub-xrp-placeholder", T, 1);

    @TempDir
    Path temp;

    static Password password() {
        return Password.adopt("Format-Test-Pass-1!".toCharArray());
    }

    static BackupHeader header(String id) {
        return BackupHeader.current(id, BackupType.FULL, null, id, T.toString(), 0, 5000, "0a1b2c3d",
                new Timeline("00112233445566ff", T.toString(), null, null), 41L, CHUNK);
    }

    /** A backup of {@code wallets} wallets, big enough to span many 4 KiB chunks. */
    Path write(String id, int wallets) throws IOException {
        Path file = temp.resolve(id + ".wbk");
        BackupFileWriter writer = BackupFileWriter.create(file, header(id), password(), Argon2Parameters.INSECURE_FOR_TESTS_ONLY);
        BackupDocumentWriter document = BackupDocumentWriter.of(writer.payload(), header(id), SEED);
        for (int i = 0; i < wallets; i++) {
            document.wallet(new AgentWallet("agent-" + i, i, "0x" + "%040x".formatted(i), "r" + i, T, T,
                    i % 2 == 0 ? "{\"n\":" + i + "}" : null, i + 2));
        }
        for (int i = 0; i < wallets; i++) {
            document.lifecycle(new WalletLifecycleRecord("agent-" + i, LifecycleState.ACTIVE, T, T, null, null, null,
                    i, Map.of("ETH", BigInteger.valueOf(i)), null, 0));
        }
        for (int i = 0; i < wallets; i++) {
            document.balance(new AgentBalance("agent-" + i, Chain.EVM, "ETH", BigInteger.TEN.pow(30), 18, 7L, T, 0));
            document.balance(new AgentBalance("agent-" + i, Chain.XRP, "XRP", BigInteger.ONE, 6, null, T, 0));
        }
        document.finish(null);
        writer.finish();
        return file;
    }

    static WalletBackupDocumentWriter.Summary readAll(Path file, BackupContentHandler handler) throws IOException {
        try (BackupFileReader reader = BackupFileReader.open(file); InputStream payload = reader.unlock(password())) {
            return WalletBackupDocumentReader.read(payload, reader.header(), handler);
        }
    }

    @Test
    void roundTripGivesBackEveryRecordWithTheSameDigest() throws IOException {
        Path file = write("00000000000000aa", 600); // compressed, still more than three chunks
        List<AgentWallet> wallets = new ArrayList<>();
        List<AgentBalance> balances = new ArrayList<>();
        WalletBackupDocumentWriter.Summary summary = readAll(file, new BackupContentHandler() {
            @Override
            public void wallet(AgentWallet wallet) {
                wallets.add(wallet);
            }

            @Override
            public void balance(AgentBalance balance) {
                balances.add(balance);
            }
        });
        assertThat(summary.counts()).isEqualTo(new BackupCounts(600, 600, 1200, 0));
        assertThat(wallets.get(4)).isEqualTo(new AgentWallet("agent-4", 4, "0x" + "%040x".formatted(4), "r4", T, T,
                "{\"n\":4}", 6));
        assertThat(balances.get(0).balance()).isEqualTo(BigInteger.TEN.pow(30));
        assertThat(balances.get(1).blockNumber()).isNull();
        assertThat(Files.size(file)).isGreaterThan(3L * CHUNK);
    }

    @Test
    void wrongPasswordIsNotAnIntegrityFailure() throws IOException {
        Path file = write("00000000000000ab", 10);
        try (BackupFileReader reader = BackupFileReader.open(file)) {
            assertThatThrownBy(() -> reader.unlock(Password.adopt("Other-Password-99!".toCharArray())))
                    .isInstanceOf(WrongPasswordException.class);
        }
    }

    @Test
    void flippedByteInTheHeaderIsDetected() throws IOException {
        Path file = write("00000000000000ac", 10);
        byte[] bytes = Files.readAllBytes(file);
        int inCreatedAt = indexOf(bytes, "10:15:30".getBytes()) + 1;
        bytes[inCreatedAt] = '9';
        Files.write(file, bytes);
        assertThatThrownBy(() -> readAll(file, BackupContentHandler.IGNORE))
                .isInstanceOf(BackupFormatException.class)
                .hasMessageContaining(file.toString());
    }

    /**
     * The write's own proof needs no second password derivation: the file read back with the write's data key
     * decompresses to the payload written, and a byte changed on disk before that re-read fails it.
     */
    @Test
    void theWritesReReadGivesBackThePayloadWrittenAndFailsOnAByteChangedOnDisk() throws IOException {
        for (boolean flipped : new boolean[] {false, true}) {
            String id = flipped ? "00000000000000b2" : "00000000000000b1";
            Path file = temp.resolve(id + ".wbk");
            BackupFileWriter writer = BackupFileWriter.create(file, header(id), password(),
                    Argon2Parameters.INSECURE_FOR_TESTS_ONLY);
            BackupDocumentWriter document = BackupDocumentWriter.of(writer.payload(), header(id), SEED);
            for (int i = 0; i < 200; i++) {
                document.wallet(new AgentWallet("agent-" + i, i, "0x" + "%040x".formatted(i), "r" + i, T, T, null, i + 2));
            }
            document.finish(null);
            BackupFileWriter.WrittenFile written = writer.finish();
            if (flipped) {
                byte[] bytes = Files.readAllBytes(file);
                bytes[chunkStart(bytes) + CHUNK + 40] ^= 0x01;
                Files.write(file, bytes);
            }
            try (BackupFileReader reader = BackupFileReader.open(file); InputStream payload = writer.reread(reader)) {
                if (flipped) {
                    assertThatThrownBy(() -> FileDigests.sha256(payload)).isInstanceOf(BackupFormatException.class)
                            .hasMessageContaining(file.toString()).hasMessageContaining("failed authentication");
                } else {
                    assertThat(FileDigests.sha256(payload)).isEqualTo(written.payloadSha256());
                    assertThat(readAll(file, BackupContentHandler.IGNORE).counts().wallets()).isEqualTo(200);
                }
            }
        }
    }

    @Test
    void flippedByteInAMiddleOrTheLastChunkIsDetected() throws IOException {
        Path file = write("00000000000000ad", 300);
        byte[] original = Files.readAllBytes(file);
        for (int offset : new int[] {chunkAt(original, 2) + 100, original.length - 5}) {
            byte[] bytes = original.clone();
            bytes[offset] ^= 0x20;
            Files.write(file, bytes);
            assertThatThrownBy(() -> readAll(file, BackupContentHandler.IGNORE))
                    .isInstanceOf(BackupFormatException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("failed authentication");
        }
    }

    @Test
    void truncationAtAChunkBoundaryIsNamedAsSuch() throws IOException {
        Path file = write("00000000000000ae", 300);
        byte[] bytes = Files.readAllBytes(file);
        int cut = chunkAt(bytes, 2);
        Files.write(file, Arrays.copyOf(bytes, cut));
        assertThatThrownBy(() -> readAll(file, BackupContentHandler.IGNORE))
                .isInstanceOf(BackupFormatException.class).hasMessageContaining("truncated after chunk 1");
        Files.write(file, Arrays.copyOf(bytes, 40));
        assertThatThrownBy(() -> BackupFileReader.open(file))
                .isInstanceOf(BackupFormatException.class).hasMessageContaining("truncated inside the header");
    }

    @Test
    void swappedChunksAreDetected() throws IOException {
        Path file = write("00000000000000af", 300);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, concat(Arrays.copyOf(bytes, chunkAt(bytes, 1)), chunk(bytes, 2), chunk(bytes, 1),
                Arrays.copyOfRange(bytes, chunkAt(bytes, 3), bytes.length)));
        assertThatThrownBy(() -> readAll(file, BackupContentHandler.IGNORE))
                .isInstanceOf(BackupFormatException.class).hasMessageContaining("chunk 1 failed authentication");
    }

    @Test
    void aChunkSplicedFromAnotherBackupIsDetected() throws IOException {
        Path target = write("00000000000000b0", 300);
        Path other = write("00000000000000b1", 300);
        byte[] bytes = Files.readAllBytes(target);
        byte[] donor = Files.readAllBytes(other);
        Files.write(target, concat(Arrays.copyOf(bytes, chunkAt(bytes, 1)), chunk(donor, 1),
                Arrays.copyOfRange(bytes, chunkAt(bytes, 2), bytes.length)));
        assertThatThrownBy(() -> readAll(target, BackupContentHandler.IGNORE))
                .isInstanceOf(BackupFormatException.class).hasMessageContaining("chunk 1 failed authentication");
    }

    /** Where chunk {@code index} of a version-4 file begins: at its length (docs/backup-format.md, section 2.5). */
    static int chunkAt(byte[] file, int index) {
        int at = chunkStart(file);
        for (int i = 0; i < index; i++) {
            at += 4 + ByteBuffer.wrap(file, at, 4).getInt();
        }
        return at;
    }

    /** Chunk {@code index} of a version-4 file, its length included. */
    static byte[] chunk(byte[] file, int index) {
        return Arrays.copyOfRange(file, chunkAt(file, index), chunkAt(file, index + 1));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            joined.writeBytes(part);
        }
        return joined.toByteArray();
    }

    @Test
    void foreignFilesAreRefusedWithoutAPassword() throws IOException {
        Path file = temp.resolve("not-a-backup.wbk");
        Files.writeString(file, "{\"version\":\"1.0\",\"wallets\":[]}");
        assertThatThrownBy(() -> BackupFileReader.open(file))
                .isInstanceOf(BackupFormatException.class).hasMessageContaining("bad magic");
    }

    static int chunkStart(byte[] file) {
        int headerLength = ((file[10] & 0xff) << 24) | ((file[11] & 0xff) << 16) | ((file[12] & 0xff) << 8) | (file[13] & 0xff);
        return 8 + 2 + 4 + headerLength + KeySlot.BYTES + 32;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        return dev.walletbackup.testing.Bytes.indexOf(haystack, needle);
    }
}
