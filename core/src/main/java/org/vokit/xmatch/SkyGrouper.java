package org.vokit.xmatch;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Friends-of-friends grouping of positions from several catalogues: two positions from different
 * catalogues are linked when they lie within a radius of each other, and a group is a connected set
 * of linked positions (so A–B–C forms one group even when A and C are farther apart than the radius).
 * The semantics are those of STILTS {@code tmatchn multimode=group}: positions of one catalogue are
 * never linked to each other directly; a group holds at most one row per catalogue, the lowest row
 * index when several rows of one catalogue fall into the same group; groups are ordered by their first
 * member (catalogue, then row).
 *
 * <p>The algorithm is O(n log n) and never compares all pairs: positions are sorted into declination
 * zones one radius high and by right ascension inside each zone; each position is compared only with
 * the positions of its own zone and of the zone above that lie within the right-ascension extent of its
 * search circle (wrapping at RA 0/360; a circle that covers a pole compares the whole zone). Links are
 * merged with a union-find structure. Everything lives in primitive arrays: about 60 bytes per position.
 *
 * <p>Separations use the haversine formula, and a pair is linked when its separation is at most the
 * radius, as in STILTS.
 */
public final class SkyGrouper {

    private static final double ARCSEC = Math.PI / (180.0 * 3600.0);
    private static final double TWO_PI = 2 * Math.PI;
    private static final double HALF_PI = Math.PI / 2;
    /** Most declination zones used (a smaller radius shares zones; only speed changes). */
    private static final int MAX_ZONES = 1 << 22;

    private SkyGrouper() {
    }

    /**
     * Groups positions.
     *
     * @param inputs the positions of each catalogue (at least two)
     * @param radiusArcsec the linking radius in arcseconds (positive)
     * @return the groups with members from at least two catalogues
     * @throws IllegalArgumentException if fewer than two inputs are given or the radius is not positive
     */
    public static Groups group(List<Positions> inputs, double radiusArcsec) {
        return group(inputs, radiusArcsec, Phase.NONE);
    }

    /**
     * Groups positions, reporting the phases.
     *
     * @param inputs the positions of each catalogue (at least two)
     * @param radiusArcsec the linking radius in arcseconds (positive)
     * @param phases told when each phase ends
     * @return the groups with members from at least two catalogues
     * @throws IllegalArgumentException if fewer than two inputs are given or the radius is not positive
     */
    public static Groups group(List<Positions> inputs, double radiusArcsec, Phase phases) {
        Objects.requireNonNull(phases, "phases");
        if (inputs.size() < 2) {
            throw new IllegalArgumentException("grouping needs at least two catalogues, not " + inputs.size());
        }
        if (!(radiusArcsec > 0) || Double.isInfinite(radiusArcsec)) {
            throw new IllegalArgumentException("the radius must be a positive number of arcseconds, not "
                    + radiusArcsec);
        }
        if (inputs.size() > Short.MAX_VALUE) {
            throw new IllegalArgumentException("too many catalogues: " + inputs.size());
        }
        int nt = inputs.size();
        long[] offsets = new long[nt + 1];
        for (int t = 0; t < nt; t++) {
            offsets[t + 1] = offsets[t] + inputs.get(t).size();
        }
        if (offsets[nt] >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many rows in all: " + offsets[nt]);
        }
        int n = (int) offsets[nt];
        double r = radiusArcsec * ARCSEC;
        long t0 = System.nanoTime();
        Sorted s = Sorted.of(inputs, offsets, n, r);
        phases.ended("sort", s.size, System.nanoTime() - t0);
        t0 = System.nanoTime();
        UnionFind uf = new UnionFind(n);
        long links = s.link(r, uf);
        s = null;
        phases.ended("link", links, System.nanoTime() - t0);
        t0 = System.nanoTime();
        Groups g = collect(uf, offsets, nt);
        phases.ended("group", g.count(), System.nanoTime() - t0);
        return g;
    }

    /** Turns the union-find forest into groups, in the order of their first member. */
    private static Groups collect(UnionFind uf, long[] offsets, int nt) {
        int[] size = uf.size;
        int[] members = new int[Math.max(16, nt * 1024)];
        int count = 0;
        for (int t = 0; t < nt; t++) {
            int base = (int) offsets[t];
            int rows = (int) (offsets[t + 1] - offsets[t]);
            for (int row = 0; row < rows; row++) {
                int root = uf.find(base + row);
                int sz = size[root];
                int gid;
                if (sz == 1) {
                    continue;
                } else if (sz > 1) {
                    gid = count++;
                    size[root] = -(gid + 1);
                    if ((long) count * nt > members.length) {
                        long grown = Math.min(Integer.MAX_VALUE - 8, (long) members.length * 2);
                        if (grown < (long) count * nt) {
                            throw new IllegalStateException("too many groups: " + count);
                        }
                        members = Arrays.copyOf(members, (int) grown);
                    }
                    Arrays.fill(members, gid * nt, gid * nt + nt, -1);
                } else {
                    gid = -sz - 1;
                }
                int slot = gid * nt + t;
                if (members[slot] < 0) {
                    members[slot] = row;
                }
            }
        }
        return new Groups(nt, count, Arrays.copyOf(members, count * nt));
    }

    /**
     * Positions sorted by declination zone, then right ascension, with the sort keys kept for
     * range searches.
     */
    private static final class Sorted {
        final int size;
        final long[] keys;
        final double[] ra;
        final double[] dec;
        final double[] cosDec;
        final int[] id;
        final short[] table;
        final double zoneHeight;
        final int zones;
        final int raBits;
        final int idBits;

        private Sorted(int size, long[] keys, double[] ra, double[] dec, double[] cosDec, int[] id, short[] table,
                       double zoneHeight, int zones, int raBits, int idBits) {
            this.size = size;
            this.keys = keys;
            this.ra = ra;
            this.dec = dec;
            this.cosDec = cosDec;
            this.id = id;
            this.table = table;
            this.zoneHeight = zoneHeight;
            this.zones = zones;
            this.raBits = raBits;
            this.idBits = idBits;
        }

        static Sorted of(List<Positions> inputs, long[] offsets, int n, double r) {
            int idBits = Math.max(1, 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1)));
            // zones at least one radius high, so that linked positions lie in the same or adjacent zones
            double h = Math.max(r * (1 + 1e-9), Math.PI / MAX_ZONES);
            int zones = (int) Math.ceil(Math.PI / h) + 1;
            int zoneBits = 32 - Integer.numberOfLeadingZeros(zones);
            int raBits = 63 - idBits - zoneBits;
            if (raBits < 4) {
                throw new IllegalArgumentException("too many rows for the sort key: " + n);
            }
            long[] keys = new long[n];
            int m = 0;
            for (int t = 0; t < inputs.size(); t++) {
                Positions p = inputs.get(t);
                int base = (int) offsets[t];
                for (int i = 0; i < p.size(); i++) {
                    double d = Math.toRadians(p.dec(i));
                    double a = Math.toRadians(p.ra(i));
                    if (!(d >= -HALF_PI && d <= HALF_PI) || !Double.isFinite(a)) {
                        continue;
                    }
                    a = normalise(a);
                    keys[m++] = key(zone(d, h, zones), raQuantum(a, raBits), raBits, idBits) | (base + i);
                }
            }
            keys = m == n ? keys : Arrays.copyOf(keys, m);
            Arrays.parallelSort(keys);
            double[] ra = new double[m];
            double[] dec = new double[m];
            double[] cosDec = new double[m];
            int[] id = new int[m];
            short[] table = new short[m];
            long idMask = (1L << idBits) - 1;
            int t = 0;
            for (int i = 0; i < m; i++) {
                int g = (int) (keys[i] & idMask);
                // find the catalogue by its offsets (few catalogues: a short scan)
                t = 0;
                while (g >= offsets[t + 1]) {
                    t++;
                }
                Positions p = inputs.get(t);
                int row = (int) (g - offsets[t]);
                double d = Math.toRadians(p.dec(row));
                ra[i] = normalise(Math.toRadians(p.ra(row)));
                dec[i] = d;
                cosDec[i] = Math.cos(d);
                id[i] = g;
                table[i] = (short) t;
            }
            return new Sorted(m, keys, ra, dec, cosDec, id, table, h, zones, raBits, idBits);
        }

        /** Links every pair within {@code r} from different catalogues; returns the number of links. */
        long link(double r, UnionFind uf) {
            double sinR = Math.sin(r);
            // haversine: hav(sep) <= hav(r), with a margin checked exactly below
            double havR = Math.sin(r / 2) * Math.sin(r / 2);
            long links = 0;
            for (int i = 0; i < size; i++) {
                int z = zoneOf(i);
                double a = ra[i];
                double d = dec[i];
                double c = cosDec[i];
                boolean cap = Math.abs(d) + r >= HALF_PI || sinR >= c;
                double da = cap ? Math.PI : Math.asin(sinR / c) * (1 + 1e-9) + 1e-12;
                if (cap || da >= Math.PI) {
                    links += scan(i, zoneStart(z, 0), zoneStart(z + 1, 0), r, havR, uf);
                    if (z + 1 < zones) {
                        links += scan(i, zoneStart(z + 1, 0), zoneStart(z + 2, 0), r, havR, uf);
                    }
                    continue;
                }
                // own zone: forward from i, then the wrapped part at the zone's start
                long hiQ = raQuantum(Math.min(a + da, TWO_PI), raBits);
                int end = zoneStart(z, hiQ + 1);
                links += scan(i, i + 1, end, r, havR, uf);
                if (a + da >= TWO_PI) {
                    links += scan(i, zoneStart(z, 0), Math.min(i, zoneStart(z, raQuantum(a + da - TWO_PI, raBits) + 1)),
                            r, havR, uf);
                }
                // zone above: both sides of i, wrapping at either end
                if (z + 1 < zones) {
                    int zu = z + 1;
                    double lo = a - da;
                    double hi = a + da;
                    links += scan(i, zoneStart(zu, raQuantum(Math.max(lo, 0), raBits)),
                            zoneStart(zu, raQuantum(Math.min(hi, TWO_PI), raBits) + 1), r, havR, uf);
                    if (lo < 0) {
                        links += scan(i, zoneStart(zu, raQuantum(lo + TWO_PI, raBits)), zoneStart(zu + 1, 0),
                                r, havR, uf);
                    }
                    if (hi >= TWO_PI) {
                        links += scan(i, zoneStart(zu, 0), zoneStart(zu, raQuantum(hi - TWO_PI, raBits) + 1),
                                r, havR, uf);
                    }
                }
            }
            return links;
        }

        private long scan(int i, int from, int to, double r, double havR, UnionFind uf) {
            long links = 0;
            short ti = table[i];
            double di = dec[i];
            double ai = ra[i];
            double ci = cosDec[i];
            for (int j = from; j < to; j++) {
                if (j == i || table[j] == ti) {
                    continue;
                }
                double dj = dec[j];
                if (Math.abs(di - dj) > r) {
                    continue;
                }
                double sd = Math.sin(0.5 * (dj - di));
                double sa = Math.sin(0.5 * (ra[j] - ai));
                double h = sd * sd + sa * sa * ci * cosDec[j];
                if (h > havR * (1 + 1e-9)) {
                    continue;
                }
                if (h >= havR * (1 - 1e-9)) {
                    // close to the radius: decide exactly as the haversine separation would
                    double sep = h < 1.0 ? 2.0 * Math.asin(Math.sqrt(h)) : Math.PI;
                    if (!(sep <= r)) {
                        continue;
                    }
                }
                uf.union(id[i], id[j]);
                links++;
            }
            return links;
        }

        private int zoneOf(int i) {
            return (int) (keys[i] >>> (idBits + raBits));
        }

        /** Index of the first position whose key is at least (zone, raQ); zone may be one past the last. */
        private int zoneStart(int zone, long raQ) {
            if (zone >= zones + 1) {
                return size;
            }
            long q = Math.min(raQ, (1L << raBits));
            long probe;
            if (q >= (1L << raBits)) {
                probe = key(zone + 1, 0, raBits, idBits);
            } else {
                probe = key(zone, q, raBits, idBits);
            }
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (keys[mid] < probe) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    private static long key(int zone, long raQ, int raBits, int idBits) {
        return (((long) zone << raBits) | raQ) << idBits;
    }

    private static int zone(double decRad, double h, int zones) {
        int z = (int) Math.floor((decRad + HALF_PI) / h);
        return Math.max(0, Math.min(zones - 1, z));
    }

    private static long raQuantum(double raRad, int raBits) {
        long max = (1L << raBits) - 1;
        long q = (long) Math.floor(raRad / TWO_PI * (1L << raBits));
        return Math.max(0, Math.min(max, q));
    }

    private static double normalise(double raRad) {
        double a = raRad % TWO_PI;
        if (a < 0) {
            a += TWO_PI;
        }
        return a >= TWO_PI ? 0 : a;
    }

    /** Union-find with union by size and path halving. */
    private static final class UnionFind {
        final int[] parent;
        final int[] size;

        UnionFind(int n) {
            parent = new int[n];
            size = new int[n];
            for (int i = 0; i < n; i++) {
                parent[i] = i;
            }
            Arrays.fill(size, 1);
        }

        int find(int x) {
            while (parent[x] != x) {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }

        void union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra == rb) {
                return;
            }
            if (size[ra] < size[rb]) {
                int tmp = ra;
                ra = rb;
                rb = tmp;
            }
            parent[rb] = ra;
            size[ra] += size[rb];
        }
    }

    /** Told when a phase of the grouping ends (for progress reports). */
    @FunctionalInterface
    public interface Phase {

        /** Ignores the phases. */
        Phase NONE = (name, count, nanos) -> { };

        /**
         * A phase has ended.
         *
         * @param name {@code sort}, {@code link} or {@code group}
         * @param count positions sorted, links found, or groups made
         * @param nanos the time it took in nanoseconds
         */
        void ended(String name, long count, long nanos);
    }
}
