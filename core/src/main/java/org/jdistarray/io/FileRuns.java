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
        Axis[] axes = new Axis[n];
        for (int i = 0; i < n; i++) {
            axes[i] = held ? Axis.held(dims.get(i)) : Axis.owned(dims.get(i));
            if (axes[i].count == 0) {
                return;
            }
        }
        // the last axis as segments contiguous in both the file and the block
        int last = n - 1;
        Axis la = axes[last];
        boolean unit = fileStrides[last] == 1 && strides[last] == 1;
        long[] segG;
        long[] segL;
        long[] segN;
        int segs = 0;
        if (la.g == null && unit) {
            segG = new long[] {la.g0};
            segL = new long[] {la.l0};
            segN = new long[] {la.count};
            segs = 1;
        } else {
            int m = (int) la.count;
            segG = new long[m];
            segL = new long[m];
            segN = new long[m];
            for (int k = 0; k < m; k++) {
                long gk = la.global(k);
                long lk = la.local(k);
                if (segs > 0 && unit && gk == segG[segs - 1] + segN[segs - 1]
                        && lk == segL[segs - 1] + segN[segs - 1]) {
                    segN[segs - 1]++;
                } else {
                    segG[segs] = gk;
                    segL[segs] = lk;
                    segN[segs] = 1;
                    segs++;
                }
            }
        }
        long[] pos = new long[last];
        while (true) {
            long fb = 0;
            long lb = offset;
            for (int i = 0; i < last; i++) {
                fb += axes[i].global(pos[i]) * fileStrides[i];
                lb += axes[i].local(pos[i]) * strides[i];
            }
            for (int s = 0; s < segs; s++) {
                out.run(fb + segG[s] * fileStrides[last], lb + segL[s] * strides[last], segN[s]);
            }
            int axis = last - 1;
            while (axis >= 0 && ++pos[axis] == axes[axis].count) {
                pos[axis] = 0;
                axis--;
            }
            if (axis < 0) {
                break;
            }
        }
        out.flush();
    }

    /**
     * One axis' cells in local order: a contiguous range ({@code g0 + k} at local {@code l0 + k}) with no per-element
     * arrays (blocks, undistributed axes: O(1) memory for any size), or explicit arrays.
     */
    private static final class Axis {
        final long count;
        final long g0;
        final long l0;
        final long[] g;
        final long[] l;

        private Axis(long count, long g0, long l0, long[] g, long[] l) {
            this.count = count;
            this.g0 = g0;
            this.l0 = l0;
            this.g = g;
            this.l = l;
        }

        long global(long k) {
            return g == null ? g0 + k : g[(int) k];
        }

        long local(long k) {
            return l == null ? l0 + k : l[(int) k];
        }

        static Axis owned(DimDistribution d) {
            long n = d.ownedCount();
            if (n == 0) {
                return new Axis(0, 0, 0, null, null);
            }
            if (d.isContiguous()) {
                long first = d.ownedGlobalIndices().findFirst().getAsLong();
                long l0 = d.localFromGlobal(first);
                if (d.localFromGlobal(first + n - 1) == l0 + n - 1) {
                    return new Axis(n, first, l0, null, null);
                }
            }
            long[] g = d.ownedGlobalIndices().toArray();
            long[] l = new long[g.length];
            for (int k = 0; k < g.length; k++) {
                l[k] = d.localFromGlobal(g[k]);
            }
            return new Axis(g.length, 0, 0, g, l);
        }

        /** Every local index with its global index (padding included; cells with none are left out). */
        static Axis held(DimDistribution d) {
            long m = d.localSize();
            if (m == 0) {
                return new Axis(0, 0, 0, null, null);
            }
            if (d.isContiguous()) {
                long a = globalOrMinus(d, 0);
                long b = globalOrMinus(d, m - 1);
                if (a >= 0 && b == a + m - 1) {
                    return new Axis(m, a, 0, null, null);
                }
            }
            long[] gs = new long[(int) m];
            long[] ls = new long[(int) m];
            int k = 0;
            for (int j = 0; j < m; j++) {
                long global = globalOrMinus(d, j);
                if (global < 0) {
                    continue;
                }
                gs[k] = global;
                ls[k] = j;
                k++;
            }
            return new Axis(k, 0, 0, java.util.Arrays.copyOf(gs, k), java.util.Arrays.copyOf(ls, k));
        }

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

    /** The global index of local cell {@code local}, or -1 if it has none (a ghost past the array's edge). */
    static long globalOrMinus(DimDistribution d, long local) {
        try {
            long global = d.globalFromLocal(local);
            return global >= 0 && global < d.size() ? global : -1;
        } catch (IndexOutOfBoundsException none) {
            return -1;
        }
    }
}
