package dev.walletbackup.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * This process's resident memory as Linux counts it in {@code /proc/self/status}: {@code VmHWM}, the most it has
 * held since it started (what {@code time -v} calls maximum resident set size), and {@code VmRSS}, what it holds
 * now. Empty where there is no such file (not Linux).
 */
public final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {
    }

    /** The peak resident set size of this process so far, in bytes. */
    public static OptionalLong peakResidentBytes() {
        return field("VmHWM:");
    }

    /** The resident set size of this process now, in bytes. */
    public static OptionalLong residentBytes() {
        return field("VmRSS:");
    }

    private static OptionalLong field(String name) {
        if (!Files.isReadable(STATUS)) {
            return OptionalLong.empty();
        }
        try {
            return Files.readAllLines(STATUS).stream().filter(line -> line.startsWith(name))
                    .mapToLong(line -> kibibytes(line.substring(name.length()))).map(kib -> kib * 1024).findFirst();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** "   123456 kB" → 123456: the kernel writes these fields in KiB. */
    private static long kibibytes(String value) {
        return Long.parseLong(value.strip().split("\\s+")[0]);
    }
}
