package dev.walletbackup.backup;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walletbackup.crypto.Argon2Parameters;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.crypto.PasswordSource;
import dev.walletbackup.crypto.WrongPasswordException;
import dev.walletbackup.derivation.MasterSeed;
import dev.walletbackup.seed.MasterSeedRecord;
import dev.walletbackup.seed.Mnemonic;
import dev.walletbackup.seed.SeedEnvelope;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SeedPasswordCheckTest {
    private static final String SEED_PASSWORD = "Seed-Password-2026!";
    private static final String OTHER_PASSWORD = "Other-Password-2026!";

    @Test
    void theSeedsOwnPasswordPasses() {
        MasterSeedRecord seed = seedSealedWith(SEED_PASSWORD);

        SeedPasswordCheck check = SeedPasswordCheck.start(passwords(SEED_PASSWORD), seed.envelope());

        assertThatCode(() -> check.require(seed)).doesNotThrowAnyException();
    }

    @Test
    void anotherPasswordIsRefusedSayingBackupsTakeTheSeedsPassword() {
        MasterSeedRecord seed = seedSealedWith(SEED_PASSWORD);

        SeedPasswordCheck check = SeedPasswordCheck.start(passwords(OTHER_PASSWORD), seed.envelope());

        assertThatThrownBy(() -> check.require(seed)).isInstanceOf(WrongPasswordException.class)
                .hasMessageContaining("does not open the master seed envelope");
    }

    @Test
    void theSnapshotsEnvelopeIsCheckedWhenTheSeedsPasswordChangedSinceTheRunStarted() {
        MasterSeedRecord asTheRunStarted = seedSealedWith(OTHER_PASSWORD);
        MasterSeedRecord inTheSnapshot = seedSealedWith(SEED_PASSWORD);

        SeedPasswordCheck passesTheOldEnvelope = SeedPasswordCheck.start(passwords(OTHER_PASSWORD),
                asTheRunStarted.envelope());
        SeedPasswordCheck failsTheOldEnvelope = SeedPasswordCheck.start(passwords(SEED_PASSWORD),
                asTheRunStarted.envelope());

        assertThatThrownBy(() -> passesTheOldEnvelope.require(inTheSnapshot))
                .isInstanceOf(WrongPasswordException.class);
        assertThatCode(() -> failsTheOldEnvelope.require(inTheSnapshot)).doesNotThrowAnyException();
    }

    @Test
    void aRunThatStartedWithoutASeedChecksTheSnapshotsSeed() {
        MasterSeedRecord seed = seedSealedWith(SEED_PASSWORD);

        assertThatCode(() -> SeedPasswordCheck.start(passwords(SEED_PASSWORD), null).require(seed))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> SeedPasswordCheck.start(passwords(OTHER_PASSWORD), null).require(seed))
                .isInstanceOf(WrongPasswordException.class);
    }

    private static PasswordSource passwords(String text) {
        return () -> Password.adopt(text.toCharArray());
    }

    private static MasterSeedRecord seedSealedWith(String password) {
        byte[] envelope;
        try (MasterSeed seed = Mnemonic.parse("test test test test test test test test test test test junk").toSeed("");
             Password sealing = Password.adopt(password.toCharArray())) {
            envelope = SeedEnvelope.seal(seed, sealing, Argon2Parameters.INSECURE_FOR_TESTS_ONLY);
        }
        return new MasterSeedRecord(envelope, "0a1b2c3d", "xpub-evm", "xpub-xrp", Instant.EPOCH, 1);
    }
}
