package dev.walletbackup.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packages of dev.walletbackup depend on each other one way only (docs/architecture.md, "Packages"). */
class PackageCyclesTest {
    static final Path MAIN_SOURCES = Path.of(System.getProperty("wallet.home", "."), "src", "main", "java");

    @Test
    void mainSourcesHaveNoPackageCycle() {
        PackageGraph graph = PackageGraph.of(MAIN_SOURCES, "dev.walletbackup");

        assertThat(graph.toString()).as("the graph was read from " + MAIN_SOURCES)
                .contains("dev.walletbackup.cli -> ").contains("dev.walletbackup.backup -> ");
        assertThat(graph.cycles()).as("package cycles (package -> package [files])").isEmpty();
    }

    @Test
    void aCycleIsReportedWithItsPackagesAndTheFilesBehindEachEdge() {
        Map<String, String> sources = Map.of(
                "dev/walletbackup/config/Settings.java", """
                        package dev.walletbackup.config;

                        import dev.walletbackup.schedule.Cron;

                        public record Settings(Cron cron) {}
                        """,
                "dev/walletbackup/schedule/Cron.java", """
                        package dev.walletbackup.schedule;

                        public record Cron(String expression) {
                            static Cron of(dev.walletbackup.config.Settings settings) { return settings.cron(); }
                        }
                        """,
                "dev/walletbackup/schedule/Missed.java", """
                        package dev.walletbackup.schedule;

                        import static dev.walletbackup.store.Rows.read;
                        """,
                "dev/walletbackup/store/Rows.java", """
                        package dev.walletbackup.store;

                        import dev.walletbackup.config.*;
                        """,
                "dev/walletbackup/json/Json.java", """
                        package dev.walletbackup.json;

                        import dev.walletbackup.config.Settings;
                        """);

        List<String> cycles = PackageGraph.of(sources, "dev.walletbackup").cycles();

        assertThat(cycles).containsExactly("""
                package cycle among [dev.walletbackup.config, dev.walletbackup.schedule, dev.walletbackup.store]
                  dev.walletbackup.config -> dev.walletbackup.schedule [Settings.java]
                  dev.walletbackup.schedule -> dev.walletbackup.config [Cron.java]
                  dev.walletbackup.schedule -> dev.walletbackup.store [Missed.java]
                  dev.walletbackup.store -> dev.walletbackup.config [Rows.java]""");
    }
}
