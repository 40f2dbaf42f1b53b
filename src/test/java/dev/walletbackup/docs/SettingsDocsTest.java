package dev.walletbackup.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.config.WalletConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every setting is one {@link WalletConfig} knows, and every one it knows is written down: the routes' placeholders,
 * the shipped configuration file and the documentation (README.md, docs) name the same keys, and the environment
 * variables the documentation names are ones the code reads. Read as text, the way an operator reads them.
 */
class SettingsDocsTest {
    static final Path HOME = Path.of(System.getProperty("wallet.home", "."));
    static final Path CONFIG = HOME.resolve("config").resolve("application.properties");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}:]+)(:[^}]*)?}}");
    /** A key written in backticks, alone or followed by a value (`wallet.x = 1`). */
    static final Pattern DOCUMENTED_KEY = Pattern.compile("`(wallet\\.[a-z0-9][a-z0-9.-]*[a-z0-9])(?=[`\\s=])");
    static final Pattern VARIABLE = Pattern.compile("\\b(WALLET_[A-Z0-9_]+|EVM_[A-Z_]+|XRPL_[A-Z_]+|S3_[A-Z_]+"
            + "|AWS_[A-Z_]+|JAVA_OPTS|PG_BINDIR)\\b");
    /** Names the documentation writes like settings or variables that are neither. */
    static final Set<String> NOT_SETTINGS = Set.of(
            "wallet.mv.db", "wallet.lock.db",   // the embedded store's files
            "wallet.balance.mismatch",          // the Micrometer counter
            "wallet.retention.removals",        // the Micrometer counter of retention
            "WALLET_BALANCE_MISMATCH",          // the telemetry event's type
            "wallet.drills", "wallet.drill.last.success.time",  // the restore drills' metrics
            "WALLET_BACKUP_DRILL_FAILED");      // their telemetry event's type

    @Test
    void everyPlaceholderInRoutesConfigurationAndCodeIsKnownToWalletConfig() {
        Map<String, String> placeholders = placeholders();
        assertThat(placeholders).as("placeholders found").containsKeys(WalletConfig.FULL_QUARTZ_CRON,
                WalletConfig.S3_PART_SIZE, WalletConfig.SCHEDULE_QUARTZ_MISFIRE, WalletConfig.DATA_DIR);
        placeholders.forEach((key, where) -> assertThat(known()).as("{{%s}} in %s", key, where).contains(key));
    }

    @Test
    void everyPlaceholderInTheRoutesHasAValueWithTheShippedConfiguration() throws IOException {
        Properties camel = WalletConfig.load(CONFIG, Map.of(), Map.of()).toCamelProperties();
        for (Path route : routes()) {
            Matcher placeholder = PLACEHOLDER.matcher(Files.readString(route));
            while (placeholder.find()) {
                boolean inlineDefault = placeholder.group(2) != null;
                assertThat(camel.containsKey(placeholder.group(1)) || inlineDefault)
                        .as("{{%s}} in %s has a value", placeholder.group(1), route.getFileName()).isTrue();
            }
        }
    }

    @Test
    void everyKeyTheConfigurationFileAndTheDocsNameIsKnownToWalletConfig() throws IOException {
        Properties shipped = new Properties();
        try (var reader = Files.newBufferedReader(CONFIG)) {
            shipped.load(reader);
        }
        assertThat(shipped.stringPropertyNames()).filteredOn(key -> key.startsWith("wallet."))
                .isNotEmpty().allSatisfy(key -> assertThat(WalletConfig.SETTINGS).as(CONFIG.toString()).contains(key));
        Map<String, String> documented = new TreeMap<>();
        for (Path doc : docs()) {
            Matcher key = DOCUMENTED_KEY.matcher(Files.readString(doc));
            while (key.find()) {
                documented.putIfAbsent(key.group(1), HOME.relativize(doc).toString());
            }
        }
        assertThat(documented).containsKeys(WalletConfig.DISCOVERY_GAP_LIMIT, WalletConfig.TELEMETRY_ENDPOINT);
        documented.keySet().removeAll(NOT_SETTINGS);
        documented.forEach((key, doc) -> assertThat(known()).as("`%s` in %s", key, doc).contains(key));
    }

    @Test
    void everySettingIsInTheConfigurationFileAndTheReadmeSettingsTable() throws IOException {
        String shipped = Files.readString(CONFIG);
        String table = configurationSection(Files.readString(HOME.resolve("README.md")));
        for (String key : WalletConfig.SETTINGS) {
            assertThat(shipped).as("%s in %s", key, CONFIG).contains(key);
            assertThat(table).as("%s in README.md's Configuration section", key).contains("`" + key + "`");
        }
    }

    @Test
    void everyPlaceholderThatIsNotASettingIsExplainedInTheArchitecture() throws IOException {
        String architecture = Files.readString(HOME.resolve("docs").resolve("architecture.md"));
        for (String key : WalletConfig.DERIVED) {
            assertThat(architecture).as("%s in docs/architecture.md", key).contains("`" + key + "`");
        }
    }

    @Test
    void everyEnvironmentVariableTheDocsNameIsOneTheCodeReads() throws IOException {
        Set<String> named = new TreeSet<>();
        for (Path doc : Stream.concat(docs().stream(), Stream.of(CONFIG)).toList()) {
            Matcher variable = VARIABLE.matcher(Files.readString(doc));
            while (variable.find()) {
                named.add(variable.group(1));
            }
        }
        named.removeAll(NOT_SETTINGS);
        assertThat(named).contains("WALLET_BACKUP_PASSWORD", "S3_SSE_KMS_KEY_ID", "WALLET_LOG_LEVEL");
        String code = readers();
        Set<String> settingVariables = new HashSet<>(WalletConfig.ENVIRONMENT_OVERRIDES.keySet());
        WalletConfig.SETTINGS.forEach(key -> settingVariables.add(WalletConfig.environmentVariable(key)));
        for (String variable : named) {
            assertThat(settingVariables.contains(variable) || code.contains("\"" + variable + "\"")
                    || code.contains("${" + variable)).as("%s is read by the code", variable).isTrue();
        }
        String table = configurationSection(Files.readString(HOME.resolve("README.md")));
        WalletConfig.ENVIRONMENT_OVERRIDES.forEach((variable, key) -> assertThat(table)
                .as("%s (%s) in README.md's Configuration section", variable, key).contains("`" + variable + "`"));
    }

    /** Settings and the placeholders WalletConfig derives from them. */
    static Set<String> known() {
        Set<String> known = new HashSet<>(WalletConfig.SETTINGS);
        known.addAll(WalletConfig.DERIVED);
        return known;
    }

    /** Every {{key}} of the routes, the shipped configuration and the main code, with where it was first seen. */
    static Map<String, String> placeholders() {
        Map<String, String> found = new TreeMap<>();
        List<Path> files = Stream.of(routes(), List.of(CONFIG), files(HOME.resolve("src/main/java"), ".java"))
                .flatMap(List::stream).toList();
        for (Path file : files) {
            Matcher placeholder = PLACEHOLDER.matcher(read(file));
            while (placeholder.find()) {
                found.putIfAbsent(placeholder.group(1), HOME.relativize(file).toString());
            }
        }
        return found;
    }

    /** The README's "Configuration" section, up to the next section. */
    static String configurationSection(String readme) {
        int start = readme.indexOf("\n## Configuration");
        assertThat(start).as("README.md has a Configuration section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    /** What can read an environment variable: the main and test code, the logging configuration, the launchers. */
    static String readers() {
        StringBuilder code = new StringBuilder();
        Stream.of(files(HOME.resolve("src/main/java"), ".java"), files(HOME.resolve("src/test/java"), ".java"),
                        files(HOME.resolve("src/main/resources"), ".xml"), files(HOME.resolve("bin"), ""))
                .flatMap(List::stream).forEach(file -> code.append(read(file)).append('\n'));
        return code.toString();
    }

    static List<Path> routes() {
        return files(HOME.resolve("routes"), ".camel.yaml");
    }

    static List<Path> docs() {
        return Stream.concat(Stream.of(HOME.resolve("README.md")), files(HOME.resolve("docs"), ".md").stream()).toList();
    }

    static List<Path> files(Path directory, String suffix) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).filter(file -> file.getFileName().toString().endsWith(suffix))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
