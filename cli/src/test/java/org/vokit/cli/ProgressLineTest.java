package org.vokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.RowStore;
import uk.ac.starlink.table.StoragePolicy;

/** The progress line on a terminal (live, redrawn in place) and otherwise (one summary line). */
class ProgressLineTest {

    private final StringWriter text = new StringWriter();
    private final PrintWriter err = new PrintWriter(text, true);
    private final AtomicLong clock = new AtomicLong();

    @Test
    void onATerminalTheLineIsRedrawnInPlaceWithPhaseElapsedAndRows() {
        ProgressLine p = new ProgressLine(err, "vokit tap", true, clock::get);
        p.phase("job QUEUED");
        clock.set(2_500_000_000L);
        p.phase("job EXECUTING");
        p.rows(40);
        p.redraw();
        String s = text.toString();
        assertThat(s).startsWith("\rvokit tap: job QUEUED, 0.0 s");
        assertThat(s).contains("\rvokit tap: job EXECUTING, 2.5 s\r").endsWith("\rvokit tap: job EXECUTING, 2.5 s, 40 rows");
        assertThat(s).doesNotContain("\n");
        clock.set(3_000_000_000L);
        p.finish("async job done");
        assertThat(text.toString()).endsWith("\rvokit tap: async job done after 3.0 s, 40 rows"
                + " ".repeat(0) + System.lineSeparator());
    }

    @Test
    void otherwiseOnlyTheSummaryLineIsPrinted() {
        ProgressLine p = new ProgressLine(err, "vokit tap", false, clock::get);
        p.phase("job QUEUED");
        p.rows(3);
        p.redraw();
        assertThat(text.toString()).isEmpty();
        clock.set(1_000_000_000L);
        p.finish("async job done");
        assertThat(text.toString()).isEqualTo("vokit tap: async job done after 1.0 s, 3 rows" + System.lineSeparator());
        p.close();
        assertThat(text.toString().lines()).hasSize(1);
    }

    @Test
    void messagesGoAboveTheLiveLine() {
        ProgressLine p = new ProgressLine(err, "vokit sia", true, clock::get);
        p.phase("downloading 1 of 2");
        p.println("vokit sia: downloaded a.fits (10 bytes)");
        assertThat(text.toString()).contains("\r" + " ".repeat("vokit sia: downloading 1 of 2, 0.0 s".length()) + "\r"
                + "vokit sia: downloaded a.fits (10 bytes)" + System.lineSeparator() + "\rvokit sia: downloading 1 of 2");
        p.close();
        assertThat(text.toString()).endsWith("\r");
    }

    @Test
    void theCountingSinkReportsRows() throws Exception {
        ProgressLine p = new ProgressLine(err, "x", false, clock::get);
        RowStore store = StoragePolicy.PREFER_MEMORY.makeRowStore();
        var sink = p.counting(store);
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {new ColumnInfo("a", Integer.class, null)});
        sink.acceptMetadata(t);
        sink.acceptRow(new Object[] {1});
        sink.acceptRow(new Object[] {2});
        sink.endRows();
        assertThat(p.line()).endsWith(", 2 rows");
        assertThat(store.getStarTable().getRowCount()).isEqualTo(2);
    }
}
