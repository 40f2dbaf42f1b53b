package dev.walletbackup.backup.format;

import dev.walletbackup.crypto.HmacSha256;
import java.nio.charset.StandardCharsets;

/** Constants and small primitives of the backup file format shared by its writer and reader. */
final class BackupFileFormat {
    static final byte[] MAGIC = {(byte) 0x89, 'W', 'B', 'K', '\r', '\n', 0x1A, '\n'};
    static final int MAX_HEADER_BYTES = 65_536;
    static final int MAC_BYTES = 32;
    private static final byte[] HEADER_MAC_LABEL = "wallet-backup/v1/header-mac".getBytes(StandardCharsets.US_ASCII);

    private BackupFileFormat() {
    }

    static byte[] headerMac(byte[] dataKey, byte[] prefix) {
        return HmacSha256.mac(HmacSha256.mac(dataKey, HEADER_MAC_LABEL), prefix);
    }
}
