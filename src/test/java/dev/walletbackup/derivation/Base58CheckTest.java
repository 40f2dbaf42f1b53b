package dev.walletbackup.derivation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Base58Check encoding checked against the decoder, which is written independently (on BigInteger). */
class Base58CheckTest {

    @ParameterizedTest
    @EnumSource(Base58Check.class)
    void everyPayloadComesBackWithItsLeadingZeros(Base58Check alphabet) {
        SplittableRandom random = new SplittableRandom(58);
        for (int round = 0; round < 2_000; round++) {
            byte[] payload = new byte[random.nextInt(0, 90)];
            random.nextBytes(payload);
            int zeros = Math.min(payload.length, random.nextInt(0, 4));
            for (int i = 0; i < zeros; i++) {
                payload[i] = 0;
            }
            String text = alphabet.encode(payload);
            assertThat(alphabet.decode(text)).as(text).isEqualTo(payload);
            assertThat(text).startsWith(String.valueOf(alphabet.encode(new byte[1]).charAt(0)).repeat(zeros));
        }
    }

    @ParameterizedTest
    @EnumSource(Base58Check.class)
    void aChangedCharacterFailsTheChecksum(Base58Check alphabet) {
        String text = alphabet.encode(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        String changed = text.substring(0, 5) + (text.charAt(5) == text.charAt(6) ? text.charAt(7) : text.charAt(6))
                + text.substring(6);
        assertThatThrownBy(() -> alphabet.decode(changed)).hasMessageContaining("checksum");
    }
}
