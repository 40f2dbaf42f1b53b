package dev.walletbackup.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletbackup.testing.RunningApplication;
import dev.walletbackup.testing.TestStores.Kind;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.OptionalIdentifiedDefinition;
import org.apache.camel.model.OutputNode;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.TryDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract between routes/*.camel.yaml and the Java beans, asked of the real application's loaded model: every
 * step of every route (and of the error handling) has an id of its own, so that JMX, Hawtio and AdviceWith name it;
 * the exchange properties the routes use are the ones ExchangeProperties declares; and no simple expression calls
 * a Java method, which a rename would break only at run time.
 */
class RouteContractTest {
    private static final Path ROUTES = Path.of("routes");
    private static final Pattern CHAINED_CALL = Pattern.compile("\\$\\{[^}]*\\(");
    private static final Pattern PROPERTY_READ = Pattern.compile("exchangeProperty\\.(\\w+)");
    private static final Pattern PROPERTY_OR_HEADER_SET = Pattern.compile("(?:name|outputHeader): (wallet\\w+)");

    @TempDir
    Path dataDir;

    @Test
    void everyStepOfEveryRouteHasAnIdOfItsOwn() throws Exception {
        try (RunningApplication app = RunningApplication.start(Kind.H2, dataDir, Map.of(), Clock.systemUTC())) {
            Model model = app.context().getCamelContextExtension().getContextPlugin(Model.class);
            List<OptionalIdentifiedDefinition<?>> steps = new ArrayList<>();
            for (RouteDefinition route : model.getRouteDefinitions()) {
                // a route's copy of the route configuration's error handling is counted once, from the configuration
                route.getOutputs().stream().filter(step -> !(step instanceof OnExceptionDefinition))
                        .forEach(step -> collect(step, steps));
            }
            for (RouteConfigurationDefinition configuration : model.getRouteConfigurationDefinitions()) {
                configuration.getOnExceptions().forEach(step -> collect(step, steps));
            }

            assertThat(model.getRouteDefinitions()).extracting(RouteDefinition::getRouteId)
                    .contains("restore", "backup-pipeline", "backup-snapshot", "reconcile", "backup-catch-up");
            assertThat(steps).as("steps found, choices' branches and try's catch and finally included")
                    .extracting(OptionalIdentifiedDefinition::getId)
                    .contains("restore-each-backup-of-chain", "restore-apply-backup", "restore-when-dry-run",
                            "restore-otherwise-reconcile", "restore-reconciliation-failed", "backup-finally",
                            "wallet-errors-on-any-failure", "wallet-errors-log-failure");
            assertThat(steps.stream().filter(step -> !step.hasCustomIdAssigned()).map(RouteContractTest::describe))
                    .as("steps without an id").isEmpty();
            Map<String, Long> uses = steps.stream()
                    .collect(Collectors.groupingBy(OptionalIdentifiedDefinition::getId, Collectors.counting()));
            assertThat(uses.entrySet().stream().filter(use -> use.getValue() > 1).map(Map.Entry::getKey))
                    .as("ids used by more than one step").isEmpty();
            assertThat(uses.keySet()).allMatch(id -> id.matches("[a-z0-9]+(-[a-z0-9]+)*"), "kebab-case");
        }
    }

    @Test
    void theRoutesUseOnlyTheExchangePropertiesDeclaredInJavaAndCallNoJavaMethodInAnExpression() throws Exception {
        Set<String> declared = declaredNames();
        Set<String> used = new TreeSet<>();
        List<String> chainedCalls = new ArrayList<>();
        for (Path file : routeFiles()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                collectGroups(PROPERTY_READ.matcher(line), used);
                collectGroups(PROPERTY_OR_HEADER_SET.matcher(line), used);
                if (CHAINED_CALL.matcher(line).find()) {
                    chainedCalls.add(file.getFileName() + ":" + (i + 1) + ": " + line.strip());
                }
            }
        }

        assertThat(used).as("properties the routes name").contains("walletRestoreSession", "walletBackupSince",
                "walletBackupLineage");
        assertThat(used).as("names the routes use that ExchangeProperties does not declare")
                .allMatch(declared::contains);
        assertThat(chainedCalls).as("simple expressions calling Java methods").isEmpty();
    }

    /** The step and every step inside it: a choice's branches, a try's catch and finally, a split's steps. */
    private static void collect(OptionalIdentifiedDefinition<?> step, List<OptionalIdentifiedDefinition<?>> into) {
        into.add(step);
        if (step instanceof ChoiceDefinition choice) {
            choice.getWhenClauses().forEach(when -> collect(when, into));
            if (choice.getOtherwise() != null) {
                collect(choice.getOtherwise(), into);
            }
            return;
        }
        if (step instanceof TryDefinition attempt) {
            attempt.getOutputsWithoutCatches().forEach(child -> collect(child, into));
            attempt.getCatchClauses().forEach(caught -> collect(caught, into));
            if (attempt.getFinallyClause() != null) {
                collect(attempt.getFinallyClause(), into);
            }
            return;
        }
        if (step instanceof OutputNode node) {
            node.getOutputs().forEach(child -> collect(child, into));
        }
    }

    private static String describe(OptionalIdentifiedDefinition<?> step) {
        RouteDefinition route = ProcessorDefinitionHelper.getRoute(step);
        return (route == null ? "route configuration" : route.getRouteId()) + ": " + step.getShortName() + " "
                + step.getLabel();
    }

    private static Set<String> declaredNames() throws IllegalAccessException {
        Set<String> names = new TreeSet<>();
        for (Field field : ExchangeProperties.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                names.add((String) field.get(null));
            }
        }
        return names;
    }

    private static void collectGroups(Matcher matcher, Set<String> into) {
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    private static List<Path> routeFiles() throws IOException {
        try (Stream<Path> files = Files.list(ROUTES)) {
            List<Path> yaml = files.filter(file -> file.toString().endsWith(".camel.yaml")).sorted().toList();
            assertThat(yaml).isNotEmpty();
            return yaml;
        }
    }
}
