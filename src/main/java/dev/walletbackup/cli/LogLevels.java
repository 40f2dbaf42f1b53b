package dev.walletbackup.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Quiet by default: a one-shot command's result is its output, so Camel's start and stop lines and the
 * application's INFO lines would only bury it. {@link #quiet()} lets the two top loggers, {@code org.apache.camel}
 * and {@code dev.walletbackup} (every logger below them inherits their level), through from WARN up; the service
 * ({@code run}) and {@code --verbose} keep the levels of the logging configuration (logback.xml).
 * {@code WALLET_LOG_LEVEL}, when set, is the operator's own choice for {@code dev.walletbackup} and stays as it is.
 * {@link #restore()} puts back the levels found, so that a command run inside another program (the tests) leaves
 * its logging as it was.
 */
final class LogLevels {
    private static final String LEVEL_VARIABLE = "WALLET_LOG_LEVEL";
    private static final String CAMEL = "org.apache.camel";
    private static final String APPLICATION = "dev.walletbackup";

    private final Map<String, String> environment;
    private final Map<Logger, Level> found = new LinkedHashMap<>();

    LogLevels(Map<String, String> environment) {
        this.environment = environment;
    }

    void quiet() {
        warnOnly(CAMEL);
        if (environment.get(LEVEL_VARIABLE) == null) {
            warnOnly(APPLICATION);
        }
    }

    void restore() {
        found.forEach(Logger::setLevel);
        found.clear();
    }

    /** Raises the logger to WARN; one that the configuration made quieter still stays so. */
    private void warnOnly(String name) {
        Logger logger = (Logger) LoggerFactory.getLogger(name);
        if (!logger.getEffectiveLevel().isGreaterOrEqual(Level.WARN)) {
            found.putIfAbsent(logger, logger.getLevel());
            logger.setLevel(Level.WARN);
        }
    }
}
