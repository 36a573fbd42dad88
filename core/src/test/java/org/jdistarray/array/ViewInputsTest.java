package org.jdistarray.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.io.ArrayIO;
import org.jdistarray.io.Hdf5Mode;
import org.jdistarray.ops.Np;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DistKind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Slicing views go wherever an array goes: written by every file format (npy, dnpy, HDF5) and read back equal to the
 * serial model of the selection, gathered by {@code take} and selected by masks, on block rows (with empty blocks at
 * 7 ranks) and block-cyclic rows, strided and reversed.
 */
class ViewInputsTest {
    @TempDir
    Path dir;

    private static double value(long i, long j) {
        return i * 10 + j;
    }

    /** Every element of {@code a} in C order, on every rank. */
    private static double[] all(DistArray a) {
        long[] shape = a.shape();
        try (DistArray c = a.redistribute(Distribution.fromShape(a.distribution().communicator(), shape,
                Collections.nCopies(shape.length, DistKind.UNDISTRIBUTED)))) {
            double[] out = new double[(int) c.globalSize()];
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(8 * out.length).order(java.nio.ByteOrder.nativeOrder());
            c.local().copyTo(b);
            b.asDoubleBuffer().get(0, out);
            return out;
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void viewsAreWrittenReadGatheredAndMasked(int ranks) throws Exception {
        Path base = Files.createDirectories(dir.resolve("r" + ranks));
        LocalCluster.run(ranks, Duration.ofSeconds(120), comm -> {
            long rows = comm.size() + 3;
            List<Distribution> layouts = List.of(Distribution.builder(comm).shape(rows, 4).block(0).undistributed(1)
                    .build(), Distribution.builder(comm).shape(rows, 4).cyclic(0, 2).undistributed(1).build());
            int l = 0;
            for (Distribution d : layouts) {
                for (String ix : List.of("1::2, ::-1", "::-1, 1:3", "-2::-3")) {
                    try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> value(g[0], g[1]));
                            DistArray v = a.get(ix)) {
                        long[] s = v.shape();
                        double[] model = model(rows, ix);
                        String name = "l" + l + "_" + Math.abs(ix.hashCode());
                        Path npy = base.resolve(name + ".npy");
                        ArrayIO.saveNpy(npy, v);
                        Distribution back = Distribution.fromShape(comm, s, Collections.nCopies(s.length, DistKind.BLOCK));
                        try (DistArray r = ArrayIO.loadNpy(npy, back)) {
                            assertArrayEquals(model, all(r), ix + " npy");
                        }
                        String prefix = base.resolve(name).toString();
                        ArrayIO.saveDnpy(prefix, v);
                        try (DistArray r = ArrayIO.loadDnpy(comm, prefix)) {
                            assertArrayEquals(model, all(r), ix + " dnpy");
                        }
                        Path h5 = base.resolve(name + ".h5");
                        ArrayIO.saveHdf5(h5, "x", v, Hdf5Mode.CREATE);
                        try (DistArray r = ArrayIO.loadHdf5(h5, "x", back)) {
                            assertArrayEquals(model, all(r), ix + " hdf5");
                        }
                        long n = v.globalSize();
                        try (DistArray t = Np.take(v, new long[] {n - 1, 0, -1})) {
                            assertArrayEquals(new double[] {model[(int) n - 1], model[0], model[(int) n - 1]}, all(t),
                                    ix + " take");
                        }
                        try (DistArray m = Np.greater(v, 20.0); DistArray p = v.getMask(m)) {
                            double[] exp = java.util.Arrays.stream(model).filter(x -> x > 20).toArray();
                            assertArrayEquals(exp, all(p), ix + " mask");
                        }
                    }
                }
                l++;
            }
        });
    }

    /** The selection {@code ix} of the {@code (rows, 4)} array {@code 10 i + j}, in C order. */
    private static double[] model(long rows, String ix) {
        long[] r;
        long[] c;
        switch (ix) {
            case "1::2, ::-1" -> {
                r = range(1, rows, 2);
                c = new long[] {3, 2, 1, 0};
            }
            case "::-1, 1:3" -> {
                r = range(rows - 1, -1, -1);
                c = new long[] {1, 2};
            }
            default -> {
                r = range(rows - 2, -1, -3);
                c = new long[] {0, 1, 2, 3};
            }
        }
        double[] out = new double[r.length * c.length];
        for (int i = 0; i < r.length; i++) {
            for (int j = 0; j < c.length; j++) {
                out[i * c.length + j] = value(r[i], c[j]);
            }
        }
        return out;
    }

    private static long[] range(long start, long stop, long step) {
        java.util.List<Long> v = new java.util.ArrayList<>();
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
            v.add(i);
        }
        return v.stream().mapToLong(Long::longValue).toArray();
    }
}
