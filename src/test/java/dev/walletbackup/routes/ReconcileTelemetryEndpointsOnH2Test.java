package dev.walletbackup.routes;

import dev.walletbackup.testing.TestStores.Kind;

class ReconcileTelemetryEndpointsOnH2Test extends ReconcileTelemetryEndpoints {
    @Override
    protected Kind kind() {
        return Kind.H2;
    }
}
