package dev.walletbackup.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.balance.Chain;
import dev.walletbackup.reconcile.ReconciliationReport;
import dev.walletbackup.testing.AnvilNode;
import dev.walletbackup.testing.ApplicationRoutesTestSupport;
import dev.walletbackup.testing.RunningApplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.util.Map;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation's telemetry endpoint, watched with Camel's test kit on the real routes and beans against a real
 * Anvil node: the Micrometer counter is mocked without skipping it ({@code micrometer:*}), so the mock records each
 * mismatch the route counts and the real counter still counts it. One subclass per store kind.
 */
abstract class ReconcileTelemetryEndpoints extends ApplicationRoutesTestSupport<AnvilNode> {
    @Override
    protected String mockedEndpoints() {
        return "micrometer:*";
    }

    @Override
    protected AnvilNode startServer() throws Exception {
        return AnvilNode.start();
    }

    @Override
    protected Map<String, String> environment(AnvilNode anvil) {
        return Map.of("EVM_RPC_URL", anvil.endpoint().toString());
    }

    @Test
    void eachMismatchReachesTheMismatchCounterTaggedWithItsChainAndMatchingBalancesDoNot() throws Exception {
        RunningApplication.importHardhatSeed(services(), 3);
        // the agents' accounts hold nothing on a fresh Anvil: a recorded ten wei is a mismatch, zero is not
        services().balances().record("agent-0", Chain.EVM, "ETH", BigInteger.TEN, 18, null);
        services().balances().record("agent-1", Chain.EVM, "ETH", BigInteger.TEN, 18, null);
        services().balances().record("agent-2", Chain.EVM, "ETH", BigInteger.ZERO, 18, null);
        MockEndpoint counted = getMockEndpoint("mock:micrometer:counter:wallet.balance.mismatch");
        counted.expectedMessageCount(2);
        counted.expectedPropertyReceived(ExchangeProperties.MISMATCH_CHAIN, Chain.EVM.wireName());

        ReconciliationReport report = template().requestBody("direct:reconcile", null, ReconciliationReport.class);

        counted.assertIsSatisfied();
        assertThat(counted.getReceivedExchanges()).extracting(exchange -> exchange.getMessage().getBody(String.class))
                .satisfiesExactlyInAnyOrder(
                        event -> assertThat(event).contains("\"agentId\":\"agent-0\"", "\"chain\":\"evm\""),
                        event -> assertThat(event).contains("\"agentId\":\"agent-1\"", "\"chain\":\"evm\""));
        assertThat(report.totals()).containsEntry("MISMATCH", 2L).containsEntry("MATCH", 1L);
        MeterRegistry meters = context.getRegistry().lookupByNameAndType("walletMeterRegistry", MeterRegistry.class);
        assertThat(meters.get("wallet.balance.mismatch").tag("chain", Chain.EVM.wireName()).counter().count())
                .as("mocked, not skipped: the real counter counted too").isEqualTo(2.0);
    }
}
