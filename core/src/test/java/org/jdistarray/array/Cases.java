package org.jdistarray.array;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DistKind;

/**
 * The distributions every oracle test runs on, for any number of ranks P: every distribution kind, 1-D to 4-D,
 * irregular blocks, empty blocks and zero-length axes, and a padded block. Values: a serial reference array.
 */
public final class Cases {
    /** A named distribution for a communicator. */
    public record Case(String name, Function<Communicator, Distribution> make) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Cases() {
    }

    public static List<Case> all() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("block1d", comm -> Distribution.fromShape(comm, new long[] {2L * comm.size() + 3}, List.of(DistKind.BLOCK))));
        c.add(new Case("cyclic1d", comm -> Distribution.builder(comm).shape(2L * comm.size() + 3).cyclic(0).build()));
        c.add(new Case("blockCyclic1d", comm -> Distribution.builder(comm).shape(3L * comm.size() + 2).cyclic(0, 2).build()));
        c.add(new Case("irregular1d", comm -> {
            int p = comm.size();
            long[] bounds = new long[p + 1];
            for (int r = 0; r < p; r++) {
                bounds[r + 1] = bounds[r] + (r % 3 == 1 ? 0 : r % 3 + 2);
            }
            return Distribution.builder(comm).shape(bounds[p]).blockBounds(0, bounds).build();
        }));
        c.add(new Case("unstructured1d", comm -> {
            int p = comm.size();
            long n = 2L * p + 1;
            List<List<Long>> per = new ArrayList<>();
            for (int r = 0; r < p; r++) {
                per.add(new ArrayList<>());
            }
            for (long g = n - 1; g >= 0; g--) {
                per.get((int) ((g * 7 + 3) % p)).add(g);
            }
            long[][] idx = new long[p][];
            for (int r = 0; r < p; r++) {
                idx[r] = per.get(r).stream().mapToLong(Long::longValue).toArray();
            }
            return Distribution.builder(comm).shape(n).unstructured(0, idx).build();
        }));
        c.add(new Case("emptyBlocks1d", comm -> Distribution.fromShape(comm, new long[] {2}, List.of(DistKind.BLOCK))));
        c.add(new Case("zeroLength1d", comm -> Distribution.fromShape(comm, new long[] {0}, List.of(DistKind.CYCLIC))));
        c.add(new Case("block2d", comm -> Distribution.fromShape(comm, new long[] {comm.size() + 2, 5},
                List.of(DistKind.BLOCK, DistKind.BLOCK))));
        c.add(new Case("cyclicUndistributed2d", comm -> Distribution.builder(comm).shape(2L * comm.size() + 1, 3)
                .cyclic(0).undistributed(1).build()));
        c.add(new Case("blockCyclicBlock2d", comm -> Distribution.builder(comm).shape(7, 9).cyclic(0, 2).block(1).build()));
        c.add(new Case("zeroLength2d", comm -> Distribution.builder(comm).shape(3, 0).build()));
        c.add(new Case("mixed3d", comm -> Distribution.builder(comm).shape(4, 5, 3).block(0).cyclic(1).undistributed(2).build()));
        c.add(new Case("mixed4d", comm -> Distribution.builder(comm).shape(3, 4, 2, 5).block(0).cyclic(1, 2)
                .undistributed(2).cyclic(3).build()));
        c.add(new Case("padded2d", comm -> Distribution.builder(comm).shape(4L * comm.size() + 6, 5)
                .padding(0, 1, 1).grid(comm.size(), 1).build()));
        return c;
    }

    /** The reference value of the element at global flat index {@code flat}: small integers, some negative. */
    public static double value(long flat) {
        return (flat * 37) % 101 - 50;
    }

    /** {@link #value} as {@code dtype} would hold it (NumPy unsafe cast), read back as a double. */
    public static double valueAs(long flat, DType dtype) {
        return cast(value(flat), dtype);
    }

    public static double cast(double v, DType dtype) {
        return switch (dtype) {
            case UINT8 -> ((long) v) & 0xFF;
            case INT8 -> (byte) (long) v;
            case UINT16 -> ((long) v) & 0xFFFF;
            case INT16 -> (short) (long) v;
            case UINT32 -> ((long) v) & 0xFFFF_FFFFL;
            case BOOL -> v != 0 ? 1 : 0;
            default -> v;
        };
    }

    /** The reference array of a shape. */
    public static double[] reference(long[] shape, DType dtype) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] out = new double[(int) n];
        for (int i = 0; i < out.length; i++) {
            out[i] = valueAs(i, dtype);
        }
        return out;
    }

    /** A Python float's repr as NumPy fixtures print it ({@code nan}, {@code inf}, {@code -inf} included). */
    public static double pyFloat(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    /** C-order flat index of a global index tuple. */
    public static long flat(long[] shape, long[] g) {
        long f = 0;
        for (int i = 0; i < shape.length; i++) {
            f = f * shape[i] + g[i];
        }
        return f;
    }
}
