package org.vokit.osgi.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * {@code vokit-felix}: without arguments, an interactive Gogo shell over a framework holding
 * vokit's bundles; {@code vokit-felix -c 'COMMAND'} starts the framework, runs one Gogo command,
 * prints its output, stops the framework and exits with 0, or 1 when the command failed (2 for
 * bad launcher arguments).
 *
 * <p>The distribution's layout: {@code bundle/} (installed and started), {@code shell/} (added
 * for the interactive shell only), {@code lib/} (the framework and this launcher).
 */
public final class VokitFelix {

    private static final String COMMAND_PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    private static final Duration READY_WAIT = Duration.ofSeconds(30);
    /** Held so that the level set on it stays (loggers are only weakly kept). */
    private static final java.util.logging.Logger STIL_LOG = java.util.logging.Logger.getLogger("uk.ac.starlink");

    private VokitFelix() {
    }

    /**
     * Runs the launcher.
     *
     * @param args none, or {@code -c COMMAND}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /**
     * Runs the launcher without exiting.
     *
     * @param args none, or {@code -c COMMAND}
     * @param in standard input (for the shell)
     * @param out standard output
     * @param err standard error
     * @return the exit status
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(home(), args, in, out, err);
    }

    /**
     * Runs the launcher on a given distribution folder, without exiting.
     *
     * @param home the distribution's folder (holding {@code bundle/} and {@code shell/})
     * @param args none, or {@code -c COMMAND}
     * @param in standard input (for the shell)
     * @param out standard output
     * @param err standard error
     * @return the exit status
     */
    public static int run(Path home, String[] args, InputStream in, PrintStream out, PrintStream err) {
        String command = null;
        if (args.length == 2 && (args[0].equals("-c") || args[0].equals("--command"))) {
            command = args[1];
        } else if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
            out.println("usage: vokit-felix               interactive Gogo shell (try: help, vo:tap, lb)");
            out.println("       vokit-felix -c 'COMMAND'  run one Gogo command, e.g. -c 'vo:tap --service URL"
                    + " --query \"SELECT ...\"'");
            return 0;
        } else if (args.length != 0) {
            err.println("vokit-felix: unexpected arguments " + String.join(" ", args)
                    + "; usage: vokit-felix [-c 'COMMAND']");
            return 2;
        }
        // STIL reports routine decisions at INFO; a command-line user wants only real problems
        STIL_LOG.setLevel(java.util.logging.Level.WARNING);
        Path storage = null;
        Framework fw = null;
        try {
            storage = Files.createTempDirectory("vokit-felix-");
            fw = start(home, storage, command == null);
            if (command == null) {
                fw.waitForStop(0);
                return 0;
            }
            return runCommand(fw.getBundleContext(), command, in, out, err);
        } catch (IOException | BundleException | RuntimeException e) {
            err.println("vokit-felix: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            if (fw != null) {
                stop(fw, err);
            }
            if (storage != null) {
                deleteTree(storage);
            }
        }
    }

    /**
     * Starts a framework with the distribution's bundles.
     *
     * @param home the distribution's folder
     * @param storage an empty folder for the framework's cache
     * @param shell whether to add the interactive shell
     * @return the started framework
     * @throws IOException if a folder cannot be read
     * @throws BundleException if a bundle cannot be installed or started
     */
    public static Framework start(Path home, Path storage, boolean shell) throws IOException, BundleException {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        if (!shell) {
            config.put("gosh.args", "--nointeractive");
        }
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, VokitFelix.class.getClassLoader())
                .findFirst().orElseThrow(() -> new IOException("no OSGi framework on the class path"));
        Framework fw = factory.newFramework(config);
        fw.start();
        List<Path> jars = new ArrayList<>(jars(home.resolve("bundle")));
        if (shell) {
            jars.addAll(jars(home.resolve("shell")));
        }
        BundleContext ctx = fw.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : jars) {
            installed.add(ctx.installBundle(jar.toUri().toString()));
        }
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
        return fw;
    }

    private static int runCommand(BundleContext ctx, String command, InputStream in, PrintStream out,
                                  PrintStream err) throws InterruptedException {
        try {
            String text = execute(ctx, command, in, out, err);
            if (text != null) {
                out.print(text);
                if (!text.endsWith("\n")) {
                    out.println();
                }
            }
            out.flush();
            return 0;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            String m = e.getMessage();
            err.println("vokit-felix: " + (m == null || m.isBlank() ? e.toString() : m));
            return 1;
        }
    }

    /**
     * Runs one Gogo command in a framework, once the Gogo runtime and the {@code vo} commands are
     * there.
     *
     * @param ctx a bundle context of the framework
     * @param command the command line
     * @param in the session's input
     * @param out the session's output
     * @param err the session's error output
     * @return what the command returned, as text, or null if it returned nothing
     * @throws Exception what the command threw, or an {@link IllegalStateException} if the
     *     runtime or the commands did not start in time
     */
    public static String execute(BundleContext ctx, String command, InputStream in, PrintStream out,
                                 PrintStream err) throws Exception {
        Object processor = awaitService(ctx, COMMAND_PROCESSOR, null);
        if (processor == null || awaitService(ctx, null, "(osgi.command.scope=vo)") == null) {
            throw new IllegalStateException("the Gogo runtime or the vo commands did not start within "
                    + READY_WAIT.toSeconds() + " s");
        }
        Method create = processor.getClass().getMethod("createSession", InputStream.class, OutputStream.class,
                OutputStream.class);
        create.setAccessible(true);
        Object session = create.invoke(processor, in, out, err);
        Method close = session.getClass().getMethod("close");
        close.setAccessible(true);
        try {
            Method execute = session.getClass().getMethod("execute", CharSequence.class);
            execute.setAccessible(true);
            Object result = execute.invoke(session, command);
            return result == null ? null : String.valueOf(result);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        } finally {
            close.invoke(session);
        }
    }

    private static Object awaitService(BundleContext ctx, String clazz, String filter) throws InterruptedException {
        long end = System.nanoTime() + READY_WAIT.toNanos();
        while (System.nanoTime() < end) {
            try {
                ServiceReference<?>[] refs = ctx.getAllServiceReferences(clazz, filter);
                if (refs != null && refs.length > 0) {
                    Object s = ctx.getService(refs[0]);
                    if (s != null) {
                        return s;
                    }
                }
            } catch (InvalidSyntaxException e) {
                throw new IllegalArgumentException(e);
            }
            Thread.sleep(25);
        }
        return null;
    }

    private static void stop(Framework fw, PrintStream err) {
        try {
            fw.stop();
            fw.waitForStop(READY_WAIT.toMillis());
        } catch (BundleException e) {
            err.println("vokit-felix: stopping the framework: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Path> jars(Path dir) throws IOException {
        List<Path> jars = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            throw new IOException("no bundle folder " + dir);
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.jar")) {
            ds.forEach(jars::add);
        }
        jars.sort(Comparator.comparing(Path::toString));
        return jars;
    }

    /** The distribution's folder: {@code vokit.felix.home}, else the launcher jar's parent's parent. */
    private static Path home() {
        String h = System.getProperty("vokit.felix.home");
        if (h != null) {
            return Path.of(h);
        }
        try {
            Path jar = Path.of(VokitFelix.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

}
