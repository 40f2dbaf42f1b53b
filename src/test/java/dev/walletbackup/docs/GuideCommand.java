package dev.walletbackup.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command of an operator's guide's code blocks ({@code bin/wallet-backup …}, or {@code curl …} to the management
 * server), with the number of its section. A block opened with {@code ```bash not-run} shows commands no test can run
 * (they need root, systemd, a container engine): none of its lines is a command here.
 */
record GuideCommand(String section, String line) {
    static final String NOT_RUN = "not-run";

    /** The guide's commands in order. */
    static List<GuideCommand> of(Path guide) throws IOException {
        List<GuideCommand> commands = new ArrayList<>();
        String section = "0";
        for (String line : runnableLines(guide)) {
            if (line.startsWith("## ")) {
                section = line.substring(3, 4);
            } else if (line.startsWith("bin/wallet-backup ") || line.startsWith("curl ")) {
                commands.add(new GuideCommand(section, line));
            }
        }
        return commands;
    }

    /** The guide's command lines in order. */
    static List<String> linesOf(Path guide) throws IOException {
        return of(guide).stream().map(GuideCommand::line).toList();
    }

    /** The lines of the guide's {@code not-run} blocks, in order. */
    static List<String> notRunLinesOf(Path guide) throws IOException {
        return lines(guide, true);
    }

    /** The headings and the lines of every code block but the {@code not-run} ones, in order. */
    static List<String> runnableLines(Path guide) throws IOException {
        return lines(guide, false);
    }

    private static List<String> lines(Path guide, boolean notRun) throws IOException {
        List<String> lines = new ArrayList<>();
        String fence = null;
        for (String raw : Files.readAllLines(guide)) {
            String line = raw.strip();
            if (line.startsWith("```")) {
                fence = fence == null ? line : null;
            } else if (fence == null ? !notRun && line.startsWith("## ") : fence.endsWith(" " + NOT_RUN) == notRun) {
                lines.add(line);
            }
        }
        return lines;
    }
}
