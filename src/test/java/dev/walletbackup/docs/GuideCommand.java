package dev.walletbackup.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command of an operator's guide's code blocks ({@code bin/wallet-backup …}, or {@code curl …} to the management
 * server), with the number of its section.
 */
record GuideCommand(String section, String line) {

    /** The guide's commands in order. */
    static List<GuideCommand> of(Path guide) throws IOException {
        List<GuideCommand> commands = new ArrayList<>();
        String section = "0";
        boolean inCode = false;
        for (String raw : Files.readAllLines(guide)) {
            String line = raw.strip();
            if (line.startsWith("## ")) {
                section = line.substring(3, 4);
            } else if (line.startsWith("```")) {
                inCode = !inCode;
            } else if (inCode && (line.startsWith("bin/wallet-backup ") || line.startsWith("curl "))) {
                commands.add(new GuideCommand(section, line));
            }
        }
        return commands;
    }

    /** The guide's command lines in order. */
    static List<String> linesOf(Path guide) throws IOException {
        return of(guide).stream().map(GuideCommand::line).toList();
    }
}
