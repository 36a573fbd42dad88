package org.jdistarray.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.jdistarray.array.Cases;
import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrayContract;
import org.jdistarray.array.LocalBlock;
import org.jdistarray.array.internal.LocalBox;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.BlockAxis;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Test;

/**
 * Random arrays on every layout (core's {@link Cases}, plus periodic padding, replicated, 0-d, on one rank and rows
 * longer than a fill run) against a serial oracle written here from the cipher's words: every cell a rank holds,
 * ghosts included (a periodic image holds the element it mirrors), has the value of its element's global C-order
 * index, whatever the number of ranks. Runs on thread ranks and under mpirun.
 */
public abstract class RandomLayoutContract {
    protected abstract void onRanks(DistArrayContract.Spmd task) throws Exception;

    private static final long SEED = 20261201L;

    /** One way to draw, and its serial oracle for element {@code e} of a fresh {@code Generator.philox(SEED)}. */
    private record Draw(String name, DType dtype, Function<Distribution, DistArray> make, Oracle value) {
    }

    private interface Oracle {
        double at(PhiloxCipher c, long e);
    }

    private static double u53(long w) {
        return (w >>> 11) * 0x1p-53;
    }

    private static int half(PhiloxCipher c, long q) {
        long w = c.word(q >>> 1);
        return (q & 1) == 0 ? (int) w : (int) (w >>> 32);
    }

    private static List<Draw> draws() {
        List<Draw> d = new ArrayList<>();
        d.add(new Draw("random", DType.FLOAT64, x -> Generator.philox(SEED).random(x), (c, e) -> u53(c.word(e))));
        d.add(new Draw("random f4", DType.FLOAT32, x -> Generator.philox(SEED).random(x, DType.FLOAT32),
                (c, e) -> (half(c, e) >>> 8) * 0x1p-24f));
        d.add(new Draw("uniform", DType.FLOAT64, x -> Generator.philox(SEED).uniform(x, -2, 3),
                (c, e) -> -2 + 5 * u53(c.word(e))));
        d.add(new Draw("normal", DType.FLOAT64, x -> Generator.philox(SEED).normal(x, 1, 2), (c, e) -> {
            long p = e & ~1L;
            double r = StrictMath.sqrt(-2 * StrictMath.log(1 - u53(c.word(p))));
            double t = 2 * Math.PI * u53(c.word(p + 1));
            return 1 + 2 * ((e & 1) == 0 ? r * StrictMath.cos(t) : r * StrictMath.sin(t));
        }));
        d.add(new Draw("normal f4", DType.FLOAT32, x -> Generator.philox(SEED).standardNormal(x, DType.FLOAT32),
                (c, e) -> {
                    long p = e & ~1L;
                    double r = StrictMath.sqrt(-2 * StrictMath.log(1 - u53(c.word(p))));
                    double t = 2 * Math.PI * u53(c.word(p + 1));
                    return (float) ((e & 1) == 0 ? r * StrictMath.cos(t) : r * StrictMath.sin(t));
                }));
        d.add(new Draw("exponential", DType.FLOAT64, x -> Generator.philox(SEED).exponential(x, 3),
                (c, e) -> 3 * -StrictMath.log(1 - u53(c.word(e)))));
        d.add(new Draw("integers i4", DType.INT32, x -> Generator.philox(SEED).integers(x, -7, 1000, DType.INT32),
                (c, e) -> -7 + (((half(c, e) & 0xFFFF_FFFFL) * 1007) >>> 32)));
        d.add(new Draw("integers i8", DType.INT64, x -> Generator.philox(SEED).integers(x, 5, 5 + (1L << 50)),
                (c, e) -> 5 + PhiloxCipher.unsignedMultiplyHigh(c.word(e), 1L << 50)));
        // ranges just above 2^31 and 2^63: about half the first draws are rejected and redrawn from the side stream
        d.add(new Draw("integers rejecting i8", DType.INT64,
                x -> Generator.philox(SEED).integers(x, 3, 3 + (1L << 31) + 1),
                (c, e) -> 3 + rejecting32(c, e, (1L << 31) + 1)));
        d.add(new Draw("integers rejecting 64", DType.INT64, x -> Generator.philox(SEED).integers(x, Long.MIN_VALUE, 1),
                (c, e) -> Long.MIN_VALUE + rejecting64(c, e)));
        return d;
    }

    /** Lemire on 32-bit draw {@code e}; retry {@code r} is word 0 of block {@code (e, r | 2^62, 0, 2^63)}, low half. */
    private static long rejecting32(PhiloxCipher c, long e, long excl) {
        long m = (half(c, e) & 0xFFFF_FFFFL) * excl;
        long threshold = ((1L << 32) - excl) % excl;
        long[] w = new long[4];
        for (long r = 0; (m & 0xFFFF_FFFFL) < threshold; r++) {
            PhiloxCipher.block4(e, r | 1L << 62, 0, Long.MIN_VALUE, SEED, 0, w, 0);
            m = (w[0] & 0xFFFF_FFFFL) * excl;
        }
        return m >>> 32;
    }

    /** Lemire on word {@code e} for the range 2^63 + 1; retries as above without the 2^62 tag. */
    private static long rejecting64(PhiloxCipher c, long e) {
        java.math.BigInteger excl = java.math.BigInteger.ONE.shiftLeft(63).add(java.math.BigInteger.ONE);
        java.math.BigInteger mod = java.math.BigInteger.ONE.shiftLeft(64);
        java.math.BigInteger threshold = mod.subtract(excl).mod(excl);
        long x = c.word(e);
        long[] w = new long[4];
        for (long r = 0; ; r++) {
            java.math.BigInteger m = new java.math.BigInteger(Long.toUnsignedString(x)).multiply(excl);
            if (m.mod(mod).compareTo(threshold) >= 0) {
                return m.shiftRight(64).longValue();
            }
            PhiloxCipher.block4(e, r, 0, Long.MIN_VALUE, SEED, 0, w, 0);
            x = w[0];
        }
    }

    private static List<Cases.Case> layouts() {
        List<Cases.Case> c = new ArrayList<>(Cases.all());
        c.add(new Cases.Case("periodic2d", comm -> Distribution.builder(comm).shape(3L * comm.size() + 4, 6)
                .padding(0, 1, 1).periodic(0).grid(comm.size(), 1).build()));
        c.add(new Cases.Case("periodicLastAxis", comm -> Distribution.builder(comm).shape(4, 2L * comm.size() + 6)
                .padding(1, 2, 2).periodic(1).grid(1, comm.size()).build()));
        c.add(new Cases.Case("zeroD", comm -> Distribution.builder(comm).shape().build()));
        c.add(new Cases.Case("zeroDOnLastRank", comm -> Distribution.builder(comm).shape().onRank(comm.size() - 1)
                .build()));
        c.add(new Cases.Case("replicated2d", comm -> Distribution.builder(comm).shape(3, 4).undistributed(0)
                .undistributed(1).build()));
        c.add(new Cases.Case("onRank0", comm -> Distribution.builder(comm).shape(6, 2).onRank(0).build()));
        c.add(new Cases.Case("longRows", comm -> Distribution.builder(comm).shape(3, 5000).block(1).build()));
        c.add(new Cases.Case("blockCyclicLongRows", comm -> Distribution.builder(comm).shape(2, 4999).cyclic(1, 1000)
                .build()));
        return c;
    }

    /** The element a cell at global index {@code g} holds: its periodic image, or itself. */
    private static long element(Distribution d, long[] g) {
        long f = 0;
        long[] shape = d.shape();
        for (int a = 0; a < g.length; a++) {
            long x = g[a];
            if (d.layout().axes().get(a) instanceof BlockAxis ax && ax.periodic()) {
                long b = ax.boundaryPadding();
                long m = shape[a] - 2 * b;
                x = x < b ? x + m : x >= shape[a] - b ? x - m : x;
            }
            f = f * shape[a] + x;
        }
        return f;
    }

    @Test
    void everyHeldCellHasItsElementsDrawOnEveryLayout() throws Exception {
        onRanks(comm -> {
            PhiloxCipher c = new PhiloxCipher(SEED, 0, 0, 0, 0, 0);
            for (Cases.Case layout : layouts()) {
                Distribution d = layout.make().apply(comm);
                for (Draw draw : draws()) {
                    try (DistArray a = draw.make().apply(d)) {
                        assertEquals(draw.dtype(), a.dtype());
                        LocalBlock b = a.local();
                        if (d.localMap().holdsNothing()) {
                            continue;
                        }
                        LocalBox.all(b.shape()).forEachCell(d.dimData(), d.shape(), (g, flat, off) -> {
                            long e = element(d, g);
                            double want = draw.value().at(c, e);
                            double got = draw.dtype() == DType.INT64 || draw.dtype() == DType.INT32
                                    ? b.getLong(off) : b.getDouble(off);
                            assertEquals(want, got, () -> layout + " " + draw.name() + " rank " + comm.rank()
                                    + " cell " + Arrays.toString(g) + " element " + e);
                        });
                    }
                }
            }
        });
    }

    /** The serial reference permutation of {@code Generator.philox(SEED)}: the sampler on one run. */
    static long[] referencePermutation(int n) {
        long[] out = new long[n];
        Sampler.Permutation p = new Sampler.Permutation(new Draws(new PhiloxCipher(SEED, 0, 0, 0, 0, 0), 0, -1), n);
        long[] run = new long[Sampler.RUN];
        for (int e = 0; e < n; e += Sampler.RUN) {
            int m = Math.min(Sampler.RUN, n - e);
            p.longs(e, m, run);
            System.arraycopy(run, 0, out, e, m);
        }
        return out;
    }

    @Test
    void permutationIsABijectionAndTheSameOnEveryLayout() throws Exception {
        onRanks(comm -> {
            for (int n : new int[] {0, 1, 2, 3, 17, 1000, 4099}) {
                long[] want = referencePermutation(n);
                boolean[] seen = new boolean[n];
                for (long v : want) {
                    assertEquals(false, seen[(int) v], "n " + n + ": " + v + " twice");
                    seen[(int) v] = true;
                }
                int p = comm.size();
                long[][] idx = new long[p][];
                for (int r = 0; r < p; r++) {
                    final int rr = r;
                    idx[r] = java.util.stream.LongStream.range(0, n).filter(g -> (g * 5 + 1) % p == rr).toArray();
                }
                List<Distribution> ds = List.of(Distribution.builder(comm).shape(n).build(),
                        Distribution.builder(comm).shape(n).cyclic(0, 3).build(),
                        Distribution.builder(comm).shape(n).unstructured(0, idx).build());
                for (Distribution d : ds) {
                    try (DistArray a = Generator.philox(SEED).permutation(d)) {
                        long[] got = a.toLongArray(0);
                        if (comm.rank() == 0) {
                            org.junit.jupiter.api.Assertions.assertArrayEquals(want, got, "n " + n + " " + d);
                        }
                    }
                }
            }
            for (int n : new int[] {0, 1, 5, 1001}) {
                long[] want = referencePermutation(n);
                double[] shuffled = new double[n];
                for (int i = 0; i < n; i++) {
                    shuffled[i] = Cases.value(want[i]);
                }
                long[][] idx = new long[comm.size()][];
                for (int r = 0; r < comm.size(); r++) {
                    final int rr = r;
                    idx[r] = java.util.stream.LongStream.range(0, n).filter(x -> (x * 3 + 2) % comm.size() == rr)
                            .toArray();
                }
                for (Distribution d : List.of(Distribution.builder(comm).shape(n).build(),
                        Distribution.builder(comm).shape(n).cyclic(0, 2).build(),
                        Distribution.builder(comm).shape(n).unstructured(0, idx).build(),
                        Distribution.builder(comm).shape(n).undistributed(0).build())) {
                    for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32, DType.INT16}) {
                        try (DistArray a = org.jdistarray.array.DistArrays.fromFunction(d, t, g -> Cases.value(g[0]));
                             DistArray b = Generator.philox(SEED).permutation(a)) {
                            assertEquals(t, b.dtype());
                            double[] got = b.toDoubleArray(0);
                            if (comm.rank() == 0) {
                                org.junit.jupiter.api.Assertions.assertArrayEquals(shuffled, got,
                                        n + " " + t + " " + d);
                            }
                        }
                    }
                }
            }
            Distribution padded = Distribution.builder(comm).shape(4L * comm.size() + 4).padding(0, 1, 1).build();
            try (DistArray a = org.jdistarray.array.DistArrays.zeros(padded, DType.FLOAT64)) {
                assertThrows(IllegalArgumentException.class, () -> Generator.philox(1).permutation(a));
            }
            Generator g = Generator.philox(SEED);
            Distribution d = Distribution.builder(comm).shape(50).build();
            try (DistArray a = g.permutation(d); DistArray b = g.permutation(d)) {
                org.junit.jupiter.api.Assertions.assertFalse(Arrays.equals(a.toLongArray(0), b.toLongArray(0))
                        && comm.rank() == 0, "two successive permutations are equal");
            }
            assertThrows(IllegalArgumentException.class, () -> Generator.philox(1).permutation(
                    Distribution.builder(comm).shape(2, 2).build()));
        });
    }

    @Test
    void shuffleAndPermutationPermuteTheRowsOfNdArraysOnEveryLayout() throws Exception {
        onRanks(comm -> {
            int p = comm.size();
            for (int n : new int[] {0, 1, 7, 3 * p + 2}) {
                long[] perm = referencePermutation(n);
                long[][] rows = new long[p][];
                for (int r = 0; r < p; r++) {
                    final int rr = r;
                    rows[r] = java.util.stream.LongStream.range(0, n).filter(x -> (x * 3 + 1) % p == rr).toArray();
                }
                List<Distribution> ds = List.of(
                        Distribution.builder(comm).shape(n, 3).build(),
                        Distribution.builder(comm).shape(n, 3).cyclic(0, 2).undistributed(1).build(),
                        Distribution.builder(comm).shape(n, 3).undistributed(0).cyclic(1).build(),
                        Distribution.builder(comm).shape(n, 3).unstructured(0, rows).undistributed(1).build(),
                        Distribution.builder(comm).shape(n, 3).undistributed(0).undistributed(1).build(),
                        Distribution.builder(comm).shape(n, 2, 3).cyclic(2).build(),
                        Distribution.builder(comm).shape(n, 2, 3).onRanks(p - 1).build());
                for (Distribution d : ds) {
                    long[] shape = d.shape();
                    long size = d.globalSize();
                    long inner = n == 0 ? 0 : size / n;
                    double[] want = new double[(int) size];
                    for (int e = 0; e < size; e++) {
                        want[e] = Cases.value(perm[(int) (e / inner)] * inner + e % inner);
                    }
                    for (DType t : new DType[] {DType.FLOAT64, DType.INT64}) {
                        String what = n + " rows " + Arrays.toString(shape) + " " + t + " " + d + " on " + p;
                        try (DistArray a = org.jdistarray.array.DistArrays.fromFunction(d, t,
                                g -> Cases.value(Cases.flat(shape, g)));
                             DistArray b = Generator.philox(SEED).permutation(a)) {
                            double[] got = b.toDoubleArray(0);
                            Generator g = Generator.philox(SEED);
                            g.shuffle(a);
                            assertEquals(1, g.position(), "a shuffle takes one draw");
                            double[] inPlace = a.toDoubleArray(0);
                            if (comm.rank() == 0) {
                                org.junit.jupiter.api.Assertions.assertArrayEquals(want, got, "permutation " + what);
                                org.junit.jupiter.api.Assertions.assertArrayEquals(want, inPlace, "shuffle " + what);
                            }
                        }
                    }
                }
            }
            try (DistArray z = org.jdistarray.array.DistArrays.zeros(Distribution.builder(comm).shape().build(),
                    DType.FLOAT64)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> Generator.philox(1).shuffle(z));
                org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("at least 1-dimensional"),
                        e.getMessage());
            }
        });
    }

    @Test
    void aFreshPeriodicArrayIsUnchangedByTheGhostExchange() throws Exception {
        onRanks(comm -> {
            Distribution d = Distribution.builder(comm).shape(6L * comm.size() + 6, 7).padding(0, 2, 2).periodic(0)
                    .padding(1, 1, 1).periodic(1).grid(comm.size(), 1).build();
            try (DistArray a = RandomArrays.rand(d, 3); DistArray b = a.copy()) {
                b.exchangeGhosts();
                LocalBlock la = a.local();
                LocalBlock lb = b.local();
                for (long i = 0; i < la.elementCount(); i++) {
                    assertEquals(la.getDouble(i), lb.getDouble(i), "offset " + i);
                }
            }
        });
    }

    @Test
    void ranksWithDifferentSeedsFailOnEveryRank() throws Exception {
        onRanks(comm -> {
            Distribution d = Distribution.builder(comm).shape(5).build();
            if (comm.size() > 1) {
                assertThrows(RuntimeException.class, () -> RandomArrays.rand(d, comm.rank()));
            }
            assertThrows(IllegalArgumentException.class, () -> Generator.philox(1).integers(d, 3, 3));
            assertThrows(IllegalArgumentException.class, () -> Generator.philox(1).random(d, DType.INT32));
            assertThrows(IllegalArgumentException.class, () -> Generator.philox(1).integers(d, 0, 1L << 40,
                    DType.INT32));
            try (DistArray ok = Generator.philox(1).random(d)) {
                assertEquals(5, ok.globalSize());
            }
        });
    }
}
