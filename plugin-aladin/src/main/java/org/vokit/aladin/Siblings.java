package org.vokit.aladin;

import cds.aladin.Aladin;
import cds.aladin.AladinPlugin;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Vector;

/**
 * Registers all of vokit's plugins from the one jar. Aladin 12.001 takes only the first
 * {@code AladinPlugin} class it meets in a jar (it stops looking once one has loaded), so each
 * vokit plugin, when Aladin hands it its {@code Aladin}, adds the others to Aladin's plugin list
 * itself: the list is the {@code plugs} field of the {@code cds.aladin.Plugins} object that owns
 * the class loader of the jar. This reaches into Aladin's internals (by reflection, with a clear
 * message on standard error if they change); the ITs check that every menu item and script
 * command is there in the real Aladin.
 */
final class Siblings {

    /** Every plugin class of the jar, in menu order. */
    static final List<Class<? extends AladinPlugin>> ALL = List.of(VoWidePlugin.class, EpnPlugin.class,
            VicinityPlugin.class, CutoutPlugin.class);

    private Siblings() {
    }

    /**
     * Adds the plugins other than {@code self} to Aladin's plugin list, unless they are there.
     *
     * @param self the plugin Aladin is loading
     * @param aladin Aladin
     */
    static void register(AladinPlugin self, Aladin aladin) {
        try {
            Vector<Object> plugs = plugs(self.getClass().getClassLoader());
            if (plugs == null) {
                return; // not loaded by Aladin's plugin loader (e.g. in a test): nothing to do
            }
            synchronized (plugs) {
                for (Class<? extends AladinPlugin> c : ALL) {
                    if (c == self.getClass() || contains(plugs, c)) {
                        continue;
                    }
                    AladinPlugin p = c.getConstructor().newInstance();
                    p.aladin = aladin; // what AladinPlugin.setAladin does, without recursing here
                    plugs.add(p);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("vokit: Aladin loads one plugin per jar and this Aladin's plugin list could not be"
                    + " extended (" + e + "); only '" + self.menu() + "' is available");
        }
    }

    private static boolean contains(Vector<Object> plugs, Class<?> c) {
        for (Object o : plugs) {
            if (o != null && o.getClass().getName().equals(c.getName())) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static Vector<Object> plugs(ClassLoader loader) throws ReflectiveOperationException {
        if (loader == null || !loader.getClass().getName().equals("cds.aladin.Plugins$MyClassloader")) {
            return null;
        }
        Field outer = loader.getClass().getDeclaredField("this$0");
        outer.setAccessible(true);
        Object plugins = outer.get(loader);
        Field plugs = plugins.getClass().getDeclaredField("plugs");
        plugs.setAccessible(true);
        return (Vector<Object>) plugs.get(plugins);
    }
}
