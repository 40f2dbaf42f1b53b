package dev.walletbackup.derivation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walletbackup.seed.Mnemonic;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.Bip32ECKeyPair;

/** Derivation checked against the published vectors copied from shared/vectors (see the files' "source"). */
class DerivationVectorsTest {

    static JsonNode vectors(String name) throws IOException {
        try (InputStream in = DerivationVectorsTest.class.getResourceAsStream("/vectors/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }

    static Stream<JsonNode> bip39() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        vectors("bip39-bip32.json").get("bip39").forEach(out::add);
        return out.stream();
    }

    static Stream<JsonNode> hardhatRows() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        vectors("hd-derivation-hardhat.json").get("rows").forEach(out::add);
        return out.stream();
    }

    /** Public derivation is checked on both curve arithmetics: the one in use and the fallback. */
    static Stream<CurveArithmetic> arithmetics() {
        return Stream.of(new LibSecp256k1Arithmetic(), new BouncyCastleArithmetic());
    }

    static Stream<Arguments> hardhatRowsOnEachArithmetic() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (CurveArithmetic arithmetic : arithmetics().toList()) {
            hardhatRows().forEach(row -> out.add(Arguments.of(arithmetic.name(), arithmetic, row)));
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("bip39")
    void mnemonicWithPassphraseGivesTheReferenceSeedAndRootKey(JsonNode vector) {
        Mnemonic mnemonic = Mnemonic.parse(vector.get("mnemonic").asText());
        try (MasterSeed seed = mnemonic.toSeed(vector.get("passphrase").asText())) {
            assertThat(seed.<String>withBytes(Hex::toHexString)).isEqualTo(vector.get("seed").asText());
            byte[] xprv = Base58Check.BITCOIN.decode(vector.get("rootXprv").asText());
            Bip32ECKeyPair root = seed.withBytes(Bip32ECKeyPair::generateKeyPair);
            assertThat(java.util.Arrays.copyOfRange(xprv, 13, 45)).isEqualTo(root.getChainCode());
            assertThat(java.util.Arrays.copyOfRange(xprv, 45, 78)).isEqualTo(root.getPrivateKeyBytes33());
        }
    }

    @Test
    void bip32VectorOneMatchesAlongTheWholeChain() throws IOException {
        JsonNode bip32 = vectors("bip39-bip32.json").get("bip32");
        Bip32ECKeyPair root = Bip32ECKeyPair.generateKeyPair(Hex.decode(bip32.get("seed").asText()));
        for (JsonNode step : bip32.get("chain")) {
            int[] path = parsePath(step.get("path").asText());
            ExtendedPublicKey key = HdKeys.toPublic(Bip32ECKeyPair.deriveKeyPair(root, path));
            assertThat(key.serialize()).as(step.get("path").asText()).isEqualTo(step.get("xpub").asText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arithmetics")
    void publicDerivationFromAnXpubEqualsPrivateDerivation(CurveArithmetic arithmetic) throws IOException {
        JsonNode chain = vectors("bip39-bip32.json").get("bip32").get("chain");
        ExtendedPublicKey m0h = ExtendedPublicKey.parse(chain.get(1).get("xpub").asText());
        assertThat(m0h.deriveChild(1, arithmetic).serialize()).isEqualTo(chain.get(2).get("xpub").asText());
        ExtendedPublicKey m0h12h2 = ExtendedPublicKey.parse(chain.get(4).get("xpub").asText());
        assertThat(m0h12h2.deriveChild(1_000_000_000, arithmetic).serialize())
                .isEqualTo(chain.get(5).get("xpub").asText());
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("hardhatRowsOnEachArithmetic")
    void developmentMnemonicGivesTheReferenceEvmAndXrpAddresses(String name, CurveArithmetic arithmetic, JsonNode row)
            throws IOException {
        JsonNode file = vectors("hd-derivation-hardhat.json");
        try (MasterSeed seed = Mnemonic.parse(file.get("mnemonic").asText()).toSeed("")) {
            assertThat("0x" + seed.<String>withBytes(Hex::toHexString)).isEqualTo(file.get("bip39SeedHex").asText());
            int account = row.get("account").asInt();
            int index = row.get("index").asInt();
            ExtendedPublicKey evm = HdKeys.accountExternalChain(seed, HdKeys.EVM_COIN_TYPE, account)
                    .deriveChild(index, arithmetic);
            ExtendedPublicKey xrp = HdKeys.accountExternalChain(seed, HdKeys.XRP_COIN_TYPE, account)
                    .deriveChild(index, arithmetic);
            assertThat(EvmAddress.of(evm)).isEqualTo(row.get("evmAddress").asText());
            assertThat(Hex.toHexString(xrp.compressedKey())).isEqualToIgnoringCase(row.get("xrpPublicKey").asText());
            assertThat(XrpAddress.of(xrp)).isEqualTo(row.get("xrpAddress").asText());
        }
    }

    @Test
    void agentAccountKeysSurviveSerialisationAndDeriveTheSameAddresses() throws IOException {
        JsonNode file = vectors("hd-derivation-hardhat.json");
        try (MasterSeed seed = Mnemonic.parse(file.get("mnemonic").asText()).toSeed("")) {
            AccountKeys keys = HdKeys.agentAccountKeys(seed);
            AccountKeys reparsed = AccountKeys.parse(keys.evm().serialize(), keys.xrp().serialize());
            assertThat(reparsed.addressesAt(7)).isEqualTo(keys.addressesAt(7));
            assertThat(reparsed.addressesAt(7).evmAddress()).isEqualTo("0x931D948F347c2EB3a863b8AdF53d12b536960C44");
            assertThat(reparsed.addressesAt(7).xrpAddress()).isEqualTo("rfNEzpggEp71dKw2XWBMmVMX6SaBdMkskj");
        }
    }

    @Test
    void addressesAreDerivedWithLibsecp256k1OnThisPlatform() {
        assertThat(CurveArithmetic.fastest().name()).isEqualTo("libsecp256k1");
    }

    @Test
    void libsecp256k1AndBouncyCastleDeriveTheSameAddressesAcrossTheIndexRange() throws IOException {
        JsonNode file = vectors("hd-derivation-hardhat.json");
        try (MasterSeed seed = Mnemonic.parse(file.get("mnemonic").asText()).toSeed("")) {
            AccountKeys keys = HdKeys.agentAccountKeys(seed);
            SplittableRandom random = new SplittableRandom(11);
            for (int i = 0; i < 200; i++) {
                int index = i < 100 ? i : random.nextInt(Integer.MAX_VALUE);
                assertThat(keys.addressesAt(index, new LibSecp256k1Arithmetic()))
                        .as("index %d", index).isEqualTo(keys.addressesAt(index, new BouncyCastleArithmetic()));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arithmetics")
    void aZeroTweakLeavesThePointAndAnOppositePointSumsToInfinity(CurveArithmetic arithmetic) {
        ECPoint generator = BouncyCastleArithmetic.CURVE.getG();
        byte[] point = generator.multiply(BigInteger.valueOf(7)).normalize().getEncoded(false);
        assertThat(arithmetic.addGeneratorMultiple(point, new byte[32])).isEqualTo(point);
        byte[] minusSeven = generator.multiply(BouncyCastleArithmetic.CURVE.getN().subtract(BigInteger.valueOf(7)))
                .normalize().getEncoded(false);
        byte[] seven = new byte[32];
        seven[31] = 7;
        assertThatThrownBy(() -> arithmetic.addGeneratorMultiple(minusSeven, seven))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("infinity");
    }

    @Test
    void xpubWithABrokenChecksumIsRefused() throws IOException {
        String xpub = vectors("bip39-bip32.json").get("bip32").get("chain").get(0).get("xpub").asText();
        String broken = xpub.substring(0, 20) + (xpub.charAt(20) == 'a' ? 'b' : 'a') + xpub.substring(21);
        assertThatThrownBy(() -> ExtendedPublicKey.parse(broken)).hasMessageContaining("checksum");
    }

    @Test
    void hardenedChildCannotBeDerivedFromAPublicKey() throws IOException {
        String xpub = vectors("bip39-bip32.json").get("bip32").get("chain").get(0).get("xpub").asText();
        assertThatThrownBy(() -> ExtendedPublicKey.parse(xpub).deriveChild(0x80000000))
                .hasMessageContaining("hardened");
    }

    private static int[] parsePath(String path) {
        String[] parts = path.split("/");
        int[] out = new int[parts.length - 1];
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            out[i - 1] = part.endsWith("'")
                    ? Integer.parseInt(part.substring(0, part.length() - 1)) | Bip32ECKeyPair.HARDENED_BIT
                    : Integer.parseInt(part);
        }
        return out;
    }
}
