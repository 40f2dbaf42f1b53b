package dev.walletbackup.derivation;

import static org.assertj.core.api.Assertions.assertThat;

import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ed25519 step of the original connector's XRP derivation, against RFC 8032's published vectors. */
class Ed25519XrpAddressTest {

    /** RFC 8032, section 7.1, TEST 1, TEST 2, TEST 3 and TEST 1024: secret key → public key. */
    @ParameterizedTest
    @CsvSource({
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60, d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb, 3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7, fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            "f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5, 278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e"})
    void theEd25519PublicKeyIsRfc8032s(String secretKey, String publicKey) {
        assertThat(Hex.toHexString(Ed25519XrpAddress.ed25519PublicKey(Hex.decode(secretKey)))).isEqualTo(publicKey);
    }

    @ParameterizedTest
    @CsvSource({"00", "ff"})
    void onlyTheFirstSixteenBytesOfThePrivateKeyMatter(String tailByte) {
        byte[] key = Hex.decode("0123456789abcdef0123456789abcdef" + "00".repeat(16));
        byte[] other = key.clone();
        java.util.Arrays.fill(other, 16, 32, (byte) Integer.parseInt(tailByte, 16));
        other[31] ^= 1;
        assertThat(Ed25519XrpAddress.fromPrivateKey(other)).isEqualTo(Ed25519XrpAddress.fromPrivateKey(key))
                .startsWith("r");
    }
}
