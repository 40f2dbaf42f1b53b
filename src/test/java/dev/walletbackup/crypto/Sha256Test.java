package dev.walletbackup.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Sha256Test {
    /** FIPS 180-2, appendix B.1 and B.2. */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String TWO_BLOCKS = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";

    @Test
    void hashesThePublishedVectorsAgainAndAgainOnOneThread() {
        byte[] twoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(StandardCharsets.US_ASCII);

        assertThat(HexFormat.of().formatHex(Sha256.of("abc".getBytes(StandardCharsets.US_ASCII)))).isEqualTo(ABC);
        assertThat(HexFormat.of().formatHex(Sha256.of(twoBlocks))).isEqualTo(TWO_BLOCKS);
        assertThat(HexFormat.of().formatHex(Sha256.of("abc".getBytes(StandardCharsets.US_ASCII)))).isEqualTo(ABC);
    }

    @Test
    void aNewDigestTakesItsInputInParts() {
        var digest = Sha256.newDigest();
        digest.update("ab".getBytes(StandardCharsets.US_ASCII));
        digest.update("c".getBytes(StandardCharsets.US_ASCII));

        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(ABC);
    }
}
