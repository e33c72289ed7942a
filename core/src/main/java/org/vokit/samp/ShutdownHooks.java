package org.vokit.samp;

/**
 * Where a {@link SampConnection} registers the JVM shutdown hook that unregisters it from the
 * hub if the program ends without closing it. By default that is the JVM's own
 * ({@link #RUNTIME}); a host that manages its own shutdown (an OSGi container, a test that
 * checks that {@link SampConnection#close()} takes its hook back) passes another.
 */
public interface ShutdownHooks {

    /** The JVM's hooks: {@link Runtime#addShutdownHook} and {@link Runtime#removeShutdownHook}. */
    ShutdownHooks RUNTIME = new ShutdownHooks() {
        @Override
        public void add(Thread hook) {
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void remove(Thread hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway, and finds the work done
            }
        }

        @Override
        public String toString() {
            return "the JVM's shutdown hooks";
        }
    };

    /**
     * Registers a hook, not yet started.
     *
     * @param hook the thread to run at shutdown
     */
    void add(Thread hook);

    /**
     * Takes a hook back; does nothing if it is not registered or the JVM is already shutting
     * down.
     *
     * @param hook the thread given to {@link #add}
     */
    void remove(Thread hook);
}
