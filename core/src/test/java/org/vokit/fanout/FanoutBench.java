package org.vokit.fanout;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.vokit.progress.ProgressEvent;
import org.vokit.testing.FaultServer;

/**
 * Benchmark of the fan-out engine against simulated services on loopback (printed figures, not a
 * test). Run: {@code ./mvnw -B -q -o -pl core test-compile exec:java
 * -Dexec.mainClass=org.vokit.fanout.FanoutBench -Dexec.classpathScope=test}. Any run in which a
 * service that should answer fails makes the bench exit 1 without figures for that part.
 */
public final class FanoutBench {

    private FanoutBench() {
    }

    /** One run's outcome. */
    private record Run(double wall, double slowest, FanoutReport report) {
    }

    /**
     * Runs the three benchmarks.
     *
     * @param args ignored
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int rounds = 3;
        List<FaultServer> servers = new ArrayList<>();
        try {
            // 1. 20 services, each answering after about 1 s (1.00 to 1.19 s)
            List<FanoutTask> twenty = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                FaultServer s = FaultServer.start();
                servers.add(s);
                long ms = 1000 + i * 10L;
                s.on("/tap/sync", (req, ex) -> {
                    ex.pause(Duration.ofMillis(ms));
                    ex.sendVotable(FanoutTest.votable("1", 100));
                });
                twenty.add(FanoutTask.sync(s.uri("/tap"), "ivo://bench/" + i, "t.main", "SELECT id, ra FROM t.main"));
            }
            List<Double> par = new ArrayList<>();
            List<Double> ser = new ArrayList<>();
            List<Double> ratio = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                Run p = run(twenty, 20, Duration.ofSeconds(30), 0);
                Run s = run(twenty, 1, Duration.ofSeconds(30), 0);
                par.add(p.wall);
                ser.add(s.wall);
                ratio.add(p.wall / p.slowest);
            }
            System.out.println("20 services x ~1 s (slowest 1.19 s), " + rounds + " alternating rounds:");
            System.out.println("  parallel (20):   " + stats(par) + " s");
            System.out.println("  one after other: " + stats(ser) + " s");
            System.out.println("  parallel / slowest service: " + stats(ratio) + " (target <= 1.2)");

            // 2. the same plus one hanging service, --timeout 3 s
            FaultServer hang = FaultServer.start();
            servers.add(hang);
            hang.on("/tap/sync", (req, ex) -> ex.hang());
            List<FanoutTask> withHang = new ArrayList<>(twenty);
            withHang.add(FanoutTask.sync(hang.uri("/tap"), "ivo://bench/hang", "t.main", "SELECT id, ra FROM t.main"));
            List<Double> hangWall = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                hangWall.add(run(withHang, 21, Duration.ofSeconds(3), 1).wall);
            }
            System.out.println("21 services, one hanging, task timeout T = 3 s: wall " + stats(hangWall)
                    + " s (target <= T + 1 = 4 s)");

            // 3. 200 services, 1 s latency, 5 % failing with 500
            List<FanoutTask> many = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                FaultServer s = FaultServer.start();
                servers.add(s);
                boolean fails = i % 20 == 7;
                s.on("/tap/sync", (req, ex) -> {
                    ex.pause(Duration.ofMillis(1000));
                    if (fails) {
                        ex.send(500, "text/plain", "simulated failure");
                    } else {
                        ex.sendVotable(FanoutTest.votable("5", 100));
                    }
                });
                many.add(FanoutTask.sync(s.uri("/tap"), "ivo://bench/m" + i, "t.main", "SELECT id, ra FROM t.main"));
            }
            List<Double> manyWall = new ArrayList<>();
            List<Double> peakMb = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                System.gc();
                for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                    p.resetPeakUsage();
                }
                long base = heapUsed();
                Run run = run(many, 200, Duration.ofSeconds(30), 10);
                long peak = 0;
                for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (p.getType() == MemoryType.HEAP) {
                        peak += p.getPeakUsage().getUsed();
                    }
                }
                manyWall.add(run.wall);
                peakMb.add((peak - base) / 1048576.0);
            }
            System.out.println("200 services x 1 s, 5 % failing (parallel 200): wall " + stats(manyWall)
                    + " s; peak heap above the start " + stats(peakMb) + " MB");
        } finally {
            for (FaultServer s : servers) {
                s.close();
            }
        }
    }

    private static long heapUsed() {
        long u = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                u += p.getUsage().getUsed();
            }
        }
        return u;
    }

    /** One run; exits 1 if other than {@code expectedFailures} tasks failed. */
    private static Run run(List<FanoutTask> tasks, int parallel, Duration timeout, int expectedFailures) throws Exception {
        AtomicLong slowest = new AtomicLong();
        MergedTable sink = MergedTable.of(FanoutTest.SCHEMA);
        long t0 = System.nanoTime();
        FanoutReport r;
        try (Fanout engine = Fanout.builder().parallel(parallel).perHost(4).taskTimeout(timeout).build()) {
            r = engine.run(tasks, sink, e -> {
                if (e.kind() == ProgressEvent.Kind.FINISHED) {
                    slowest.accumulateAndGet(e.elapsed().toNanos(), Math::max);
                }
            });
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        if (r.failures().size() != expectedFailures) {
            System.out.println("FAILED RUN: " + r.summary() + " (expected " + expectedFailures + " failures)");
            r.failures().forEach(f -> System.out.println("  " + f.line()));
            System.exit(1);
        }
        return new Run(wall, slowest.get() / 1e9, r);
    }

    private static String stats(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return String.format(Locale.ROOT, "median %.2f (min %.2f, max %.2f)", s.get(s.size() / 2), s.get(0),
                s.get(s.size() - 1));
    }
}
