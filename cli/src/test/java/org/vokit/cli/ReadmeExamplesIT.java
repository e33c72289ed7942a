package org.vokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.vokit.tap.TapService;
import org.vokit.testing.LocalVo;
import org.vokit.testing.TestHub;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.Tables;
import uk.ac.starlink.votable.VOTableWriter;

/**
 * Runs every {@code ./vokit ...} command line of README.md's {@code sh} blocks, parsed from the
 * README so that the examples cannot drift from what works, with the launcher, in a temporary
 * directory holding the input files the examples name (made here from a direct TAP query),
 * against the local VO. SAMP examples use a private hub (SAMP_HUB) with a client named topcat;
 * {@code vokit investigate}, which runs until stopped, must come as far as registering and is
 * then stopped. Nothing is excluded.
 */
class ReadmeExamplesIT {

    /** An example whose comment says {@code exit N} (e.g. {@code # exit 4: ...}) must end with status N. */
    private static final java.util.regex.Pattern EXIT_COMMENT = java.util.regex.Pattern.compile("\\s#.*\\bexit (\\d)\\b");
    private static final Map<List<String>, Integer> EXPECTED_STATUS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Path dir;
    private static Path launcher;
    private static TestHub hub;

    @BeforeAll
    static void setUp() throws IOException {
        LocalVo.require();
        java.util.logging.Logger.getLogger("org.astrogrid.samp").setLevel(java.util.logging.Level.WARNING);
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isExecutable(d.resolve("vokit")) && Files.isRegularFile(d.resolve("README.md"))) {
                launcher = d.resolve("vokit");
                break;
            }
        }
        assertThat(launcher).as("./vokit launcher").isNotNull();
        dir = Files.createTempDirectory("vokit-readme");
        hub = TestHub.start(Files.createDirectories(dir.resolve("hub")));
        hub.fake("topcat", "table.load.votable");
        // the input files the examples name, from the local VO itself
        StarTable stars = Tables.randomTable(TapService.of(LocalVo.tap().toString())
                .runSync("SELECT TOP 5 main_id, ra, dec FROM vostars.main ORDER BY main_id").table());
        try (var out = Files.newOutputStream(dir.resolve("stars.vot"))) {
            new VOTableWriter().writeStarTable(stars, out);
        }
        StringBuilder ids = new StringBuilder("main_id\n");
        StringBuilder targets = new StringBuilder("name,RA,DE\n");
        for (int i = 0; i < stars.getRowCount(); i++) {
            Object[] row = stars.getRow(i);
            ids.append(row[0]).append('\n');
            targets.append(row[0]).append(',').append(row[1]).append(',').append(row[2]).append('\n');
        }
        Files.writeString(dir.resolve("ids.csv"), ids);
        Files.writeString(dir.resolve("targets.csv"), targets);
        Files.writeString(dir.resolve("query.adql"), "SELECT TOP 20 main_id, ra, dec FROM vostars.main");
        // the crossmatch example's three catalogues: the same stars in three formats
        uk.ac.starlink.table.StarTableOutput sto = new uk.ac.starlink.table.StarTableOutput();
        sto.writeStarTable(stars, dir.resolve("a.fits").toString(), "fits");
        sto.writeStarTable(stars, dir.resolve("b.vot").toString(), "votable");
        sto.writeStarTable(stars, dir.resolve("c.csv").toString(), "csv");
    }

    @AfterAll
    static void tearDown() {
        if (hub != null) {
            hub.close();
        }
    }

    /** The README's example command lines, as argument lists after {@code ./vokit}. */
    static List<List<String>> examples() throws IOException {
        Path readme = launcher.resolveSibling("README.md");
        List<List<String>> found = new ArrayList<>();
        boolean inSh = false;
        StringBuilder logical = new StringBuilder();
        for (String line : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (t.startsWith("```")) {
                inSh = !inSh && t.equals("```sh");
                continue;
            }
            if (!inSh) {
                continue;
            }
            if (t.endsWith("\\")) {
                logical.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            logical.append(t);
            String cmd = logical.toString();
            logical.setLength(0);
            int at = cmd.indexOf("./vokit ");
            if (at >= 0 && (at == 0 || cmd.charAt(at - 1) == ' ')) {
                List<String> words = words(cmd.substring(at));
                List<String> args = words.subList(1, words.size());
                found.add(args);
                java.util.regex.Matcher m = EXIT_COMMENT.matcher(cmd.substring(at));
                if (m.find()) {
                    EXPECTED_STATUS.put(args, Integer.valueOf(m.group(1)));
                }
            }
        }
        return found;
    }

    /** Splits a shell command line into words: quotes, backslash escapes, a comment from #. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                    w.append(line.charAt(++i));
                } else {
                    w.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (w != null) {
                    words.add(w.toString());
                    w = null;
                }
            } else if (c == '#' && w == null) {
                break;
            } else {
                if (w == null) {
                    w = new StringBuilder();
                }
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < line.length()) {
                    w.append(line.charAt(++i));
                } else {
                    w.append(c);
                }
            }
        }
        if (w != null) {
            words.add(w.toString());
        }
        return words;
    }

    @Test
    void theReadmeHasExamplesOfEveryDocumentedCommand() throws IOException {
        assertThat(examples()).extracting(e -> e.get(0))
                .contains("tap", "reg", "scs", "sia", "ssa", "params", "datalink", "cutout", "samp", "investigate",
                        "epn", "obscore");
    }

    @Test
    void shellWordsAreSplitAsTheShellDoes() {
        assertThat(words("./vokit a 'b c' \"d \\\"e\\\"\" f\\ g '#x' # comment"))
                .containsExactly("./vokit", "a", "b c", "d \"e\"", "f g", "#x");
    }

    @TestFactory
    Stream<DynamicTest> everyExampleRunsAsWritten() throws IOException {
        return examples().stream().map(args -> DynamicTest.dynamicTest("vokit " + String.join(" ", args),
                () -> runExample(args)));
    }

    private static void runExample(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("SAMP_HUB", "std-lockurl:" + hub.lockUrl());
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectError(err.toFile());
        String name = "vokit " + String.join(" ", args);
        if (args.get(0).equals("investigate")) {
            // runs until stopped: it must register with the hub, then it is stopped
            Process p = pb.start();
            boolean registered = false;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    if (l.contains("registered as")) {
                        registered = true;
                        break;
                    }
                }
            } finally {
                p.destroy();
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("%s stopped", name).isTrue();
            }
            assertThat(registered).as("%s registered: %s", name, Files.readString(err)).isTrue();
            return;
        }
        Path out = Files.createTempFile(dir, "out", ".txt");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("%s finished", name).isTrue();
        String errText = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("%s: %s", name, errText).isEqualTo(EXPECTED_STATUS.getOrDefault(args, 0));
        int o = args.indexOf("--out");
        int d = args.indexOf("--download");
        if (o >= 0 && !args.get(o + 1).equals("-")) {
            assertThat(Files.size(dir.resolve(args.get(o + 1)))).as("%s wrote its --out", name).isPositive();
        } else {
            assertThat(Files.size(out)).as("%s wrote something", name).isPositive();
        }
        if (d >= 0) {
            try (var files = Files.list(dir.resolve(args.get(d + 1)))) {
                assertThat(files.count()).as("%s downloaded", name).isPositive();
            }
        }
    }
}
