package dev.walletbackup.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.walletbackup.backup.format.BackupFormatException;
import dev.walletbackup.crypto.Password;
import dev.walletbackup.crypto.WrongPasswordException;
import dev.walletbackup.derivation.AccountKeys;
import dev.walletbackup.derivation.HdKeys;
import dev.walletbackup.derivation.LegacyXrpKeys;
import dev.walletbackup.derivation.MasterSeed;
import dev.walletbackup.wallet.AgentWallet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the original connector's format 1.0 and re-deriving its addresses, on the shared fixture. */
class LegacyFormatTest {
    @TempDir
    Path temp;

    @Test
    void theFixturesChecksumIsReproducedFromItsOwnBytes() throws Exception {
        Path file = LegacyFixtures.copyFiveWallets(temp);
        assertThat(LegacyChecksum.of(Files.readAllBytes(file)))
                .isEqualTo("619f2facd44e891f43d22094562afea03c175d53ff575063bd0e47ff9781949b");
    }

    @Test
    void theChecksumEscapesStringsAsJsonStringifyDoes() throws Exception {
        byte[] json = "{\n  \"a\": \"é\\u0001\\\"\\n\",\n  \"b\": [1, 2.5, {\"c\": null}],\n  \"checksum\": \"x\"\n}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] compact = "{\"a\":\"é\\u0001\\\"\\n\",\"b\":[1,2.5,{\"c\":null}],\"checksum\":\"\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(LegacyChecksum.of(json)).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(compact)));
    }

    @Test
    void everyAddressOfTheFixtureReDerivesEvmByOursAndXrpByTheEd25519LegacyScheme() throws Exception {
        Path file = LegacyFixtures.copyFiveWallets(temp);
        LegacyBackup backup = new LegacyBackupReader(new ImportFindings()).read(file);
        byte[] salt = Files.readAllBytes(LegacyFixtures.saltFile(temp));
        try (Password password = Password.adopt(LegacyFixtures.PASSWORD.toCharArray());
             LegacySeedCipher cipher = new LegacySeedCipher(password, salt, LegacyFixtures.saltFile(temp));
             MasterSeed seed = cipher.open(backup.encryptedMasterSeed(), file).toSeed("")) {
            AccountKeys keys = HdKeys.agentAccountKeys(seed);
            LegacyXrpKeys legacy = LegacyXrpKeys.of(seed);
            assertThat(backup.wallets()).hasSize(5);
            for (AgentWallet wallet : backup.wallets()) {
                assertThat(keys.addressesAt(wallet.derivationIndex()).evmAddress()).isEqualTo(wallet.evmAddress());
                assertThat(legacy.addressAt(wallet.derivationIndex())).isEqualTo(wallet.xrpAddress());
                assertThat(keys.addressesAt(wallet.derivationIndex()).xrpAddress()).as("not the standard derivation")
                        .isNotEqualTo(wallet.xrpAddress());
            }
        }
    }

    @Test
    void aWrongPasswordIsAWrongPasswordNamingTheFile() throws Exception {
        Path file = LegacyFixtures.copyFiveWallets(temp);
        LegacyBackup backup = new LegacyBackupReader(new ImportFindings()).read(file);
        byte[] salt = Files.readAllBytes(LegacyFixtures.saltFile(temp));
        try (Password password = Password.adopt("WrongP@ssw0rd12345678".toCharArray());
             LegacySeedCipher cipher = new LegacySeedCipher(password, salt, LegacyFixtures.saltFile(temp))) {
            assertThatThrownBy(() -> cipher.open(backup.encryptedMasterSeed(), file))
                    .isInstanceOf(WrongPasswordException.class).hasMessageContaining(file.toString());
        }
    }

    @Test
    void balancesWrittenAsNumbersAreNormalisedAndReported() throws Exception {
        Path file = LegacyFixtures.write(temp.resolve("numbers.json"), backup -> {
            for (JsonNode balances : List.of(backup.get("balanceSnapshots").get("agent-0"))) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) balances.get(1)).put("balance", 100000L);
            }
        });
        ImportFindings findings = new ImportFindings();
        LegacyBackup backup = new LegacyBackupReader(findings).read(file);
        assertThat(backup.balances()).anySatisfy(balance -> {
            assertThat(balance.agentId()).isEqualTo("agent-0");
            assertThat(balance.balance()).hasToString("100000");
            assertThat(balance.decimals()).isEqualTo(6);
        });
        assertThat(findings.malformed()).singleElement().asString().contains("balanceSnapshots[].balance")
                .contains("JSON number");
        assertThat(findings.normalised()).anySatisfy(line -> assertThat(line).contains("updatedAt"));
    }

    @Test
    void tokensAreImportedAsBalancesRecordStoresThemAndOneItWouldRefuseIsKeptAndReported() throws Exception {
        String badChecksum = "USD.rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTi";
        Path file = LegacyFixtures.write(temp.resolve("tokens.json"), backup -> {
            ArrayNode balances = (ArrayNode) backup.get("balanceSnapshots").get("agent-0");
            ObjectNode eth = (ObjectNode) balances.get(0);
            ObjectNode xrp = (ObjectNode) balances.get(1);
            balances.add(xrp.deepCopy().put("token", badChecksum));
            balances.add(eth.deepCopy().put("token", "0x5fbdb2315678afecb367f032d93f642f64180aa3"));
            balances.add(eth.deepCopy().put("token", "USDC"));
            xrp.put("token", "xrp");
        });
        ImportFindings findings = new ImportFindings();
        LegacyBackup backup = new LegacyBackupReader(findings).read(file);
        assertThat(backup.balances()).filteredOn(balance -> balance.agentId().equals("agent-0"))
                .extracting(balance -> balance.token()).containsExactlyInAnyOrder("ETH", "XRP", badChecksum,
                        "0x5FbDB2315678afecb367f032d93F642f64180aa3", "USDC");
        assertThat(findings.normalised()).anySatisfy(line -> assertThat(line).contains("token: xrp written XRP"));
        assertThat(findings.malformed()).hasSize(2).allSatisfy(line -> assertThat(line).contains("kept as it is"))
                .anySatisfy(line -> assertThat(line).contains(badChecksum + ": the issuer"))
                .anySatisfy(line -> assertThat(line).contains("USDC: an EVM token is ETH or a contract address"));
    }

    @Test
    void aChangedFileFailsItsChecksumNamingTheFile() throws Exception {
        Path file = LegacyFixtures.copyFiveWallets(temp);
        Files.writeString(file, Files.readString(file).replace("\"100000\"", "\"100001\""));
        assertThatThrownBy(() -> new LegacyBackupReader(new ImportFindings()).read(file))
                .isInstanceOf(BackupFormatException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("checksum mismatch");
    }
}
