package org.vokit.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * vokit core's packages depend on each other without cycles, as read by the JDK's
 * {@code jdeps} from the compiled classes: a cycle would tie exported packages together
 * (they could no longer be versioned or split apart), and STYLE asks dependencies to flow one way.
 */
class PackageCyclesTest {

    private static final Path CORE_CLASSES = Path.of("../core/target/classes");
    private static final Pattern EDGE = Pattern.compile("^\\s+(org\\.vokit[\\w.]*)\\s+->\\s+(org\\.vokit[\\w.]*)\\s");

    @Test
    void corePackagesFormNoCycle() {
        assertThat(CORE_CLASSES.resolve("org/vokit")).as("core's classes (built first)").isDirectory();
        Map<String, Set<String>> graph = packageGraph();
        assertThat(graph).as("packages found by jdeps").containsKeys("org.vokit.tap", "org.vokit.http");
        assertThat(cycles(graph)).as("package cycles in core").isEmpty();
    }

    @Test
    void theCheckFindsACycle() {
        Map<String, Set<String>> g = new TreeMap<>();
        g.put("a", Set.of("b"));
        g.put("b", Set.of("c"));
        g.put("c", Set.of("a"));
        g.put("d", Set.of("a"));
        assertThat(cycles(g)).containsExactly(new TreeSet<>(List.of("a", "b", "c")));
    }

    private static Map<String, Set<String>> packageGraph() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-filter:none",
                "--ignore-missing-deps", CORE_CLASSES.toString());
        assertThat(rc).as("jdeps: " + err).isZero();
        Map<String, Set<String>> g = new TreeMap<>();
        for (String line : out.toString().split("\\R")) {
            Matcher m = EDGE.matcher(line);
            if (m.find() && !m.group(1).equals(m.group(2))) {
                g.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
                g.computeIfAbsent(m.group(2), k -> new TreeSet<>());
            }
        }
        return g;
    }

    /** Strongly connected components of more than one package (Tarjan). */
    static List<Set<String>> cycles(Map<String, Set<String>> g) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<Set<String>> found = new ArrayList<>();
        int[] next = {0};
        for (String v : g.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, g, index, low, stack, onStack, found, next);
            }
        }
        return found;
    }

    private static void connect(String v, Map<String, Set<String>> g, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                List<Set<String>> found, int[] next) {
        index.put(v, next[0]);
        low.put(v, next[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, g, index, low, stack, onStack, found, next);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }

}
