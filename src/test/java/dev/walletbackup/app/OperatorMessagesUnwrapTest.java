package dev.walletbackup.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.routes.ShutdownInterruption;
import java.util.concurrent.RejectedExecutionException;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * A failure in a branch of the backup's multicast to its destinations comes wrapped by Camel; the operator reads the
 * failure itself, not Camel's "Multicast processing failed for number 16. Exchange[…]" around it (seen when a SIGTERM
 * stopped a backup while it was publishing); Camel's refusal of the next step once its shutdown timeout passed is told
 * as the interruption it is.
 */
class OperatorMessagesUnwrapTest {
    @Test
    void aFailureInsideAMulticastBranchIsShownAsItselfNotAsCamelsWrapper() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            ShutdownInterruption interruption = new ShutdownInterruption("backup full interrupted by shutdown: "
                    + "nothing half-written is published");
            CamelExchangeException wrapped = new CamelExchangeException("Multicast processing failed for number 16",
                    new DefaultExchange(context), interruption);

            assertThat(OperatorMessages.of(wrapped)).isEqualTo("backup full interrupted by shutdown: "
                    + "nothing half-written is published");
        }
    }

    @Test
    void camelsRefusalOfTheNextStepOnceTheShutdownTimeoutPassedSaysSo() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            String refusal = "Run not allowed as ShutdownStrategy is forcing shutting down, will reject executing "
                    + "exchange: " + new DefaultExchange(context);

            assertThat(OperatorMessages.of(new RejectedExecutionException(refusal))).startsWith(
                    "interrupted by shutdown: camel.main.shutdown-timeout passed before the work finished")
                    .doesNotContain("Exchange[");
            assertThat(OperatorMessages.of(new RejectedExecutionException("pool full"))).isEqualTo("pool full");
        }
    }
}
