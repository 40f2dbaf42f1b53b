package dev.walletbackup.routes;

import dev.walletbackup.testing.TestStores.Kind;

class ReconcileTelemetryEndpointsOnPostgreSqlTest extends ReconcileTelemetryEndpoints {
    @Override
    protected Kind kind() {
        return Kind.POSTGRESQL;
    }
}
