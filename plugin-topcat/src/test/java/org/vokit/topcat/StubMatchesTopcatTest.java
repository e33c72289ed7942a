package org.vokit.topcat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vokit.testing.Ci;

/**
 * The plugin compiles against a stub of TOPCAT (module {@code topcat-stub}); this checks that
 * every class, constructor, method and field of the stub exists in Debian's real TOPCAT jar with
 * the same descriptor, so that the plugin links against the real TOPCAT. Needs
 * {@code /usr/share/java/starlink-topcat.jar} ({@code apt-get install topcat}, or
 * {@code -Dtopcat.jar=PATH}); fails under CI when it is missing.
 */
class StubMatchesTopcatTest {

    @Test
    void everyStubMemberExistsInTheRealTopcat() throws Exception {
        Path real = Path.of(System.getProperty("vokit.topcat.jar", "/usr/share/java/starlink-topcat.jar"));
        if (!Files.isRegularFile(real)) {
            Ci.missing("TOPCAT's jar " + real + " (apt-get install topcat)");
            return;
        }
        Path stub = Path.of(uk.ac.starlink.topcat.ControlWindow.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        List<String> names = stubClasses(stub);
        assertThat(names).hasSizeGreaterThan(15);
        List<String> missing = new ArrayList<>();
        // the real jar's manifest Class-Path brings Debian's STIL and the rest, as in TOPCAT itself
        try (URLClassLoader loader = new URLClassLoader(new URL[] {real.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            for (String name : names) {
                Class<?> s = Class.forName(name, false, getClass().getClassLoader());
                Class<?> r;
                try {
                    r = Class.forName(name, false, loader);
                } catch (ClassNotFoundException e) {
                    missing.add("class " + name);
                    continue;
                }
                if (s.getSuperclass() != null && !s.getSuperclass().getName().equals(r.getSuperclass().getName())) {
                    missing.add(name + " extends " + s.getSuperclass().getName());
                }
                for (Method m : s.getDeclaredMethods()) {
                    if (visible(m.getModifiers()) && !m.isSynthetic() && !hasMethod(r, m)) {
                        missing.add(name + "." + m.getName() + Arrays.toString(m.getParameterTypes()) + " -> "
                                + m.getReturnType().getName());
                    }
                }
                for (Constructor<?> c : s.getDeclaredConstructors()) {
                    if (visible(c.getModifiers()) && !hasConstructor(r, c)) {
                        missing.add(name + ".<init>" + Arrays.toString(c.getParameterTypes()));
                    }
                }
                for (Field f : s.getDeclaredFields()) {
                    if (visible(f.getModifiers()) && !hasField(r, f)) {
                        missing.add(name + "." + f.getName());
                    }
                }
            }
        }
        assertThat(missing).as("stub members the real TOPCAT lacks").isEmpty();
    }

    private static List<String> stubClasses(Path stub) throws IOException {
        List<String> out = new ArrayList<>();
        if (Files.isRegularFile(stub)) {
            try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(stub.toFile())) {
                jar.stream().map(java.util.zip.ZipEntry::getName)
                        .filter(n -> n.endsWith(".class") && !n.contains("$") && n.startsWith("uk/"))
                        .forEach(n -> out.add(n.replace('/', '.').replaceAll("\\.class$", "")));
            }
            return out;
        }
        try (Stream<Path> all = Files.walk(stub)) {
            all.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$"))
                    .forEach(p -> out.add(stub.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "")));
        }
        return out;
    }

    private static boolean visible(int mod) {
        return Modifier.isPublic(mod) || Modifier.isProtected(mod);
    }

    private static String sig(Class<?>[] params) {
        return Arrays.stream(params).map(Class::getName).toList().toString();
    }

    private static boolean hasMethod(Class<?> r, Method m) {
        for (Class<?> k = r; k != null; k = k.getSuperclass()) {
            for (Method x : k.getDeclaredMethods()) {
                if (x.getName().equals(m.getName()) && sig(x.getParameterTypes()).equals(sig(m.getParameterTypes()))
                        && x.getReturnType().getName().equals(m.getReturnType().getName())
                        && Modifier.isStatic(x.getModifiers()) == Modifier.isStatic(m.getModifiers())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasConstructor(Class<?> r, Constructor<?> c) {
        for (Constructor<?> x : r.getDeclaredConstructors()) {
            if (sig(x.getParameterTypes()).equals(sig(c.getParameterTypes()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasField(Class<?> r, Field f) {
        try {
            return r.getField(f.getName()).getType().getName().equals(f.getType().getName());
        } catch (NoSuchFieldException e) {
            return false;
        }
    }
}
