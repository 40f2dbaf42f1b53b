package dev.walletbackup.config;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.quartz.CronTrigger;

/**
 * What a backup trigger does with a slot it could not fire on time while the service was running (Quartz calls
 * that a misfire: the machine was suspended, or the trigger was held up longer than Quartz's misfire threshold).
 * Slots missed while the service was down are not this policy's: {@code schedule.MissedBackupCheck} runs them once at start-up.
 */
public enum MisfirePolicy {
    /** Run the backup once as soon as the trigger notices, however many slots went by. */
    RUN_ONCE("run-once", CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW),
    /** Wait for the next slot. */
    SKIP("skip", CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);

    private final String settingValue;
    private final int quartzInstruction;

    MisfirePolicy(String settingValue, int quartzInstruction) {
        this.settingValue = settingValue;
        this.quartzInstruction = quartzInstruction;
    }

    /** @throws IllegalArgumentException naming the values there are */
    public static MisfirePolicy parse(String text) {
        return Arrays.stream(values()).filter(policy -> policy.settingValue.equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be " + Arrays.stream(values())
                        .map(policy -> policy.settingValue).collect(Collectors.joining(" or ")) + ", got '" + text + "'"));
    }

    /** The value of camel-quartz's {@code trigger.misfireInstruction} for a cron trigger. */
    public int quartzInstruction() {
        return quartzInstruction;
    }
}
