package org.vokit.xmatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link SkyGrouper} against an all-pairs reference written here from the definition (links between
 * different catalogues within the radius, connected components, lowest row per catalogue).
 */
class SkyGrouperTest {

    private static final double ARCSEC_DEG = 1.0 / 3600;

    @Test
    void chainLinksEndsFartherApartThanTheRadius() {
        // A at 0, B 0.9" east, C 1.8" east: A-C is 1.8" but the chain makes one group
        Positions a = pos(new double[] {10}, new double[] {0});
        Positions b = pos(new double[] {10 + 0.9 * ARCSEC_DEG}, new double[] {0});
        Positions c = pos(new double[] {10 + 1.8 * ARCSEC_DEG}, new double[] {0});
        Groups g = SkyGrouper.group(List.of(a, b, c), 1.0);
        assertThat(g.count()).isEqualTo(1);
        assertThat(new int[] {g.member(0, 0), g.member(0, 1), g.member(0, 2)}).containsExactly(0, 0, 0);
        // without B, A and C stay apart
        Groups none = SkyGrouper.group(List.of(a, pos(new double[0], new double[0]), c), 1.0);
        assertThat(none.count()).isZero();
    }

    @Test
    void rowsOfOneCatalogueAreNotLinkedToEachOther() {
        Positions a = pos(new double[] {10, 10 + 0.5 * ARCSEC_DEG}, new double[] {5, 5});
        Positions b = pos(new double[] {50}, new double[] {5});
        assertThat(SkyGrouper.group(List.of(a, b), 1.0).count()).isZero();
    }

    @Test
    void nearThresholdPairs() {
        // on the equator, separations along RA equal the RA difference
        Positions a = pos(new double[] {0.5, 100}, new double[] {0, 0});
        Positions b = pos(new double[] {0.5 + 0.999999 * ARCSEC_DEG, 100 + 1.000001 * ARCSEC_DEG}, new double[] {0, 0});
        Groups g = SkyGrouper.group(List.of(a, b), 1.0);
        assertThat(g.count()).isEqualTo(1);
        assertThat(g.member(0, 0)).isZero();
    }

    @Test
    void wrapAroundAndPoles() {
        Positions a = pos(new double[] {359.9999, 0, 180, 10}, new double[] {3, 89.99995, -89.99999, -90});
        Positions b = pos(new double[] {0.00001, 180, 0, 250}, new double[] {3, 89.99995, -89.99999, -90});
        Groups g = SkyGrouper.group(List.of(a, b), 0.5);
        // the wrap pair is 0.00011 deg * cos(3) = 0.395"; the polar pairs are 0.36" and 0.072" apart
        // through the pole; the two rows of each catalogue near the south pole are all within 0.04" of
        // each other, so they make one group with the lower row of each catalogue
        assertThat(asList(g)).containsExactly(List.of(0, 0), List.of(1, 1), List.of(2, 2));
        assertThat(reference(List.of(a, b), 0.5)).isEqualTo(asList(g));
    }

    @Test
    void randomCataloguesMatchTheAllPairsReference() {
        for (long seed = 1; seed <= 12; seed++) {
            Random rnd = new Random(seed);
            double radius = 0.5 + rnd.nextDouble() * 20;
            List<Positions> cats = clustered(rnd, 2 + rnd.nextInt(4), 120, radius);
            assertThat(asList(SkyGrouper.group(cats, radius))).as("seed %d", seed)
                    .isEqualTo(reference(cats, radius));
        }
    }

    @Test
    void badArgumentsAreRejected() {
        Positions a = pos(new double[] {1}, new double[] {1});
        assertThatThrownBy(() -> SkyGrouper.group(List.of(a), 1)).hasMessageContaining("at least two");
        assertThatThrownBy(() -> SkyGrouper.group(List.of(a, a), 0)).hasMessageContaining("radius");
        assertThatThrownBy(() -> new Positions(new double[1], new double[2])).hasMessageContaining("length");
    }

    @Test
    void rowsWithoutPositionsAreNeverGrouped() {
        Positions a = pos(new double[] {Double.NaN, 10}, new double[] {0, 0});
        Positions b = pos(new double[] {10, 10}, new double[] {Double.NaN, 0});
        Groups g = SkyGrouper.group(List.of(a, b), 1);
        assertThat(asList(g)).containsExactly(List.of(1, 1));
    }

    /**
     * Catalogues scattered around cluster centres that include the poles and RA 0, with offsets of
     * about the radius so that chains, near misses and several rows of one catalogue per group occur.
     */
    static List<Positions> clustered(Random rnd, int tables, int rows, double radiusArcsec) {
        double[][] centres = new double[40][];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = switch (i % 8) {
                case 0 -> new double[] {rnd.nextDouble() * 360, 90 - rnd.nextDouble() * radiusArcsec * ARCSEC_DEG};
                case 1 -> new double[] {rnd.nextDouble() * 360, -90 + rnd.nextDouble() * radiusArcsec * ARCSEC_DEG};
                case 2 -> new double[] {rnd.nextDouble() < 0.5 ? 0 : 359.99999, rnd.nextDouble() * 160 - 80};
                default -> new double[] {rnd.nextDouble() * 360, Math.toDegrees(Math.asin(rnd.nextDouble() * 2 - 1))};
            };
        }
        List<Positions> out = new ArrayList<>();
        for (int t = 0; t < tables; t++) {
            double[] ra = new double[rows];
            double[] dec = new double[rows];
            for (int i = 0; i < rows; i++) {
                double[] c = centres[rnd.nextInt(centres.length)];
                double dra = rnd.nextGaussian() * radiusArcsec * 1.2 * ARCSEC_DEG;
                double ddec = rnd.nextGaussian() * radiusArcsec * 1.2 * ARCSEC_DEG;
                double d = Math.max(-90, Math.min(90, c[1] + ddec));
                double cos = Math.max(1e-6, Math.cos(Math.toRadians(d)));
                ra[i] = ((c[0] + dra / cos) % 360 + 360) % 360;
                dec[i] = d;
            }
            out.add(new Positions(ra, dec));
        }
        return out;
    }

    private static Positions pos(double[] ra, double[] dec) {
        return new Positions(ra, dec);
    }

    static List<List<Integer>> asList(Groups g) {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < g.count(); i++) {
            List<Integer> row = new ArrayList<>();
            for (int t = 0; t < g.tables(); t++) {
                row.add(g.member(i, t));
            }
            out.add(row);
        }
        return out;
    }

    /** All pairs, a plain depth-first search for components: the definition, slowly. */
    static List<List<Integer>> reference(List<Positions> cats, double radiusArcsec) {
        int nt = cats.size();
        List<int[]> nodes = new ArrayList<>();
        for (int t = 0; t < nt; t++) {
            for (int i = 0; i < cats.get(t).size(); i++) {
                nodes.add(new int[] {t, i});
            }
        }
        int n = nodes.size();
        double r = Math.toRadians(radiusArcsec / 3600);
        List<List<Integer>> adj = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            adj.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int[] p = nodes.get(i);
                int[] q = nodes.get(j);
                if (p[0] == q[0]) {
                    continue;
                }
                double sep = separation(cats.get(p[0]), p[1], cats.get(q[0]), q[1]);
                if (sep <= r) {
                    adj.get(i).add(j);
                    adj.get(j).add(i);
                }
            }
        }
        boolean[] seen = new boolean[n];
        List<List<Integer>> out = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            if (seen[s] || adj.get(s).isEmpty()) {
                continue;
            }
            Integer[] row = new Integer[nt];
            java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>(List.of(s));
            seen[s] = true;
            while (!todo.isEmpty()) {
                int x = todo.pop();
                int[] p = nodes.get(x);
                if (row[p[0]] == null || row[p[0]] > p[1]) {
                    row[p[0]] = p[1];
                }
                for (int y : adj.get(x)) {
                    if (!seen[y]) {
                        seen[y] = true;
                        todo.push(y);
                    }
                }
            }
            List<Integer> r2 = new ArrayList<>();
            for (Integer v : row) {
                r2.add(v == null ? -1 : v);
            }
            out.add(r2);
        }
        return out;
    }

    private static double separation(Positions a, int i, Positions b, int j) {
        double d1 = Math.toRadians(a.dec(i));
        double d2 = Math.toRadians(b.dec(j));
        double a1 = Math.toRadians(a.ra(i));
        double a2 = Math.toRadians(b.ra(j));
        // the spherical law of cosines' vector form: robust enough at these test separations
        double x1 = Math.cos(d1) * Math.cos(a1);
        double y1 = Math.cos(d1) * Math.sin(a1);
        double z1 = Math.sin(d1);
        double x2 = Math.cos(d2) * Math.cos(a2);
        double y2 = Math.cos(d2) * Math.sin(a2);
        double z2 = Math.sin(d2);
        double cx = y1 * z2 - z1 * y2;
        double cy = z1 * x2 - x1 * z2;
        double cz = x1 * y2 - y1 * x2;
        return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), x1 * x2 + y1 * y2 + z1 * z2);
    }
}
