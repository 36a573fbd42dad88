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
 * count (thread ranks 1, 2, 3, 4, 7; mpirun -np 1, 2) and every layout.
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
