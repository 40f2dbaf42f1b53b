package dev.walletbackup.routes;

import dev.walletbackup.testing.TestStores.Kind;

class BackupDestinationEndpointsOnH2Test extends BackupDestinationEndpoints {
    @Override
    protected Kind kind() {
        return Kind.H2;
    }
}
