package dev.walletbackup.config;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * S3 Object Lock for the off-site copies (S3_OBJECT_LOCK_MODE, S3_OBJECT_LOCK_DAYS): every object the application
 * writes is retained in {@code mode} for {@code days} from its upload, so that a compromised host cannot delete or
 * overwrite it before then. The bucket must have Object Lock enabled (which needs versioning). Off when the mode is
 * empty.
 */
public record ObjectLockSettings(String mode, int days) {
    private static final ObjectLockSettings OFF = new ObjectLockSettings("", 0);

    static ObjectLockSettings from(Map<String, String> values) {
        String mode = values.getOrDefault(WalletConfig.S3_OBJECT_LOCK_MODE, "").strip();
        String daysText = values.getOrDefault(WalletConfig.S3_OBJECT_LOCK_DAYS, "").strip();
        if (!Set.of("", "GOVERNANCE", "COMPLIANCE").contains(mode)) {
            throw new InvalidConfigException(WalletConfig.S3_OBJECT_LOCK_MODE, "must be GOVERNANCE or COMPLIANCE");
        }
        if (mode.isEmpty()) {
            if (!daysText.isEmpty()) {
                throw new InvalidConfigException(WalletConfig.S3_OBJECT_LOCK_DAYS,
                        "is set but " + WalletConfig.S3_OBJECT_LOCK_MODE + " is not");
            }
            return OFF;
        }
        int days;
        try {
            days = Integer.parseInt(daysText);
        } catch (NumberFormatException e) {
            days = 0;
        }
        if (days < 1 || days > 36500) {
            throw new InvalidConfigException(WalletConfig.S3_OBJECT_LOCK_DAYS,
                    "must be a whole number of days from 1 to 36500 when " + WalletConfig.S3_OBJECT_LOCK_MODE + " is set");
        }
        return new ObjectLockSettings(mode, days);
    }

    public boolean enabled() {
        return !mode.isEmpty();
    }

    /** How long an object stays locked after its upload. */
    public Duration period() {
        return Duration.ofDays(days);
    }
}
