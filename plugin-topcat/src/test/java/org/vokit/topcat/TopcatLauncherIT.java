package org.vokit.topcat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.astrogrid.samp.client.HubConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vokit.testing.Ci;
import org.vokit.testing.HostApps;

/**
 * The README's command line, through Debian's own {@code topcat} launcher: TOPCAT starts with the
 * plugin jar and both settings, joins the hub, and logs no failure to load vokit's classes (a class
 * it cannot load shows as {@code WARNING: Class ... not found} in its output).
 */
class TopcatLauncherIT {

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void theReadmeCommandLineStartsTopcatWithThePlugin() throws Exception {
        HostApps.require();
        Path launcher = Path.of("/usr/bin/topcat");
        Path jar = Path.of(System.getProperty("vokit.topcat.plugin.jar", "target/vokit-topcat.jar")).toAbsolutePath();
        if (!Files.isExecutable(launcher) || !Files.isRegularFile(jar)) {
            Ci.missing(launcher + " (apt-get install topcat) and " + jar);
            return;
        }
        try (HostApps apps = HostApps.start(HostApps.runDir("TopcatLauncherIT"))) {
            Path log = Files.createTempFile(apps.home(), "topcat", ".log");
            // the README's line, plus the test's private home and hub
            List<String> cmd = new ArrayList<>(List.of(launcher.toString(), "-Duser.home=" + apps.home(),
                    "-classpath", jar.toString(),
                    "-Dtopcat.exttools=org.vokit.topcat.VokitTools",
                    "-Dtopcat.activators=org.vokit.topcat.VicinitySearch:org.vokit.topcat.SodaCutout", "-nohub"));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().put("DISPLAY", ":" + apps.display());
            pb.environment().put("HOME", apps.home().toString());
            Process p = pb.start();
            try {
                HubConnection probe = apps.register("launcher-probe");
                boolean joined = false;
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
                while (!joined && System.nanoTime() < end && p.isAlive()) {
                    for (String id : probe.getRegisteredClients()) {
                        Object name = probe.getMetadata(id).get("samp.name");
                        joined |= HostApps.TOPCAT.equals(name);
                    }
                    Thread.sleep(200);
                }
                probe.unregister();
                String out = Files.readString(log);
                assertThat(joined).as("TOPCAT joined the hub; its output:\n" + out).isTrue();
                // the toolbar tool is made at start; give the log a moment to show a failure
                Thread.sleep(1000);
                out = Files.readString(log);
                assertThat(out).as("TOPCAT's output").doesNotContain("Class org.vokit").doesNotContain("org.vokit");
            } finally {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            }
        }
    }
}
