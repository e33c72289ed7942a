package org.vokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import org.vokit.testing.LocalVo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;

/**
 * {@code ./vokit reg} as a user runs it, against the local VO's RegTAP tables: every expected
 * row comes from the same tables asked directly.
 */
class RegCommandIT {

    private static final String REG = LocalVo.tap().toString();
    private static Path launcher;
    private static TapService direct;

    record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void setUp() {
        LocalVo.require();
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isExecutable(d.resolve("vokit")) && Files.isDirectory(d.resolve("cli"))) {
                launcher = d.resolve("vokit");
                break;
            }
        }
        assertThat(launcher).as("./vokit launcher").isNotNull();
        direct = TapService.of(LocalVo.tap());
    }

    static Run vokit(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(Arrays.asList(args));
        Path out = Files.createTempFile("vokit-out", ".txt");
        Path err = Files.createTempFile("vokit-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("IVOA_REGISTRY");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("vokit finished").isTrue();
        Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    static Run vokit(String... args) throws IOException, InterruptedException {
        return vokit(Map.of(), args);
    }

    private static Set<String> column(String adql) throws IOException {
        TapResult r = direct.runSync(adql);
        Set<String> out = new TreeSet<>();
        try (RowSequence rows = r.rows()) {
            while (rows.next()) {
                out.add(rows.getCell(0).toString());
            }
        }
        return out;
    }

    /** The first CSV column of each data line (identifiers contain no commas or quotes). */
    private static Set<String> firstColumn(String csv) {
        Set<String> out = new TreeSet<>();
        csv.lines().skip(1).forEach(l -> out.add(l.substring(0, l.indexOf(','))));
        return out;
    }

    @Test
    void everyResourceAsCsvOneRowEach() throws Exception {
        Run r = vokit("reg", "--registry", REG, "--all", "--format", "csv");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("ivoid,short_name,title,access_modes,access_urls");
        assertThat(firstColumn(r.out())).isEqualTo(column("SELECT ivoid FROM rr.resource"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ivo://vokit.test/vostars/q/cone,")
                .contains("conesearch,tap#aux,web").contains("tap#aux=" + REG));
    }

    @Test
    void serviceTypeAndAuxiliaryCapabilities() throws Exception {
        Run tap = vokit("reg", "--registry", REG, "--servicetype", "tap", "--format", "csv");
        assertThat(tap.status()).as(tap.err()).isZero();
        assertThat(firstColumn(tap.out()))
                .isEqualTo(column("SELECT ivoid FROM rr.capability WHERE standard_id = 'ivo://ivoa.net/std/tap'"));
        Run aux = vokit("reg", "--registry", REG, "--servicetype", "tap", "--include-aux", "--format", "csv");
        assertThat(firstColumn(aux.out())).isEqualTo(column("SELECT DISTINCT ivoid FROM rr.capability"
                + " WHERE standard_id IN ('ivo://ivoa.net/std/tap', 'ivo://ivoa.net/std/tap#aux')"));
    }

    @Test
    void showQueryPrintsTheAdqlOnStandardErrorAndStillSearches() throws Exception {
        Run r = vokit("reg", "--registry", REG, "--ucd", "pos.pm%", "--show-query", "--format", "csv");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).startsWith("SELECT ").contains("ivo_string_agg").contains("ucd LIKE 'pos.pm%'");
        assertThat(firstColumn(r.out()))
                .isEqualTo(column("SELECT DISTINCT ivoid FROM rr.table_column WHERE ucd LIKE 'pos.pm%'"))
                .contains("ivo://vokit.test/vostars/q/cone");
    }

    @Test
    void theRegistryComesFromIvoaRegistryWhenNotGiven(@TempDir Path dir) throws Exception {
        Path vot = dir.resolve("found.vot");
        Run r = vokit(Map.of("IVOA_REGISTRY", REG), "reg", "--datamodel", "epntap", "--keywords", "planetary",
                "--out", vot.toString());
        assertThat(r.status()).as(r.err()).isZero();
        StarTable t = new StarTableFactory(true).makeStarTable(vot.toString(), "votable");
        assertThat(t.getColumnCount()).isEqualTo(5);
        assertThat(t.getColumnInfo(0).getUCD()).isEqualTo("meta.ref.ivoid");
        assertThat(t.getRowCount()).isPositive();
        Set<String> planetary = column("SELECT ivoid FROM rr.resource WHERE 1 = ivo_hasword(res_description, 'planetary')");
        for (long i = 0; i < t.getRowCount(); i++) {
            assertThat(planetary).contains(t.getCell(i, 0).toString());
        }
    }

    @Test
    void describeWritesReadableText() throws Exception {
        Run r = vokit("reg", "--registry", REG, "--ivoid", "IVO://VOKIT.TEST/VOSTARS/Q/CONE", "--describe");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("IVOA identifier: ivo://vokit.test/vostars/q/cone")
                .contains("Access modes: conesearch, tap#aux, web").contains("Contact: ");
    }

    @Test
    void badInputIsAUsageError() throws Exception {
        Run none = vokit("reg", "--registry", REG);
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).startsWith("vokit reg: ").contains("--all");
        Run type = vokit("reg", "--registry", REG, "--servicetype", "teleport");
        assertThat(type.status()).isEqualTo(2);
        assertThat(type.err().lines().toList()).hasSize(1);
        assertThat(type.err()).contains("teleport").contains("sia2");
        Run url = vokit("reg", "--registry", "file:///etc/passwd", "--all");
        assertThat(url.status()).isEqualTo(2);
        assertThat(url.err()).contains("not an http(s) URL");
    }

    @Test
    void helpIsCleanAndNamesTheDefaultRegistry() throws Exception {
        Run r = vokit("reg", "--help");
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("--servicetype").contains("IVOA_REGISTRY").contains("http://reg.g-vo.org/tap")
                .contains("pos.pm%");
    }

    @Test
    void anUnreachableRegistryFailsNamingIt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/tap";
        Run r = vokit("reg", "--registry", url, "--keywords", "stars");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("vokit reg: " + url).doesNotContain("\tat ");
    }
}
