package org.vokit.aladin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.vokit.samp.MTypes;
import org.vokit.samp.SampClient;
import org.vokit.samp.SampConnection;
import org.vokit.samp.SampTarget;

/**
 * Sends a spectrum to the SAMP spectrum viewers connected to Aladin's hub (Aladin itself shows
 * no spectra), through a short-lived vokit SAMP client.
 */
final class Spectra {

    private Spectra() {
    }

    /**
     * Sends a spectrum file to every client subscribed to {@code spectrum.load.ssa-generic}.
     *
     * @param lockFile the hub's lockfile (Aladin's: {@code ~/.samp})
     * @param file the spectrum
     * @param name the name to show
     * @return the names of the clients that took it; empty if there is no hub or no viewer
     * @throws IOException if sending fails
     */
    static List<String> send(Path lockFile, Path file, String name) throws IOException {
        if (!Files.isRegularFile(lockFile)) {
            return List.of();
        }
        try (SampConnection c = SampConnection.builder().name("vokit-aladin").lockFile(lockFile)
                .callTimeout(Duration.ofSeconds(20)).connect()) {
            List<SampClient> viewers = c.recipients(SampTarget.subscribed(), MTypes.SPECTRUM_LOAD_SSA_GENERIC);
            if (viewers.isEmpty()) {
                return List.of();
            }
            c.sendSpectrum(file.toUri(), name, Map.of("Access.Format", "application/x-votable+xml"),
                    SampTarget.subscribed());
            return viewers.stream().map(SampClient::name).toList();
        }
    }
}
