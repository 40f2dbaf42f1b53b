package dev.walletbackup.config;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * A backup schedule. Accepts the original connector's 5-field cron ({@code 0 0 * * 0}: minute hour day-of-month
 * month day-of-week, Sunday = 0 or 7) and Quartz's 6/7-field cron (seconds first, {@code ?} for "no specific
 * value"), and gives the Quartz form that camel-quartz takes. Times are UTC.
 */
public final class CronSchedule {
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};
    private final String quartz;
    private final CronExpression expression;

    private CronSchedule(String quartz) throws ParseException {
        this.quartz = quartz;
        this.expression = new CronExpression(quartz);
        this.expression.setTimeZone(TimeZone.getTimeZone("UTC"));
    }

    /** @throws IllegalArgumentException naming what is wrong with {@code text} */
    public static CronSchedule parse(String text) {
        String[] fields = text.trim().split("\\s+");
        String quartz = switch (fields.length) {
            case 5 -> fromUnix(fields);
            case 6, 7 -> String.join(" ", fields);
            default -> throw new IllegalArgumentException("'" + text + "' is neither a 5-field cron nor a Quartz cron");
        };
        try {
            return new CronSchedule(quartz);
        } catch (ParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid schedule: " + e.getMessage());
        }
    }

    public String quartzExpression() {
        return quartz;
    }

    /** The first fire time strictly after {@code instant}. */
    public Instant nextAfter(Instant instant) {
        Date next = expression.getTimeAfter(Date.from(instant));
        return next == null ? Instant.MAX : next.toInstant();
    }

    private static String fromUnix(String[] f) {
        String dayOfMonth = f[2];
        String dayOfWeek = dayNames(f[4]);
        if ("*".equals(dayOfWeek)) {
            dayOfWeek = "?";
        } else if ("*".equals(dayOfMonth)) {
            dayOfMonth = "?";
        } else {
            throw new IllegalArgumentException("a schedule cannot restrict both day of month and day of week");
        }
        return String.join(" ", "0", f[0], f[1], dayOfMonth, f[3], dayOfWeek);
    }

    private static String dayNames(String field) {
        StringBuilder out = new StringBuilder();
        StringBuilder number = new StringBuilder();
        for (char c : (field + " ").toCharArray()) {
            if (Character.isDigit(c)) {
                number.append(c);
                continue;
            }
            if (number.length() > 0) {
                int day = Integer.parseInt(number.toString());
                if (day > 7) {
                    throw new IllegalArgumentException("day of week " + day + " is out of range 0-7");
                }
                boolean isStep = out.length() > 0 && out.charAt(out.length() - 1) == '/';
                out.append(isStep ? number : DAYS[day]);
                number.setLength(0);
            }
            if (c != ' ') {
                out.append(c);
            }
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return quartz;
    }
}
