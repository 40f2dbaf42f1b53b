package dev.walletbackup.routes;

import dev.walletbackup.testing.TestStores.Kind;

class BackupDestinationEndpointsOnPostgreSqlTest extends BackupDestinationEndpoints {
    @Override
    protected Kind kind() {
        return Kind.POSTGRESQL;
    }
}
