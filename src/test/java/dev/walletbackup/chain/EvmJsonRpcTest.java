package dev.walletbackup.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walletbackup.chain.EvmJsonRpc.BalanceQuery;
import dev.walletbackup.derivation.AccountKeys;
import dev.walletbackup.derivation.HdKeys;
import dev.walletbackup.derivation.MasterSeed;
import dev.walletbackup.seed.Mnemonic;
import dev.walletbackup.testing.AnvilNode;
import dev.walletbackup.testing.EvmProviderStandIn;
import dev.walletbackup.testing.RunningApplication;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Native and ERC-20 balances read in JSON-RPC batches from a real Anvil node. */
public class EvmJsonRpcTest {
    static final int AGENTS = 250;

    @Test
    void readsEtherAndTokenBalancesOfManyAgentsInBatchesAtOnePinnedBlock() throws Exception {
        List<String> agents = agentAddresses();
        try (AnvilNode anvil = AnvilNode.start()) {
            for (int i = 0; i < 100; i++) {
                anvil.call("anvil_setBalance", agents.get(i), "0x" + wei(i).toString(16));
            }
            String token = deployToken(anvil, BigInteger.TEN.pow(18));
            for (int i = 0; i < 50; i++) {
                transfer(anvil, token, agents.get(i), BigInteger.valueOf(1_000_000L * (i + 1)));
            }
            EvmJsonRpc rpc = new EvmJsonRpc(anvil.endpoint(), 100, 4, Duration.ofSeconds(10), new RpcPolicy(3, 1000, Duration.ofMillis(10), Duration.ofSeconds(1)));
            long block = rpc.latestBlock();
            assertThat(block).isGreaterThanOrEqualTo(51);
            List<BalanceQuery> queries = new ArrayList<>();
            for (String agent : agents) {
                queries.add(new BalanceQuery(agent, EvmJsonRpc.NATIVE));
                queries.add(new BalanceQuery(agent, token));
            }
            Map<BalanceQuery, BigInteger> balances = rpc.balances(queries, block).requireAll();
            assertThat(balances).hasSize(2 * AGENTS);
            for (int i = 0; i < AGENTS; i++) {
                assertThat(balances.get(new BalanceQuery(agents.get(i), EvmJsonRpc.NATIVE)))
                        .isEqualTo(i < 100 ? wei(i) : BigInteger.ZERO);
                assertThat(balances.get(new BalanceQuery(agents.get(i), token)))
                        .isEqualTo(i < 50 ? BigInteger.valueOf(1_000_000L * (i + 1)) : BigInteger.ZERO);
            }
        }
    }

    @Test
    void everyKindOfPushBackIsWaitedOutAndABatchOverTheProvidersCapIsSplit() throws Exception {
        List<String> agents = agentAddresses().subList(0, 40);
        try (AnvilNode anvil = AnvilNode.start(); EvmProviderStandIn provider = new EvmProviderStandIn(anvil.endpoint(), 4, 2)) {
            for (int i = 0; i < agents.size(); i++) {
                anvil.call("anvil_setBalance", agents.get(i), "0x" + wei(i).toString(16));
            }
            provider.failBalanceOf(agents.get(7));
            // one request in flight: with two, one of them could draw every even request number, and so a push-back
            // on each of its attempts, however many the policy allows
            EvmJsonRpc rpc = new EvmJsonRpc(provider.endpoint(), 8, 1, Duration.ofSeconds(10),
                    new RpcPolicy(6, 1000, Duration.ofMillis(2), Duration.ofSeconds(1)));
            List<BalanceQuery> queries = agents.stream().map(agent -> new BalanceQuery(agent, EvmJsonRpc.NATIVE)).toList();
            EvmJsonRpc.Balances balances = rpc.balances(queries, rpc.latestBlock());
            assertThat(provider.pushedBack()).as("429 with and without Retry-After, -32005, 503").isGreaterThanOrEqualTo(4);
            assertThat(provider.refusedBatches()).as("each batch of 8 over the cap of 4").isEqualTo(5);
            assertThat(balances.problems()).as("only the call that was answered with an error").containsOnlyKeys(queries.get(7));
            assertThat(balances.problem(queries.get(7))).contains("header not found");
            for (int i = 0; i < agents.size(); i++) {
                if (i != 7) {
                    assertThat(balances.amounts().get(queries.get(i))).isEqualTo(wei(i));
                }
            }
            EvmJsonRpc.Balances again = rpc.balances(queries.subList(8, 40), rpc.latestBlock());
            assertThat(provider.refusedBatches()).as("the next batches are cut to the cap learnt").isEqualTo(5);
            assertThat(again.amounts()).hasSize(32);
        }
    }

    @Test
    void anUnreachableNodeIsAClearError() {
        EvmJsonRpc rpc = new EvmJsonRpc(URI.create("http://127.0.0.1:1"), 100, 2, Duration.ofSeconds(2), new RpcPolicy(2, 100, Duration.ofMillis(10), Duration.ofSeconds(1)));
        assertThatThrownBy(rpc::latestBlock).isInstanceOf(ChainRpcException.class)
                .hasMessageContaining("127.0.0.1:1");
    }

    public static BigInteger wei(int i) {
        return BigInteger.TEN.pow(15).multiply(BigInteger.valueOf(i + 1));
    }

    public static List<String> agentAddresses() {
        try (MasterSeed seed = Mnemonic.parse(RunningApplication.HARDHAT).toSeed("")) {
            AccountKeys keys = HdKeys.agentAccountKeys(seed);
            List<String> addresses = new ArrayList<>();
            for (int i = 0; i < AGENTS; i++) {
                addresses.add(keys.addressesAt(i).evmAddress());
            }
            return addresses;
        }
    }

    /** Deploys the committed TestToken (source beside it) with {@code supply} for the dev account. */
    public static String deployToken(AnvilNode anvil, BigInteger supply) throws Exception {
        String bytecode;
        try (InputStream in = EvmJsonRpcTest.class.getResourceAsStream("/evm/TestToken.bin")) {
            bytecode = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
        String hash = anvil.call("eth_sendTransaction", Map.of("from", AnvilNode.DEV_ACCOUNT,
                "data", "0x" + bytecode + word(supply))).asText();
        anvil.mine();
        return anvil.call("eth_getTransactionReceipt", hash).get("contractAddress").asText();
    }

    public static void transfer(AnvilNode anvil, String token, String to, BigInteger amount) throws Exception {
        String data = "0xa9059cbb" + "0".repeat(24) + to.substring(2).toLowerCase(Locale.ROOT) + word(amount);
        String hash = anvil.call("eth_sendTransaction", Map.of("from", AnvilNode.DEV_ACCOUNT, "to", token, "data", data))
                .asText();
        anvil.mine();
        assertThat(anvil.call("eth_getTransactionReceipt", hash).get("status").asText()).isEqualTo("0x1");
    }

    static String word(BigInteger value) {
        String hex = value.toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }
}
