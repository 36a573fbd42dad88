package org.jdistarray.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.jdistarray.array.Cases;
import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrayContract;
import org.jdistarray.array.DistArrays;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Test;

/**
 * Oracle contract of the {@code where=} and {@code initial=} keywords against a serial masked reference: every
 * distribution of {@link Cases} (empty blocks, padding, 1-D to 4-D), axis=None, the first and the last axis, full
 * masks and masks that broadcast (a replicated mask of the last axis' length), NumPy's keyword errors on every rank.
 * Runs on thread ranks and under mpirun.
 */
public abstract class ReduceWhereContract {
    private static final ReduceKind[] KINDS = {ReduceKind.SUM, ReduceKind.PROD, ReduceKind.NANSUM, ReduceKind.MEAN,
            ReduceKind.NANMEAN, ReduceKind.VAR, ReduceKind.STD, ReduceKind.MIN, ReduceKind.MAX, ReduceKind.NANMIN,
            ReduceKind.NANMAX, ReduceKind.ANY, ReduceKind.ALL};

    protected abstract void onRanks(DistArrayContract.Spmd task) throws Exception;

    static boolean selected(long flat) {
        return (flat * 13 + 5) % 7 < 4;
    }

    static double val(long flat) {
        return flat % 11 == 3 ? Double.NaN : Cases.value(flat) / 4;
    }

    @Test
    void maskedReductionsMatchTheSerialReference() throws Exception {
        onRanks(comm -> {
            for (Cases.Case c : Cases.all()) {
                Distribution d = c.make().apply(comm);
                long[] shape = d.shape();
                try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> val(Cases.flat(shape, g)));
                        DistArray m = DistArrays.fromFunction(d, DType.BOOL, g -> selected(Cases.flat(shape, g)) ? 1 : 0)) {
                    List<int[]> axes = new ArrayList<>();
                    axes.add(null);
                    if (d.ndim() > 1) {
                        axes.add(new int[] {0});
                        axes.add(new int[] {d.ndim() - 1});
                    }
                    double[] all = a.toDoubleArray(0);
                    for (int[] axis : axes) {
                        for (ReduceKind k : KINDS) {
                            check(comm.rank(), c.name(), k, a, m, axis, all, shape, false);
                        }
                    }
                }
            }
        });
    }

    @Test
    void broadcastMaskAndIntegers() throws Exception {
        onRanks(comm -> {
            Distribution d = Distribution.builder(comm).shape(2L * comm.size() + 1, 6).cyclic(0).build();
            long[] shape = d.shape();
            Distribution md = Distribution.builder(comm).shape(6).undistributed(0).build();
            try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> val(Cases.flat(shape, g)));
                    DistArray m = DistArrays.fromFunction(md, DType.BOOL, g -> selected(g[0]) ? 1 : 0);
                    DistArray ai = DistArrays.fromFunction(d, DType.INT64, g -> Cases.value(Cases.flat(shape, g)))) {
                double[] all = a.toDoubleArray(0);
                double[] alli = ai.toDoubleArray(0);
                for (int[] axis : new int[][] {null, {0}, {1}}) {
                    for (ReduceKind k : KINDS) {
                        check(comm.rank(), "broadcast mask", k, a, m, axis, all, shape, true);
                    }
                    for (ReduceKind k : new ReduceKind[] {ReduceKind.SUM, ReduceKind.MIN, ReduceKind.MAX}) {
                        check(comm.rank(), "int64", k, ai, m, axis, alli, shape, true);
                    }
                }
            }
        });
    }

    @Test
    void numpysKeywordErrorsOnEveryRank() throws Exception {
        onRanks(comm -> {
            Distribution d = Distribution.builder(comm).shape(2L * comm.size() + 1, 3).build();
            try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> g[0]);
                    DistArray m = DistArrays.fromFunction(d, DType.BOOL, g -> 1);
                    DistArray mi = DistArrays.fromFunction(d, DType.INT64, g -> 1);
                    DistArray m2 = DistArrays.fromFunction(Distribution.builder(comm).shape(2).undistributed(0).build(),
                            DType.BOOL, g -> 1)) {
                ReduceOptions w = ReduceOptions.defaults().where(m);
                assertEquals("reduction operation 'minimum' does not have an identity, so to use a where mask one has"
                        + " to specify 'initial'", assertThrows(IllegalArgumentException.class,
                                () -> Np.min(a, w)).getMessage());
                assertEquals("reduction operation 'fmax' does not have an identity, so to use a where mask one has to"
                        + " specify 'initial'", assertThrows(IllegalArgumentException.class,
                                () -> Np.nanmax(a, w)).getMessage());
                assertEquals("argmin() got an unexpected keyword argument 'where'",
                        assertThrows(IllegalArgumentException.class, () -> Np.argmin(a, w)).getMessage());
                assertEquals("mean() got an unexpected keyword argument 'initial'", assertThrows(
                        IllegalArgumentException.class, () -> Np.mean(a, ReduceOptions.defaults().initial(1))).getMessage());
                assertEquals("Cannot cast array data from dtype('int64') to dtype('bool') according to the rule 'safe'",
                        assertThrows(UfuncTypeException.class,
                                () -> Np.sum(a, ReduceOptions.defaults().where(mi))).getMessage());
                assertEquals("operands could not be broadcast together with remapped shapes [original->remapped]: "
                        + Broadcast.format(a.shape()) + " (2,) ", assertThrows(IllegalArgumentException.class,
                                () -> Np.sum(a, ReduceOptions.defaults().where(m2))).getMessage());
                try (DistArray e = DistArrays.empty(Distribution.builder(comm).shape(0, 3).build(), DType.FLOAT64);
                        DistArray r = Np.max(e, ReduceOptions.axis(0).initial(2))) {
                    double[] got = r.toDoubleArray(0);
                    if (comm.rank() == 0) {
                        assertEquals(3, got.length);
                        assertEquals(2.0, got[1]);
                    }
                }
            }
        });
    }

    private static void check(int rank, String name, ReduceKind k, DistArray a, DistArray m, int[] axis,
            double[] all, long[] shape, boolean broadcastMask) {
        boolean extreme = k.family == ReduceKind.Family.EXTREME;
        boolean isInt = a.dtype() == DType.INT64;
        double init = isInt ? 3 : 0.75;
        ReduceOptions o = (axis == null ? ReduceOptions.defaults() : ReduceOptions.axis(axis)).where(m);
        if (extreme || k == ReduceKind.SUM && isInt) {
            o = isInt ? o.initial(3L) : o.initial(init);
        }
        String what = name + " " + k.numpyName + " axis " + (axis == null ? "None" : axis[0]);
        try (DistArray r = Reducer.run(k, a, o)) {
            double[] got = r.toDoubleArray(0);
            if (rank != 0) {
                return;
            }
            double[] want = reference(k, all, shape, axis, broadcastMask, o.initialOrNull());
            assertEquals(want.length, got.length, what);
            for (int i = 0; i < want.length; i++) {
                double tol = 1e-12 * Math.max(1, Math.abs(want[i]));
                assertTrue(Double.isNaN(want[i]) ? Double.isNaN(got[i]) : Math.abs(want[i] - got[i]) <= tol,
                        what + " [" + i + "]: want " + want[i] + " got " + got[i]);
            }
        }
    }

    /** The serial masked reduction, result in C order. */
    static double[] reference(ReduceKind k, double[] all, long[] shape, int[] axis, boolean broadcastMask,
            Number initial) {
        int n = shape.length;
        boolean[] red = new boolean[n];
        for (int i = 0; i < n; i++) {
            red[i] = axis == null || axis[0] == i;
        }
        long out = 1;
        for (int i = 0; i < n; i++) {
            out *= red[i] ? 1 : shape[i];
        }
        List<List<Double>> cells = new ArrayList<>();
        for (int c = 0; c < out; c++) {
            cells.add(new ArrayList<>());
        }
        long last = n == 0 ? 1 : shape[n - 1];
        for (int f = 0; f < all.length; f++) {
            long rest = f;
            long cell = 0;
            long mul = 1;
            for (int i = n - 1; i >= 0; i--) {
                long idx = rest % shape[i];
                rest /= shape[i];
                if (!red[i]) {
                    cell += idx * mul;
                    mul *= shape[i];
                }
            }
            if (selected(broadcastMask ? f % last : f)) {
                cells.get((int) cell).add(all[f]);
            }
        }
        double[] r = new double[(int) out];
        for (int c = 0; c < out; c++) {
            r[c] = one(k, cells.get(c), initial);
        }
        return r;
    }

    private static double one(ReduceKind k, List<Double> xs, Number initial) {
        double init = initial == null ? 0 : initial.doubleValue();
        List<Double> v = k.skipsNan() ? xs.stream().filter(x -> !Double.isNaN(x)).toList() : xs;
        double s = 0;
        for (double x : v) {
            s += x;
        }
        double mean = s / v.size();
        double q = 0;
        for (double x : v) {
            q += (x - mean) * (x - mean);
        }
        double p = 1;
        for (double x : v) {
            p *= x;
        }
        return switch (k) {
            case SUM, NANSUM -> s + init;
            case PROD -> p;
            case MEAN, NANMEAN -> v.isEmpty() ? Double.NaN : mean;
            case VAR -> v.isEmpty() ? Double.NaN : q / v.size();
            case STD -> v.isEmpty() ? Double.NaN : Math.sqrt(q / v.size());
            case MIN, NANMIN -> v.stream().reduce(init, (x, y) -> Double.isNaN(x) || Double.isNaN(y) ? Double.NaN
                    : Math.min(x, y));
            case MAX, NANMAX -> v.stream().reduce(init, (x, y) -> Double.isNaN(x) || Double.isNaN(y) ? Double.NaN
                    : Math.max(x, y));
            case ANY -> v.stream().anyMatch(x -> x != 0) ? 1 : 0;
            case ALL -> v.stream().allMatch(x -> x != 0) ? 1 : 0;
            default -> throw new IllegalStateException(k.toString());
        };
    }
}
