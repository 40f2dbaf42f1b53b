package dev.walletbackup.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

/**
 * The same password typed where characters are composed (NFC, as macOS keyboards and most Linux input give) or
 * decomposed (NFD, as some file names and terminals give) must open the same secrets.
 */
class PasswordNormalisationTest {
    static final String COMPOSED = Normalizer.normalize("Crème-Brûlée-Pass-1!", Normalizer.Form.NFC);
    static final String DECOMPOSED = Normalizer.normalize("Crème-Brûlée-Pass-1!", Normalizer.Form.NFD);
    static final byte[] SALT = new byte[PasswordKeyDerivation.SALT_BYTES];
    static final Argon2Parameters CHEAP = Argon2Parameters.INSECURE_FOR_TESTS_ONLY;

    static Password password(String text) {
        return Password.adopt(text.toCharArray());
    }

    @Test
    void theTwoFormsAreDifferentCharactersButOneKey() {
        assertThat(COMPOSED).isNotEqualTo(DECOMPOSED);
        try (PasswordKey composed = PasswordKey.derive(password(COMPOSED), SALT, CHEAP);
             PasswordKey decomposed = PasswordKey.derive(password(DECOMPOSED), SALT, CHEAP)) {
            assertThat(decomposed.matches(composed.checkValue())).isTrue();
        }
    }

    @Test
    void aSecretSealedWithTheDecomposedFormAsTypedStillOpens() {
        byte[] legacyCheck;
        try (PasswordKey legacy = PasswordKey.deriveAsTyped(password(DECOMPOSED), SALT, CHEAP)) {
            legacyCheck = legacy.checkValue();
        }
        try (PasswordKey normalised = PasswordKey.derive(password(DECOMPOSED), SALT, CHEAP)) {
            assertThat(normalised.matches(legacyCheck)).as("NFC differs from the bytes sealed before").isFalse();
        }
        assertThat(PasswordKey.unlock(password(DECOMPOSED), SALT, CHEAP, legacyCheck)).isPresent();
        assertThat(PasswordKey.unlock(password(COMPOSED), SALT, CHEAP, legacyCheck))
                .as("only the form it was typed in opens a legacy seal").isEmpty();
    }

    @Test
    void aWrongPasswordOpensNothing() {
        byte[] check;
        try (PasswordKey key = PasswordKey.derive(password(COMPOSED), SALT, CHEAP)) {
            check = key.checkValue();
        }
        assertThat(PasswordKey.unlock(password("Another-Pass-1234!"), SALT, CHEAP, check)).isEmpty();
    }
}
