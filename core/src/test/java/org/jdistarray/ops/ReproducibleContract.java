package org.jdistarray.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrayContract;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Test;

/**
 * The reproducible mode: sum, mean, var and std of the same global float arrays, laid out block, irregular block
 * with empty blocks, cyclic, block-cyclic, unstructured (permuted) and 2-D block x cyclic, give exactly the bits of
 * the correctly rounded exact result (computed serially with {@link BigDecimal}): so the same bits on every rank
 * count (thread ranks 1, 2, 3, 4, 7; mpirun -np 1, 2) and every layout; along either axis of 2-D arrays too
 * (block x block, cyclic, block-cyclic x irregular block with empty blocks, unstructured), with and without a where
 * mask.
 */
public abstract class ReproducibleContract {
    static final int N = 1001;

    protected abstract void onRanks(DistArrayContract.Spmd task) throws Exception;

    /** Values over 80 binades with cancellation, a few huge values that cancel, subnormals. */
    static double wide(long i) {
        long h = mix(i);
        double u = (h >>> 11) * 0x1.0p-53 - 0.5;
        int e = (int) ((h & 0x7f) % 80) - 40;
        double v = Math.scalb(u, e);
        if (i % 97 == 5 || i % 97 == 6) {
            return (i % 97 == 5 ? 1 : -1) * 1e300;
        }
        if (i % 89 == 3) {
            return 4.9e-322 * (i % 7);
        }
        return v;
    }

    /** {@link #wide} for float32: the huge values are 1e30. */
    static double wide32(long i) {
        double v = wide(i);
        return (float) (Math.abs(v) == 1e300 ? Math.signum(v) * 1e30 : v);
    }

    /** Values in [-2^20, 2^20] with a large common offset (a hard case for E[x^2] - E[x]^2). */
    static double offset(long i) {
        long h = mix(i + 12345);
        return 1e9 + ((h >>> 11) * 0x1.0p-53 - 0.5) * Math.scalb(1.0, (int) (h & 15));
    }

    private static long mix(long z) {
        z = (z + 0x9e3779b97f4a7c15L) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static List<Function<Communicator, Distribution>> layouts() {
        List<Function<Communicator, Distribution>> l = new ArrayList<>();
        l.add(c -> Distribution.builder(c).shape(N).build());
        l.add(c -> {
            long[] b = new long[c.size() + 1];
            for (int r = 1; r <= c.size(); r++) {
                b[r] = r == c.size() ? N : r % 2 == 1 ? b[r - 1] : Math.min(N, b[r - 1] + 300);
            }
            return Distribution.builder(c).shape(N).blockBounds(0, b).build();
        });
        l.add(c -> Distribution.builder(c).shape(N).cyclic(0).build());
        l.add(c -> Distribution.builder(c).shape(N).cyclic(0, 7).build());
        l.add(c -> {
            int p = c.size();
            List<List<Long>> per = new ArrayList<>();
            for (int r = 0; r < p; r++) {
                per.add(new ArrayList<>());
            }
            for (long g = N - 1; g >= 0; g--) {
                per.get((int) ((mix(g) >>> 1) % p)).add(g);
            }
            long[][] idx = new long[p][];
            for (int r = 0; r < p; r++) {
                idx[r] = per.get(r).stream().mapToLong(Long::longValue).toArray();
            }
            return Distribution.builder(c).shape(N).unstructured(0, idx).build();
        });
        return l;
    }

    @Test
    void sameBitsAsTheExactResultOnEveryLayout() throws Exception {
        BigDecimal[] wideSums = exact(ReproducibleContract::wide, false);
        BigDecimal[] offSums = exact(ReproducibleContract::offset, true);
        double wantSum = round(wideSums[0]);
        double wantMean = round(wideSums[0].divide(BigDecimal.valueOf(N), new MathContext(80)));
        double wantVar = round(variance(offSums, 0));
        double wantVar1 = round(variance(offSums, 1));
        float wantSum32 = (float) round(exact(ReproducibleContract::wide32, false)[0]);
        ReduceOptions repro = ReduceOptions.defaults().reproducible(true);
        onRanks(comm -> {
            for (Function<Communicator, Distribution> make : layouts()) {
                Distribution d = make.apply(comm);
                String what = d.axes().toString() + " on " + comm.size() + " ranks";
                try (DistArray w = DistArrays.fromFunction(d, DType.FLOAT64, g -> wide(g[0]));
                        DistArray o = DistArrays.fromFunction(d, DType.FLOAT64, g -> offset(g[0]));
                        DistArray w32 = DistArrays.fromFunction(d, DType.FLOAT32, g -> wide32(g[0]));
                        DistArray s = Np.sum(w, repro);
                        DistArray m = Np.mean(w, repro);
                        DistArray v = Np.var(o, repro);
                        DistArray v1 = Np.var(o, repro.ddof(1));
                        DistArray sd = Np.std(o, repro.ddof(1));
                        DistArray s32 = Np.sum(w32, repro)) {
                    assertBits(wantSum, s.item(), "sum " + what);
                    assertBits(wantMean, m.item(), "mean " + what);
                    assertBits(wantVar, v.item(), "var " + what);
                    assertBits(wantVar1, v1.item(), "var ddof=1 " + what);
                    assertBits(Math.sqrt(wantVar1), sd.item(), "std " + what);
                    assertEquals(DType.FLOAT32, s32.dtype());
                    assertBits(wantSum32, s32.item(), "float32 sum " + what);
                }
            }
            Distribution grid = Distribution.builder(comm).shape(7, 143).cyclic(1).build();
            try (DistArray w = DistArrays.fromFunction(grid, DType.FLOAT64, g -> wide(g[0] * 143 + g[1]));
                    DistArray s = Np.sum(w, repro)) {
                assertBits(wantSum, s.item(), "sum 2-D block x cyclic on " + comm.size() + " ranks");
            }
        });
    }

    static final int R = 13;
    static final int C = 29;

    /** 2-D layouts of the same R x C array: block x block, cyclic, block-cyclic x irregular block, unstructured. */
    static List<Function<Communicator, Distribution>> layouts2d() {
        List<Function<Communicator, Distribution>> l = new ArrayList<>();
        l.add(c -> Distribution.builder(c).shape(R, C).build());
        l.add(c -> Distribution.builder(c).shape(R, C).cyclic(0).undistributed(1).build());
        l.add(c -> Distribution.builder(c).shape(R, C).block(0).cyclic(1).build());
        l.add(c -> {
            long[] b = new long[c.size() + 1];
            for (int r = 1; r <= c.size(); r++) {
                b[r] = r == c.size() ? C : r % 2 == 1 ? b[r - 1] : Math.min(C, b[r - 1] + 9);
            }
            return Distribution.builder(c).shape(R, C).cyclic(0, 3).blockBounds(1, b).grid(1, c.size()).build();
        });
        l.add(c -> {
            int p = c.size();
            List<List<Long>> per = new ArrayList<>();
            for (int r = 0; r < p; r++) {
                per.add(new ArrayList<>());
            }
            for (long g = C - 1; g >= 0; g--) {
                per.get((int) ((mix(g) >>> 1) % p)).add(g);
            }
            long[][] idx = new long[p][];
            for (int r = 0; r < p; r++) {
                idx[r] = per.get(r).stream().mapToLong(Long::longValue).toArray();
            }
            return Distribution.builder(c).shape(R, C).undistributed(0).unstructured(1, idx).build();
        });
        return l;
    }

    static boolean picked(long flat) {
        return mix(flat + 77) % 5 != 0;
    }

    @Test
    void sameBitsAlongAxesOnEveryLayout() throws Exception {
        onRanks(comm -> {
            for (Function<Communicator, Distribution> make : layouts2d()) {
                Distribution d = make.apply(comm);
                String what = d.axes().toString() + " on " + comm.size() + " ranks";
                try (DistArray w = DistArrays.fromFunction(d, DType.FLOAT64, g -> wide(g[0] * C + g[1]));
                        DistArray o = DistArrays.fromFunction(d, DType.FLOAT64, g -> offset(g[0] * C + g[1]));
                        DistArray m = DistArrays.fromFunction(d, DType.BOOL, g -> picked(g[0] * C + g[1]) ? 1 : 0)) {
                    for (int axis = 0; axis < 2; axis++) {
                        for (boolean masked : new boolean[] {false, true}) {
                            ReduceOptions op = masked ? ReduceOptions.axis(axis).reproducible(true).where(m)
                                    : ReduceOptions.axis(axis).reproducible(true);
                            String at = what + " axis " + axis + (masked ? " masked" : "");
                            try (DistArray s = Np.sum(w, op);
                                    DistArray mn = Np.mean(w, op);
                                    DistArray v = Np.var(o, op.ddof(1))) {
                                double[] gs = s.toDoubleArray(0);
                                double[] gm = mn.toDoubleArray(0);
                                double[] gv = v.toDoubleArray(0);
                                if (comm.rank() == 0) {
                                    int cells = axis == 0 ? C : R;
                                    for (int c = 0; c < cells; c++) {
                                        BigDecimal[] e = exactLine(axis, c, masked, false);
                                        BigDecimal[] eo = exactLine(axis, c, masked, true);
                                        long n = e[2].longValue();
                                        assertBits(round(e[0]), gs[c], "sum " + at + " [" + c + "]");
                                        assertBits(n == 0 ? Double.NaN : round(e[0].divide(BigDecimal.valueOf(n),
                                                new MathContext(80))), gm[c], "mean " + at + " [" + c + "]");
                                        assertBits(n < 2 ? Double.NaN : round(variance(eo, n, 1)), gv[c],
                                                "var " + at + " [" + c + "]");
                                    }
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    /** Exact S1, S2 and the count of line {@code c} (a column for axis 0, a row for axis 1). */
    private static BigDecimal[] exactLine(int axis, int c, boolean masked, boolean off) {
        BigDecimal s1 = BigDecimal.ZERO;
        BigDecimal s2 = BigDecimal.ZERO;
        long n = 0;
        int len = axis == 0 ? R : C;
        for (int k = 0; k < len; k++) {
            long flat = axis == 0 ? (long) k * C + c : (long) c * C + k;
            if (masked && !picked(flat)) {
                continue;
            }
            BigDecimal x = new BigDecimal(off ? offset(flat) : wide(flat));
            s1 = s1.add(x);
            s2 = s2.add(x.multiply(x));
            n++;
        }
        return new BigDecimal[] {s1, s2, BigDecimal.valueOf(n)};
    }

    private static BigDecimal variance(BigDecimal[] s, long count, int ddof) {
        BigDecimal n = BigDecimal.valueOf(count);
        BigDecimal k = n.multiply(s[1]).subtract(s[0].multiply(s[0]));
        return k.divide(n.multiply(BigDecimal.valueOf(count - ddof)), new MathContext(80));
    }

    private static void assertBits(double want, double got, String what) {
        assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got), what + ": want " + want
                + " got " + got);
    }

    /** Exact S1 (and S2) of the N values. */
    private static BigDecimal[] exact(java.util.function.LongToDoubleFunction f, boolean squares) {
        BigDecimal s1 = BigDecimal.ZERO;
        BigDecimal s2 = BigDecimal.ZERO;
        for (long i = 0; i < N; i++) {
            BigDecimal x = new BigDecimal(f.applyAsDouble(i));
            s1 = s1.add(x);
            if (squares) {
                s2 = s2.add(x.multiply(x));
            }
        }
        return new BigDecimal[] {s1, s2};
    }

    private static BigDecimal variance(BigDecimal[] s, int ddof) {
        BigDecimal n = BigDecimal.valueOf(N);
        BigDecimal k = n.multiply(s[1]).subtract(s[0].multiply(s[0]));
        return k.divide(n.multiply(BigDecimal.valueOf(N - ddof)), new MathContext(80));
    }

    /** Correct rounding of a decimal (Java's decimal parser rounds correctly). */
    private static double round(BigDecimal x) {
        return Double.parseDouble(x.toString());
    }
}
