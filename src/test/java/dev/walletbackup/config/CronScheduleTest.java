package dev.walletbackup.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronScheduleTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0 0 * * 0        | 0 0 0 ? * SUN",
            "0 0 * * 7        | 0 0 0 ? * SUN",
            "0 0 * * *        | 0 0 0 * * ?",
            "30 2 * * 1-5     | 0 30 2 ? * MON-FRI",
            "*/15 * * * *     | 0 */15 * * * ?",
            "0 3 1 * *        | 0 0 3 1 * ?",
            "0 0 0 ? * SUN    | 0 0 0 ? * SUN",
            "0/1 * * * * ?    | 0/1 * * * * ?"})
    void fiveFieldCronBecomesQuartzAndQuartzPassesThrough(String given, String quartz) {
        assertThat(CronSchedule.parse(given.strip()).quartzExpression()).isEqualTo(quartz.strip());
    }

    @Test
    void weeklyScheduleFiresOnSundayMidnightUtc() {
        Instant wednesday = Instant.parse("2026-11-25T10:00:00Z");
        assertThat(CronSchedule.parse("0 0 * * 0").nextAfter(wednesday)).isEqualTo(Instant.parse("2026-11-29T00:00:00Z"));
        assertThat(CronSchedule.parse("0 0 * * *").nextAfter(wednesday)).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
    }

    @Test
    void nonsenseIsRefusedWithTheReason() {
        assertThatThrownBy(() -> CronSchedule.parse("every sunday")).hasMessageContaining("neither a 5-field cron");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 * * 9")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 1 * 1")).hasMessageContaining("both day of month and day of week");
    }
}
