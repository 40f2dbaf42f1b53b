package dev.walletbackup.backup.format;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Full: the whole state. Incremental: what changed since the parent. */
public enum BackupType {
    FULL, INCREMENTAL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BackupType fromWireName(String name) {
        for (BackupType type : values()) {
            if (type.wireName().equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown backup type '" + name + "' (full or incremental)");
    }
}
