package dev.walletbackup.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The dependencies between the packages under a root package, read from Java sources: every import (static and
 * on-demand included) and every fully qualified name in the text. A class of the same package needs no import, so
 * what is left is exactly the cross-package references. Each edge keeps the files behind it.
 */
final class PackageGraph {
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    private final Map<String, Map<String, Set<String>>> edges = new TreeMap<>();

    private PackageGraph() {
    }

    /** The graph of every {@code .java} file under {@code sourceRoot}. */
    static PackageGraph of(Path sourceRoot, String rootPackage) {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(sourceRoot.relativize(file).toString(), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return of(sources, rootPackage);
    }

    /** The graph of {@code sources}, by file name. */
    static PackageGraph of(Map<String, String> sources, String rootPackage) {
        Map<String, String> packageOfFile = new HashMap<>();
        Set<String> packages = new TreeSet<>();
        sources.forEach((file, text) -> {
            Matcher declared = PACKAGE.matcher(text);
            if (declared.find() && isUnder(declared.group(1), rootPackage)) {
                packageOfFile.put(file, declared.group(1));
                packages.add(declared.group(1));
            }
        });
        Pattern reference = Pattern.compile("\\b" + Pattern.quote(rootPackage) + "(?:\\.\\w+)+");
        PackageGraph graph = new PackageGraph();
        packageOfFile.forEach((file, from) -> {
            Matcher names = reference.matcher(PACKAGE.matcher(sources.get(file)).replaceFirst(""));
            String fileName = Path.of(file).getFileName().toString();
            while (names.find()) {
                String to = longestPackagePrefix(names.group(), packages);
                if (to != null && !to.equals(from)) {
                    graph.edges.computeIfAbsent(from, p -> new TreeMap<>())
                            .computeIfAbsent(to, p -> new TreeSet<>()).add(fileName);
                }
            }
        });
        return graph;
    }

    private static boolean isUnder(String pkg, String rootPackage) {
        return pkg.equals(rootPackage) || pkg.startsWith(rootPackage + ".");
    }

    private static String longestPackagePrefix(String name, Set<String> packages) {
        for (String candidate = name; ; candidate = candidate.substring(0, candidate.lastIndexOf('.'))) {
            if (packages.contains(candidate)) {
                return candidate;
            }
            if (candidate.indexOf('.') < 0) {
                return null;
            }
        }
    }

    /**
     * Every cycle, one line per strongly connected component of more than one package followed by the edges inside
     * it and the files behind each; empty when the packages depend on each other one way only.
     */
    List<String> cycles() {
        List<String> described = new ArrayList<>();
        for (Set<String> component : stronglyConnected()) {
            StringBuilder text = new StringBuilder("package cycle among ").append(component);
            for (String from : component) {
                edges.getOrDefault(from, Map.of()).forEach((to, files) -> {
                    if (component.contains(to)) {
                        text.append("\n  ").append(from).append(" -> ").append(to).append(' ').append(files);
                    }
                });
            }
            described.add(text.toString());
        }
        return described;
    }

    /** Tarjan's algorithm; the graph is a few dozen packages, so recursion is deep enough. */
    private List<Set<String>> stronglyConnected() {
        Set<String> nodes = new TreeSet<>(edges.keySet());
        edges.values().forEach(targets -> nodes.addAll(targets.keySet()));
        Tarjan tarjan = new Tarjan();
        nodes.forEach(node -> {
            if (!tarjan.index.containsKey(node)) {
                tarjan.visit(node);
            }
        });
        return tarjan.components;
    }

    private final class Tarjan {
        final Map<String, Integer> index = new HashMap<>();
        final Map<String, Integer> lowLink = new HashMap<>();
        final Deque<String> stack = new ArrayDeque<>();
        final Set<String> onStack = new TreeSet<>();
        final List<Set<String>> components = new ArrayList<>();

        void visit(String node) {
            index.put(node, index.size());
            lowLink.put(node, index.get(node));
            stack.push(node);
            onStack.add(node);
            for (String next : edges.getOrDefault(node, Map.of()).keySet()) {
                if (!index.containsKey(next)) {
                    visit(next);
                    lowLink.put(node, Math.min(lowLink.get(node), lowLink.get(next)));
                } else if (onStack.contains(next)) {
                    lowLink.put(node, Math.min(lowLink.get(node), index.get(next)));
                }
            }
            if (lowLink.get(node).equals(index.get(node))) {
                Set<String> component = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.add(member);
                } while (!member.equals(node));
                if (component.size() > 1) {
                    components.add(component);
                }
            }
        }
    }

    @Override
    public String toString() {
        return edges.entrySet().stream()
                .map(e -> e.getKey() + " -> " + e.getValue().keySet())
                .collect(Collectors.joining("\n"));
    }
}
