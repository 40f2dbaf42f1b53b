package dev.walletbackup.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.testing.CliRunner;
import dev.walletbackup.testing.RunningService;
import dev.walletbackup.testing.TestStores;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every command of docs/operators/monitoring.md in order against a running service: {@code bin/wallet-backup
 * run} in its own JVM, its other {@code bin/wallet-backup} commands through the command line beside it, and each
 * {@code curl} as the HTTP request it describes (method, headers, body, URL; the guide's port replaced by the
 * service's). Every command must succeed, and each answer must say what the guide says it does.
 */
class MonitoringGuideTest {
    static final Path GUIDE = Path.of(System.getProperty("wallet.home", "."), "docs", "operators", "monitoring.md");

    @TempDir
    Path temp;

    @Test
    void everyCommandInTheMonitoringGuideWorksAsWritten() throws Exception {
        List<String> commands = documentedCommands();
        assertThat(commands.get(0)).isEqualTo("bin/wallet-backup run");
        assertThat(commands).filteredOn(command -> command.startsWith("curl ")).hasSizeGreaterThanOrEqualTo(9);
        try (RunningService service = RunningService.start(TestStores.Kind.H2, temp.resolve("data"), 2, Map.of(),
                Map.of())) {
            assertThat(service.process().awaitStderrLine(line -> line.contains("(full) done in"), Duration.ofSeconds(60)))
                    .as("the start-up backup").isTrue();
            for (String command : commands.subList(1, commands.size())) {
                if (command.startsWith("bin/wallet-backup ")) {
                    List<String> args = List.of(command.substring("bin/wallet-backup ".length()).split("\\s+"));
                    CliRunner.Result result = service.cli().run(args.toArray(String[]::new));
                    assertThat(result.exitCode()).as(command + "\n" + result.stderr()).isZero();
                } else {
                    HttpResponse<String> response = service.send(curl(command, service.httpPort()));
                    assertThat(response.statusCode()).as(command + "\n" + response.body()).isEqualTo(200);
                    assertAnswer(command, response.body());
                }
            }
        }
    }

    /** What each kind of request must answer, beyond HTTP 200. */
    static void assertAnswer(String command, String body) {
        if (command.contains("/observe/health")) {
            assertThat(body).startsWith("{\"status\":\"UP\"");
        } else if (command.contains("/observe/metrics")) {
            assertThat(body).contains("wallet_backup_last_success_seconds{type=\"full\"}", "wallet_backup_copies_pending");
        } else {
            assertThat(body).as(command).contains("\"status\":200");
            if (command.endsWith("/State'")) {
                assertThat(body).contains("\"value\":\"Suspended\"");
            } else if (command.contains("backupFull()")) {
                assertThat(body).contains("(full) made:");
            } else if (command.contains("verifyLatest")) {
                assertThat(body).contains("\"value\":\"ok: ");
            }
        }
    }

    static List<String> documentedCommands() throws IOException {
        return GuideCommand.linesOf(GUIDE);
    }

    /** The request a curl command line makes: -X, -H and -d, then the URL, words quoted the shell's way. */
    static HttpRequest curl(String command, int port) {
        List<String> words = shellWords(command);
        assertThat(words.get(0)).isEqualTo("curl");
        String method = "GET";
        String body = null;
        HttpRequest.Builder request = HttpRequest.newBuilder();
        String url = null;
        for (int i = 1; i < words.size(); i++) {
            switch (words.get(i)) {
                case "-s" -> { }
                case "-X" -> method = words.get(++i);
                case "-H" -> {
                    String[] header = words.get(++i).split(":\\s*", 2);
                    request.header(header[0], header[1]);
                }
                case "-d" -> body = words.get(++i);
                default -> url = words.get(i);
            }
        }
        assertThat(url).as(command).startsWith("http://127.0.0.1:9876/");
        request.uri(URI.create(url.replace(":9876/", ":" + port + "/")));
        return request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Splits a command line into words: single quotes keep what they enclose as it is. */
    static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (char c : line.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                inWord = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
