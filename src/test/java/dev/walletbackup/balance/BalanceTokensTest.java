package dev.walletbackup.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walletbackup.derivation.Base58Check;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tokens are stored as the chain writes them, or refused with what is wrong: never kept in a spelling no chain shows. */
class BalanceTokensTest {
    /** The XRP Ledger's genesis account: a classic address with a valid checksum. */
    static final String ISSUER = "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh";
    static final String HEX = "0158415500000000C1F76FF6ECB0BAC600000000";

    @Test
    void validTokensAreKeptAndTheNativeOnesAndHexCodesWrittenInUpperCase() {
        assertThat(BalanceTokens.normalise(Chain.XRP, "XRP")).isEqualTo("XRP");
        assertThat(BalanceTokens.normalise(Chain.XRP, "xrp")).isEqualTo("XRP");
        assertThat(BalanceTokens.normalise(Chain.EVM, "eth")).isEqualTo("ETH");
        assertThat(BalanceTokens.normalise(Chain.XRP, "USD." + ISSUER)).isEqualTo("USD." + ISSUER);
        assertThat(BalanceTokens.normalise(Chain.XRP, "usd." + ISSUER)).as("standard codes are case-sensitive on the ledger")
                .isEqualTo("usd." + ISSUER);
        assertThat(BalanceTokens.normalise(Chain.XRP, HEX + "." + ISSUER)).isEqualTo(HEX + "." + ISSUER);
        assertThat(BalanceTokens.normalise(Chain.XRP, HEX.toLowerCase() + "." + ISSUER)).isEqualTo(HEX + "." + ISSUER);
        assertThat(BalanceTokens.normalise(Chain.XRP, "5553440000000000000000000000000000000000." + ISSUER))
                .as("hex that spells USD from its first byte is a non-standard currency of its own, as rippled shows it")
                .isEqualTo("5553440000000000000000000000000000000000." + ISSUER);
        assertThat(BalanceTokens.normalise(Chain.EVM, "0x5FbDB2315678afecb367f032d93F642f64180aa3"))
                .isEqualTo("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "USD                                                                 | an XRP Ledger token is XRP or CURRENCY.ISSUER",
            "XRP." + ISSUER + "                                                  | XRP is the ledger's own currency",
            "US." + ISSUER + "                                                   | neither a 3-character code nor 40 hex digits",
            "015841550000000000000000000000000000000." + ISSUER + "              | neither a 3-character code nor 40 hex digits",
            "015841550000000000000000000000000000000G." + ISSUER + "             | neither a 3-character code nor 40 hex digits",
            "U-D." + ISSUER + "                                                  | neither a 3-character code nor 40 hex digits",
            "0000000000000000000000005553440000000000." + ISSUER + "             | is the standard code USD (rippled writes it so): use USD." + ISSUER,
            "0000000000000000000000000000000000000000." + ISSUER + "             | must not start with 00",
            "0000000000000000000000005852500000000000." + ISSUER + "             | must not start with 00",
            "0001000000000000000000005553440000000000." + ISSUER + "             | must not start with 00",
            "USD.rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTi                              | checksum",
            "USD." + ISSUER + ".junk                                             | character '.' is not in the XRP base58 alphabet",
            "USD." + ISSUER + "x                                                 | not an XRP Ledger classic address",
            "USD.0x5FbDB2315678afecb367f032d93F642f64180aa3                      | character '0' is not in the XRP base58 alphabet",
            "USD.rrHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh                             | not an XRP Ledger classic address",
            "USD.                                                                | not an XRP Ledger classic address"})
    void aMalformedXrpLedgerTokenIsRefusedNamingTheTokenAndWhatIsWrong(String token, String problem) {
        assertThatThrownBy(() -> BalanceTokens.normalise(Chain.XRP, token))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(token + ": ").hasMessageContaining(problem);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "0x5FbDB2315678afecb367f032d93F642f64180aa3",
            "0x5fbdb2315678afecb367f032d93f642f64180aa3",
            "0x5FBDB2315678AFECB367F032D93F642F64180AA3",
            "0X5FBDB2315678AFECB367F032D93F642F64180AA3"})
    void oneContractInAnyUncheckedCaseIsStoredChecksummedAsOneToken(String spelling) {
        assertThat(BalanceTokens.normalise(Chain.EVM, spelling)).isEqualTo("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "0x5FbDB2315678afecb367f032d93F642f64180aA3                          | does not match its EIP-55 checksum",
            "0x5FbDB23                                                           | an EVM token is ETH or a contract address",
            "0x5FbDB2315678afecb367f032d93F642f64180aa3aa                        | an EVM token is ETH or a contract address",
            "0x5FbDB2315678afecb367f032d93F642f64180aG3                          | an EVM token is ETH or a contract address",
            "USDC                                                                | an EVM token is ETH or a contract address"})
    void aMalformedEvmTokenIsRefusedNamingTheTokenAndWhatIsWrong(String token, String problem) {
        assertThatThrownBy(() -> BalanceTokens.normalise(Chain.EVM, token))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(token + ": ").hasMessageContaining(problem);
    }

    @Test
    void aBase58CheckTextThatIsNotAnAccountIdIsRefusedAsIssuer() {
        byte[] otherType = new byte[21];
        otherType[0] = 0x1C;
        byte[] tooLong = new byte[22];
        for (String issuer : new String[] {Base58Check.XRP.encode(otherType), Base58Check.XRP.encode(tooLong)}) {
            assertThatThrownBy(() -> BalanceTokens.normalise(Chain.XRP, "USD." + issuer))
                    .hasMessageContaining("not an XRP Ledger classic address (not a 20-byte account ID with its type byte)");
        }
    }
}
