package org.jdistarray.io;

import java.util.List;

import org.jdistarray.protocol.DimDistribution;

/**
 * The runs of one rank's owned elements in a file: maximal stretches that are contiguous both in the file (global C
 * or Fortran order) and in the local block (offset + strides), in local C order. A block along the last axis gives one
 * run per row, merged across rows when the rows follow each other in both; a cyclic last axis gives runs of one
 * element. Not collective.
 */
final class FileRuns {
    /** Receives runs, in elements: file element index, local element offset, element count. */
    interface Sink {
        void run(long fileElement, long localElement, long count);
    }

    private FileRuns() {
    }

    /**
     * The file strides (in elements) of an array of {@code shape} in C order, or Fortran order if {@code fortran}.
     */
    static long[] fileStrides(long[] shape, boolean fortran) {
        int n = shape.length;
        long[] s = new long[n];
        long stride = 1;
        if (fortran) {
            for (int i = 0; i < n; i++) {
                s[i] = stride;
                stride *= shape[i];
            }
        } else {
            for (int i = n - 1; i >= 0; i--) {
                s[i] = stride;
                stride *= shape[i];
            }
        }
        return s;
    }

    /**
     * Emits the runs of the owned elements of a local block ({@code dims}, with local element {@code (l0, ...)} at
     * {@code offset + sum l_i * strides_i}) in a file with element strides {@code fileStrides}; with {@code held},
     * of every cell of the block that has a global index (padding cells included: ghosts get what they mirror).
     */
    static void forEach(List<DimDistribution> dims, boolean holdsNothing, boolean held, long offset, long[] strides,
            long[] fileStrides, Sink sink) {
        if (holdsNothing) {
            return;
        }
        int n = dims.size();
        Merger out = new Merger(sink);
        if (n == 0) {
            out.run(0, offset, 1);
            out.flush();
            return;
        }
        long[][] g = new long[n][];
        long[][] l = new long[n][];
        for (int i = 0; i < n; i++) {
            DimDistribution d = dims.get(i);
            if (held) {
                heldCells(d, g, l, i);
            } else {
                g[i] = d.ownedGlobalIndices().toArray();
                l[i] = new long[g[i].length];
                for (int k = 0; k < g[i].length; k++) {
                    l[i][k] = d.localFromGlobal(g[i][k]);
                }
            }
            if (g[i].length == 0) {
                return;
            }
        }
        // the last axis as segments contiguous in both the file and the block
        int last = n - 1;
        boolean unit = fileStrides[last] == 1 && strides[last] == 1;
        int m = g[last].length;
        long[] segG = new long[m];
        long[] segL = new long[m];
        long[] segN = new long[m];
        int segs = 0;
        for (int k = 0; k < m; k++) {
            if (segs > 0 && unit && g[last][k] == segG[segs - 1] + segN[segs - 1]
                    && l[last][k] == segL[segs - 1] + segN[segs - 1]) {
                segN[segs - 1]++;
            } else {
                segG[segs] = g[last][k];
                segL[segs] = l[last][k];
                segN[segs] = 1;
                segs++;
            }
        }
        int[] pos = new int[last];
        while (true) {
            long fb = 0;
            long lb = offset;
            for (int i = 0; i < last; i++) {
                fb += g[i][pos[i]] * fileStrides[i];
                lb += l[i][pos[i]] * strides[i];
            }
            for (int s = 0; s < segs; s++) {
                out.run(fb + segG[s] * fileStrides[last], lb + segL[s] * strides[last], segN[s]);
            }
            int axis = last - 1;
            while (axis >= 0 && ++pos[axis] == g[axis].length) {
                pos[axis] = 0;
                axis--;
            }
            if (axis < 0) {
                break;
            }
        }
        out.flush();
    }

    /** Every local index of axis {@code i} with its global index (cells with none are left out). */
    private static void heldCells(DimDistribution d, long[][] g, long[][] l, int i) {
        int m = (int) d.localSize();
        long[] gs = new long[m];
        long[] ls = new long[m];
        int k = 0;
        for (int j = 0; j < m; j++) {
            long global;
            try {
                global = d.globalFromLocal(j);
            } catch (IndexOutOfBoundsException none) {
                continue;
            }
            if (global < 0 || global >= d.size()) {
                continue;
            }
            gs[k] = global;
            ls[k] = j;
            k++;
        }
        g[i] = java.util.Arrays.copyOf(gs, k);
        l[i] = java.util.Arrays.copyOf(ls, k);
    }

    /** Joins a run to the one before when both continue it (whole rows of a block). */
    private static final class Merger {
        private final Sink sink;
        private long f = -1;
        private long l;
        private long count;

        Merger(Sink sink) {
            this.sink = sink;
        }

        void run(long file, long local, long n) {
            if (count > 0 && file == f + count && local == l + count) {
                count += n;
                return;
            }
            flush();
            f = file;
            l = local;
            count = n;
        }

        void flush() {
            if (count > 0) {
                sink.run(f, l, count);
                count = 0;
            }
        }
    }
}
