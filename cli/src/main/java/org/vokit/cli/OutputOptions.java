package org.vokit.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The output options every table-producing command shares (a picocli mixin): {@code --out FILE}
 * and {@code --format FMT}. Use it with {@code @Mixin OutputOptions output;}.
 */
final class OutputOptions {

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the table to FILE (written in full, then moved into place; an earlier FILE is "
                    + "kept if the command fails). Default: standard output.")
    Path out;

    @Option(names = "--format", paramLabel = "FMT",
            description = "Output format: votable, csv, fits, ecsv, text, ipac, tst, ... (STIL's writers). Default: "
                    + "from the --out file name, else votable.")
    String format;

    /**
     * Opens the output the options name.
     *
     * @return the output; commit it when the table is complete
     * @throws IOException if the format is unknown or the file cannot be created
     */
    TableOut open() throws IOException {
        return TableOut.open(out, format);
    }
}
