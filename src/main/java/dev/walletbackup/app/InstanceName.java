package dev.walletbackup.app;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * How this process names itself to the other instances sharing the store: the node id, the host and the process id
 * ({@code wallet-backup@host-1 pid 4242}), which PostgreSQL shows as the application_name of its backup-lock session
 * and a waiting instance reports. At most 63 characters, all PostgreSQL keeps of an application_name.
 */
final class InstanceName {
    private static final int POSTGRES_NAME_LIMIT = 63;

    private InstanceName() {
    }

    static String of(String nodeId) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host"; // the process id still tells the instances of one machine apart
        }
        String name = nodeId + "@" + host + " pid " + ProcessHandle.current().pid();
        return name.length() <= POSTGRES_NAME_LIMIT ? name : name.substring(0, POSTGRES_NAME_LIMIT);
    }
}
