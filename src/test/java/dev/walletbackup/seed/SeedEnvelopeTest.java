package dev.walletbackup.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walletbackup.crypto.Argon2Parameters;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.crypto.WrongPasswordException;
import dev.walletbackup.derivation.MasterSeed;
import dev.walletbackup.seed.SeedEnvelope.SeedEnvelopeException;
import dev.walletbackup.testing.Bytes;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SeedEnvelopeTest {
    private static final String MNEMONIC = "test test test test test test test test test test test junk";
    private static final Argon2Parameters FAST = Argon2Parameters.INSECURE_FOR_TESTS_ONLY;

    private static Password password(String text) {
        return Password.adopt(text.toCharArray());
    }

    private static byte[] seedBytes() {
        try (MasterSeed seed = Mnemonic.parse(MNEMONIC).toSeed("")) {
            return seed.withBytes(byte[]::clone);
        }
    }

    @Test
    void sealedSeedOpensWithThePasswordAloneAndRecordsItsParameters() {
        byte[] envelope;
        try (MasterSeed seed = MasterSeed.adopt(seedBytes())) {
            envelope = SeedEnvelope.seal(seed, password("Envelope-Pass-1234!"), FAST);
        }
        assertThat(envelope).hasSize(SeedEnvelope.ENVELOPE_BYTES);
        assertThat(SeedEnvelope.readParameters(envelope)).isEqualTo(FAST);
        try (MasterSeed opened = SeedEnvelope.open(envelope.clone(), password("Envelope-Pass-1234!"))) {
            assertThat(opened.<byte[]>withBytes(byte[]::clone)).isEqualTo(seedBytes());
        }
    }

    @Test
    void sealingTwiceGivesDifferentEnvelopes() {
        try (MasterSeed seed = MasterSeed.adopt(seedBytes())) {
            byte[] first = SeedEnvelope.seal(seed, password("Envelope-Pass-1234!"), FAST);
            byte[] second = SeedEnvelope.seal(seed, password("Envelope-Pass-1234!"), FAST);
            assertThat(first).isNotEqualTo(second);
        }
    }

    @Test
    void envelopeDoesNotContainTheSeed() {
        byte[] seed = seedBytes();
        byte[] envelope = SeedEnvelope.seal(MasterSeed.adopt(seed.clone()), password("Envelope-Pass-1234!"), FAST);
        for (int i = 0; i + 8 <= seed.length; i += 8) {
            byte[] piece = Arrays.copyOfRange(seed, i, i + 8);
            assertThat(Bytes.indexOf(envelope, piece)).as("seed bytes %d..%d", i, i + 8).isEqualTo(-1);
        }
    }

    @Test
    void wrongPasswordIsReportedAsSuch() {
        byte[] envelope = SeedEnvelope.seal(MasterSeed.adopt(seedBytes()), password("Envelope-Pass-1234!"), FAST);
        assertThatThrownBy(() -> SeedEnvelope.open(envelope, password("Envelope-Pass-1234?")))
                .isInstanceOf(WrongPasswordException.class)
                .hasMessageContaining("wrong password");
    }

    @Test
    void everyFlippedByteIsDetectedAsDamage() {
        byte[] envelope = SeedEnvelope.seal(MasterSeed.adopt(seedBytes()), password("Envelope-Pass-1234!"), FAST);
        for (int i = 0; i < envelope.length; i++) {
            byte[] damaged = envelope.clone();
            damaged[i] ^= 0x01;
            assertThatThrownBy(() -> SeedEnvelope.open(damaged, password("Envelope-Pass-1234!")))
                    .as("byte %d flipped", i)
                    .isInstanceOf(SeedEnvelopeException.class)
                    .hasMessageContaining("damaged");
        }
    }

    @Test
    void alteredBytesWithARecomputedDigestFailAuthentication() throws Exception {
        byte[] envelope = SeedEnvelope.seal(MasterSeed.adopt(seedBytes()), password("Envelope-Pass-1234!"), FAST);
        int ciphertextByte = SeedEnvelope.HEADER_BYTES + 20;
        envelope[ciphertextByte] ^= 0x40;
        rehash(envelope);
        assertThatThrownBy(() -> SeedEnvelope.open(envelope, password("Envelope-Pass-1234!")))
                .isInstanceOf(SeedEnvelopeException.class)
                .hasMessageContaining("altered");
    }

    @Test
    void truncatedOrForeignBytesAreRefusedBeforeAnyKeyWork() throws Exception {
        byte[] envelope = SeedEnvelope.seal(MasterSeed.adopt(seedBytes()), password("Envelope-Pass-1234!"), FAST);
        assertThatThrownBy(() -> SeedEnvelope.open(Arrays.copyOf(envelope, 100), password("Envelope-Pass-1234!")))
                .isInstanceOf(SeedEnvelopeException.class).hasMessageContaining("100 bytes");
        byte[] hugeMemory = envelope.clone();
        hugeMemory[6] = 0x7f;
        rehash(hugeMemory);
        assertThatThrownBy(() -> SeedEnvelope.open(hugeMemory, password("Envelope-Pass-1234!")))
                .isInstanceOf(SeedEnvelopeException.class).hasMessageContaining("invalid parameters");
        byte[] foreign = envelope.clone();
        foreign[0] = 'X';
        rehash(foreign);
        assertThatThrownBy(() -> SeedEnvelope.open(foreign, password("Envelope-Pass-1234!")))
                .isInstanceOf(SeedEnvelopeException.class).hasMessageContaining("bad magic");
    }

    @Test
    void secretsNeverPrintThemselves() {
        MasterSeed seed = MasterSeed.adopt(seedBytes());
        assertThat(seed.toString()).isEqualTo("MasterSeed[redacted]");
        assertThat(Mnemonic.parse(MNEMONIC).toString()).doesNotContain("test");
        assertThat(password("Envelope-Pass-1234!").toString()).doesNotContain("Envelope");
    }

    private static void rehash(byte[] envelope) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(envelope, 0, envelope.length - 32);
        System.arraycopy(sha256.digest(), 0, envelope, envelope.length - 32, 32);
    }
}
