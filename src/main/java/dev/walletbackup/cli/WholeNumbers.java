package dev.walletbackup.cli;

import java.math.BigInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Numbers on the command line are ASCII digits, nothing else. Java's own parsers also take a sign and any
 * Unicode decimal digits ("+5", "١٢٣"), so an amount could be stored as something the operator did not type.
 * Every number this command line takes is a count, an amount, an index or a height: none is negative.
 */
final class WholeNumbers {
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private WholeNumbers() {
    }

    static void registerOn(CommandLine commandLine) {
        commandLine.registerConverter(Integer.class, converter(Integer::valueOf));
        commandLine.registerConverter(int.class, converter(Integer::valueOf));
        commandLine.registerConverter(Long.class, converter(Long::valueOf));
        commandLine.registerConverter(long.class, converter(Long::valueOf));
        commandLine.registerConverter(BigInteger.class, converter(BigInteger::new));
    }

    private static <T> ITypeConverter<T> converter(Function<String, T> parse) {
        return text -> {
            if (!DIGITS.matcher(text).matches()) {
                throw new TypeConversionException("'" + text + "' is not a whole number: use the digits 0-9 only, "
                        + "without a sign");
            }
            try {
                return parse.apply(text);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + text + "' is too large");
            }
        };
    }
}
