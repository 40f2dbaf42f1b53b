package dev.walletbackup.statedigest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * LtHash as docs/backup-format.md section 6.1 specifies it, against values computed by an implementation independent
 * of this one (src/test/resources/vectors/lthash16_openssl.py: OpenSSL's aes-256-ctr, sums in Python).
 */
class LtHashTest {
    private static final byte[] WALLET = ("wallet\u001f{\"agentId\":\"agent-1\",\"createdAt\":1700000000000,"
            + "\"derivationIndex\":0,\"evmAddress\":\"0x0000000000000000000000000000000000000001\","
            + "\"updatedAt\":1700000000000,\"xrpAddress\":\"rEXAMPLE\"}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] BALANCE = ("balance\u001f{\"agentId\":\"agent-1\",\"balance\":\"1000000000000000000\","
            + "\"chain\":\"evm\",\"decimals\":18,\"lastUpdated\":1700000000000,\"token\":\"ETH\"}")
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void expandsAnElementAsTheIndependentImplementationDoes() throws Exception {
        byte[] expansion = LtHash.empty().add(WALLET).toBytes();

        assertThat(HexFormat.of().formatHex(expansion, 0, 32))
                .isEqualTo("891931d3f9e57a681f0c7aa62222afe4d896d3852e53627fd181e5c875a6544e");
        assertThat(HexFormat.of().formatHex(expansion, LtHash.BYTES - 32, LtHash.BYTES))
                .isEqualTo("0dcf979f3c7ba736c2454aaa98b4b0bd8e19852a86dc7d0da63524fee595abbc");
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expansion)))
                .isEqualTo("c56e4772723e3ee0123189ff2f50985cb5765e32aa93779b453607dcf0ed96ff");
    }

    @Test
    void digestsSumsAndDifferencesAsTheIndependentImplementationDoes() {
        assertThat(LtHash.empty().digest())
                .isEqualTo("e5a00aa9991ac8a5ee3109844d84a55583bd20572ad3ffcd42792f3c36b183ad");
        assertThat(LtHash.empty().add(WALLET).add(BALANCE).digest())
                .isEqualTo("20f66b425d46256e54436c97a114520606f779eabe22157ee533902957b2072e");
        assertThat(LtHash.empty().add(WALLET).remove(BALANCE).digest())
                .isEqualTo("4e6d5303c99dff3f96f066c2c1552f7ab96e0e90a2e7370d6691a9a6ac1e973c");
    }

    @Test
    void theHashOfASetDoesNotDependOnTheOrderOfItsChanges() {
        Random random = new Random(7);
        List<byte[]> elements = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] element = new byte[1 + random.nextInt(300)];
            random.nextBytes(element);
            elements.add(element);
        }
        LtHash inOrder = LtHash.empty();
        elements.forEach(inOrder::add);
        List<byte[]> shuffled = new ArrayList<>(elements);
        Collections.shuffle(shuffled, random);
        LtHash shuffledWithDetours = LtHash.empty();
        for (byte[] element : shuffled) {
            shuffledWithDetours.add(WALLET).add(element).remove(WALLET);
        }

        assertThat(shuffledWithDetours).isEqualTo(inOrder);
        assertThat(shuffledWithDetours.digest()).isEqualTo(inOrder.digest());
        elements.forEach(inOrder::remove);
        assertThat(inOrder).isEqualTo(LtHash.empty());
    }

    @Test
    void combinesWholeHashesAsItCombinesTheirElements() {
        LtHash both = LtHash.empty().add(WALLET).add(BALANCE);
        LtHash walletOnly = LtHash.empty().add(WALLET);
        LtHash balanceOnly = LtHash.empty().add(BALANCE);

        assertThat(walletOnly.copy().add(balanceOnly)).isEqualTo(both);
        assertThat(both.copy().subtract(balanceOnly)).isEqualTo(walletOnly);
        assertThat(LtHash.fromBytes(both.toBytes())).isEqualTo(both);
        assertThat(walletOnly).isNotEqualTo(balanceOnly);
    }

    @Test
    void aSumOnASecondThreadEqualsTheSumInOrderAcrossManyBatches() {
        Random random = new Random(3);
        LtHash inOrder = LtHash.empty().add(BALANCE);
        LtHash summed;
        try (BackgroundLtHash background = new BackgroundLtHash(LtHash.empty().add(BALANCE))) {
            for (int i = 0; i < 5_000; i++) {
                byte[] element = new byte[1 + random.nextInt(100)];
                random.nextBytes(element);
                inOrder.add(element);
                background.add(element);
            }
            summed = background.finish();
        }

        assertThat(summed).isEqualTo(inOrder);
    }

    @Test
    void refusesASerialisedHashOfTheWrongLength() {
        assertThatThrownBy(() -> LtHash.fromBytes(new byte[LtHash.BYTES - 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2048 bytes, not 2047");
    }
}
