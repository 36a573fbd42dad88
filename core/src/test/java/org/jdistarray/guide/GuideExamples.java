package org.jdistarray.guide;

import java.nio.file.Path;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.Redistribution;
import org.jdistarray.io.ArrayIO;
import org.jdistarray.io.Hdf5Mode;
import org.jdistarray.ops.Np;
import org.jdistarray.ops.ReduceOptions;
import org.jdistarray.protocol.DType;
import org.jdistarray.random.Generator;

/**
 * The user guide's examples of core/README.md ("User guide: one runnable example per feature area"), one method per
 * area; the code between the markers is shown on the page verbatim (with the imports it needs), and
 * {@link GuideExamplesTest} runs every method on 1, 2, 3, 4 and 7 thread ranks and checks what it returns against
 * closed forms, a serial loop or NumPy's numbers.
 */
final class GuideExamples {
    private GuideExamples() {
    }

    /** Element-wise: returns the clipped sums' array, one fused value and one value after the in-place update. */
    static Object[] elementwise(Communicator comm) {
        // --- elementwise start ---
        Distribution d = Distribution.builder(comm).shape(6, 4).cyclic(0).build();      // rows dealt out round-robin
        double[] clipped;
        double fused;
        double doubled;
        String dtype;
        try (DistArray x = DistArrays.fromFunction(d, DType.FLOAT64, g -> g[0] - g[1]);  // x[i, j] = i - j
             DistArray k = DistArrays.full(d, DType.INT32, 3L);
             DistArray s = Np.add(x, k);                           // float64 + int32 -> float64, NumPy's rules
             DistArray c = Np.clip(s, 0.0, 4.0);
             DistArray h = Np.expr(s).square().add(1.0).sqrt().eval()) { // sqrt(s*s + 1): one pass, no temporaries
            dtype = s.dtype().numpyName();
            s.multiplyInPlace(2.0);                                // s *= 2
            clipped = c.toDoubleArray(0);                          // the whole array on rank 0, null elsewhere
            fused = h.getDouble(5, 0);                             // collective: every rank gets the element
            doubled = s.getDouble(5, 0);
        }
        // --- elementwise end ---
        return new Object[] {clipped, fused, doubled, dtype};
    }

    /** Reductions: the total, the column maxima, the row variances, the flat argmax. */
    static Object[] reductions(Communicator comm) {
        // --- reductions start ---
        Distribution d = Distribution.builder(comm).shape(5, 3).build();
        double sum;
        double[] colMax;
        double[] rowVar;
        long argmax;
        try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> (g[0] - 2) * (g[0] - 2) * 3 + g[1]);
             DistArray total = Np.sum(a);                                  // 0-d, replicated on every rank
             DistArray cols = Np.max(a, 0);                                // axis 0 reduced: shape (3,)
             DistArray v = a.var(ReduceOptions.axis(1).ddof(1));           // per row, ddof=1: shape (5,)
             DistArray am = Np.argmax(a)) {                                // axis=None: a flat index, int64
            sum = total.item();                                            // not collective: this rank's copy
            colMax = cols.toDoubleArray(0);
            rowVar = v.toDoubleArray(0);
            argmax = am.itemLong();
        }
        // --- reductions end ---
        return new Object[] {sum, colMax, rowVar, argmax};
    }

    /** Indexing: the array after the view's fill and the slice assignment, and the elements a mask picked. */
    static Object[] indexing(Communicator comm) {
        // --- indexing start ---
        Distribution rows = Distribution.builder(comm).shape(4, 5).build();
        double[] after;
        double[] picked;
        try (DistArray a = DistArrays.fromFunction(rows, DType.FLOAT64, g -> 5 * g[0] + g[1]); // 0, 1, ..., 19
             DistArray v = a.get("1:, ::-2")) {            // a view: rows 1..3, columns 4, 2, 0; no data moved
            v.fill(-1.0);                                  // writes show through in a
            a.set(":, 1", 7.0);                            // a[:, 1] = 7
            try (DistArray big = Np.greater(a, 10.0);
                 DistArray p = a.getMask(big)) {           // a[a > 10]: 1-D, in C order
                picked = p.toDoubleArray(0);
            }
            after = a.toDoubleArray(0);
        }
        // --- indexing end ---
        return new Object[] {after, picked};
    }

    /** Redistribution: the redistributed and the transposed array, this rank's block shape, the plan's text. */
    static Object[] redistribution(Communicator comm) {
        // --- redistribution start ---
        Distribution rows = Distribution.builder(comm).shape(6, 8).build();                         // row blocks
        Distribution cols = Distribution.builder(comm).shape(6, 8).undistributed(0).block(1).build(); // column blocks
        Redistribution plan = Redistribution.plan(rows, cols);   // collective; one plan serves every array of the pair
        String explained = plan.explain(DType.FLOAT64);          // bytes and messages per rank, before anything moves
        double[] moved;
        double[] transposed;
        long[] myBlock;
        try (DistArray a = DistArrays.fromFunction(rows, DType.FLOAT64, g -> 8 * g[0] + g[1]);
             DistArray b = a.redistribute(plan);                // the same values, now in column blocks
             DistArray t = a.transpose()) {                     // shape (8, 6)
            myBlock = b.local().shape();                         // this rank's block: {6, its number of columns}
            moved = b.toDoubleArray(0);
            transposed = t.toDoubleArray(0);
        }
        // --- redistribution end ---
        return new Object[] {moved, transposed, myBlock, explained};
    }

    /** Random: the first and last uniform draws, their mean, and the normal draws. */
    static Object[] random(Communicator comm) {
        // --- random start ---
        Distribution d = Distribution.builder(comm).shape(1000).cyclic(0).build();
        Generator rng = Generator.philox(1234);       // numpy.random.Generator(numpy.random.Philox(key=1234))
        double first;
        double last;
        double mean;
        double[] normals;
        try (DistArray u = rng.random(d);             // NumPy's rng.random(1000), bit for bit, for any layout
             DistArray m = Np.mean(u);
             DistArray z = rng.normal(d, 10.0, 2.0)) { // the next draws of the stream (Box-Muller, not NumPy's)
            first = u.getDouble(0);
            last = u.getDouble(-1);
            mean = m.item();
            normals = z.toDoubleArray(0);
        }
        // --- random end ---
        return new Object[] {first, last, mean, normals};
    }

    /** IO: the .npy and HDF5 files read back into another layout, and the .npy header's text. */
    static Object[] io(Communicator comm, Path dir) {
        // --- io start ---
        Path npy = dir.resolve("a.npy");                         // dir: a folder every rank sees
        Path h5 = dir.resolve("a.h5");
        Distribution rows = Distribution.builder(comm).shape(6, 5).build();
        Distribution cyclic = Distribution.builder(comm).shape(6, 5).cyclic(0).build();
        try (DistArray a = DistArrays.fromFunction(rows, DType.INT32, g -> 10 * g[0] + g[1])) {
            ArrayIO.saveNpy(npy, a);                             // np.save: one file, each rank writes its part
            ArrayIO.saveHdf5(h5, "/g/a", a, Hdf5Mode.TRUNCATE);  // h5py: File(h5, "w").create_dataset("/g/a", ...)
        }
        long[] fromNpy;
        long[] fromHdf5;
        try (DistArray b = ArrayIO.loadNpy(npy, cyclic);         // np.load into another layout
             DistArray c = ArrayIO.loadHdf5(h5, "/g/a", cyclic)) {
            fromNpy = b.toLongArray(0);
            fromHdf5 = c.toLongArray(0);
        }
        String header = ArrayIO.readNpyHeader(npy).descr();      // not collective: "<i4"
        // --- io end ---
        return new Object[] {fromNpy, fromHdf5, header};
    }
}
