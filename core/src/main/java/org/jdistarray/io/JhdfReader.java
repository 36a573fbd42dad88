package org.jdistarray.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.object.message.DataLayout;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.LocalBlock;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DimDistribution;

/**
 * One rank's part of an HDF5 dataset read with jHDF into its local block (every held cell, padding included, gets the
 * element it mirrors). Contiguous datasets: positional reads of the block's runs at the data's address (the
 * {@code .npy} code path); chunked (and compressed) datasets: only the chunks that meet the block, decompressed one at
 * a time; compact datasets: the whole (small, at most 64 KiB) dataset. Not collective.
 */
final class JhdfReader {
    private JhdfReader() {
    }

    static void read(Path path, String name, Dataset d, DType dtype, DistArray a) throws IOException {
        Distribution dist = a.distribution();
        if (dist.localMap().holdsNothing() || a.local().elementCount() == 0 || dist.globalSize() == 0) {
            return;
        }
        LocalBlock block = a.local();
        DataLayout layout = d.getDataLayout();
        if (layout == DataLayout.CONTIGUOUS && d instanceof ContiguousDataset c) {
            long address = c.getDataAddress();
            if (address < 0 || address == -1L) {
                fillUnwritten(name, d, block);
                return;
            }
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
                    Progress p = progress(a, name, dtype)) {
                long need = address + dist.globalSize() * dtype.itemSize();
                if (ch.size() < need) {
                    throw new ArrayFileException(name + ": truncated: dataset " + d.getPath() + " needs " + need
                            + " bytes, the file has " + ch.size());
                }
                RunTransfer t = new RunTransfer(ch, false, address, block, name).progress(p);
                FileRuns.forEach(dist.dimData(), false, true, block.offset(), block.strides(),
                        FileRuns.fileStrides(dist.shape(), false), t);
                t.flush();
            }
            if (JhdfTypes.bigEndian(d)) {
                RunTransfer.swapBytes(block);
            }
            return;
        }
        if (layout == DataLayout.CHUNKED && d instanceof ChunkedDataset c) {
            try (Progress p = progress(a, name, dtype)) {
                readChunked(name, c, dtype, a, p);
            }
            return;
        }
        // compact (or anything else jHDF can read whole): one "chunk" covering the dataset
        ByteBuffer all = JhdfTypes.flatToBytes(d.getDataFlat(), dtype);
        long[] shape = dist.shape();
        int[] whole = new int[shape.length];
        for (int i = 0; i < whole.length; i++) {
            whole[i] = (int) shape[i];
        }
        copyChunk(all, new long[shape.length], whole, cells(dist.dimData()), dtype.itemSize(), block, false);
    }

    private static void fillUnwritten(String name, Dataset d, LocalBlock block) {
        Object fill = d.getFillValue();
        if (fill != null && !(fill instanceof Number n && n.doubleValue() == 0)) {
            throw new ArrayFileException(name + ": dataset " + d.getPath() + " was never written and has fill value "
                    + fill + ", which the jHDF engine does not apply");
        }
        for (int i = 0; i < block.chunkCount(); i++) {
            ByteBuffer b = block.chunk(i);
            for (int p = 0; p < b.capacity(); p++) {
                b.put(p, (byte) 0);
            }
        }
    }

    private static Progress progress(DistArray a, String name, DType dtype) {
        Distribution dist = a.distribution();
        return Progress.start(dist.context().comm(), "loadHdf5 " + name, a.local().elementCount() * dtype.itemSize(),
                dist.globalSize() * dtype.itemSize());
    }

    private static void readChunked(String name, ChunkedDataset d, DType dtype, DistArray a, Progress p) {
        Distribution dist = a.distribution();
        int[] cd = d.getChunkDimensions();
        int n = dist.ndim();
        if (cd.length != n) {
            throw new ArrayFileException(name + ": dataset " + d.getPath() + " has " + cd.length
                    + "-d chunks for a " + n + "-d shape");
        }
        // per axis the held cells: one run of global indices (g0, l0, count) where they are consecutive at
        // consecutive local indices (block and undistributed axes, ghosts included), else listed (AxisCells)
        AxisCells[] ax = new AxisCells[n];
        long[][] run = new long[n][];
        for (int i = 0; i < n; i++) {
            run[i] = consecutive(dist.dimData().get(i));
            if (run[i] == null) {
                ax[i] = AxisCells.held(dist.dimData().get(i));
            }
        }
        List<List<int[]>> groups = new ArrayList<>(); // per axis: {chunk index, from, to} in the sorted cells
        for (int i = 0; i < n; i++) {
            List<int[]> g = new ArrayList<>();
            if (run[i] != null) {
                long g0 = run[i][0];
                long end = g0 + run[i][2];
                for (long c = g0 / cd[i]; c * cd[i] < end; c++) {
                    g.add(new int[] {(int) c, (int) (Math.max(g0, c * cd[i]) - g0),
                            (int) (Math.min(end, (c + 1) * cd[i]) - g0)});
                }
            } else {
                long[] gl = ax[i].g;
                int k = 0;
                while (k < gl.length) {
                    long c = gl[k] / cd[i];
                    int from = k;
                    while (k < gl.length && gl[k] / cd[i] == c) {
                        k++;
                    }
                    g.add(new int[] {(int) c, from, k});
                }
            }
            if (g.isEmpty()) {
                return;
            }
            groups.add(g);
        }
        boolean big = JhdfTypes.bigEndian(d);
        boolean unfiltered = d.getFilters().isEmpty();
        int item = dtype.itemSize();
        LocalBlock block = a.local();
        int[] pos = new int[n];
        long[] origin = new long[n];
        while (true) {
            int[] off = new int[n];
            AxisCells[] sub = new AxisCells[n];
            for (int i = 0; i < n; i++) {
                int[] g = groups.get(i).get(pos[i]);
                off[i] = g[0] * cd[i];
                origin[i] = off[i];
                sub[i] = run[i] != null ? AxisCells.run(run[i][0] + g[1], run[i][1] + g[1], g[2] - g[1])
                        : ax[i].range(g[1], g[2]);
            }
            long chunkBytes = (long) item;
            for (int c : cd) {
                chunkBytes *= c;
            }
            ByteBuffer raw;
            try {
                if (unfiltered) { // the chunk's bytes as they are in the file (jHDF maps them): no copy here
                    raw = d.getRawChunkBuffer(off);
                } else {
                    byte[] decoded = d.getDecompressedChunk(off);
                    raw = ByteBuffer.wrap(decoded == null ? new byte[0] : decoded);
                }
            } catch (RuntimeException e) {
                throw new ArrayFileException(name + ": dataset " + d.getPath() + ": chunk at "
                        + java.util.Arrays.toString(off) + " cannot be read: " + e.getMessage(), e);
            }
            if (raw.remaining() == 0) {
                fillMissing(name, d, chunkBytes);
                raw = ByteBuffer.wrap(new byte[(int) chunkBytes]);
            } else if (raw.remaining() < chunkBytes) {
                throw new ArrayFileException(name + ": dataset " + d.getPath() + ": chunk at "
                        + java.util.Arrays.toString(off) + " " + (unfiltered ? "holds" : "decompresses to") + " "
                        + raw.remaining() + " bytes, " + chunkBytes + " expected");
            }
            copyChunk(raw.slice(), origin, cd, sub, item, block, big);
            long cells = item;
            for (AxisCells x : sub) {
                cells *= x.size();
            }
            p.add(cells);
            int axis = n - 1;
            while (axis >= 0 && ++pos[axis] == groups.get(axis).size()) {
                pos[axis] = 0;
                axis--;
            }
            if (axis < 0) {
                break;
            }
        }
    }

    /**
     * The held cells of a block or undistributed axis as one run {@code {first global, its local index, count}}
     * when their global indices are consecutive at consecutive local indices (a periodic ghost that wraps around,
     * or any other axis kind: null, listed instead). Cells without a global index at the ends (ghosts past the
     * array's edge) are left out, as {@link AxisCells#held} does.
     */
    static long[] consecutive(DimDistribution d) {
        if (d.kind() != org.jdistarray.protocol.DistKind.BLOCK
                && d.kind() != org.jdistarray.protocol.DistKind.UNDISTRIBUTED) {
            return null;
        }
        long m = d.localSize();
        long first = 0;
        while (first < m && FileRuns.globalOrMinus(d, first) < 0) {
            first++;
        }
        long last = m - 1;
        while (last >= first && FileRuns.globalOrMinus(d, last) < 0) {
            last--;
        }
        if (first > last) {
            return new long[] {0, 0, 0};
        }
        long g0 = FileRuns.globalOrMinus(d, first);
        if (FileRuns.globalOrMinus(d, last) - g0 != last - first || last - first + 1 > Integer.MAX_VALUE) {
            return null;
        }
        // a block's (and an undistributed axis's) local cells have increasing global indices (a periodic halo is
        // not among them), so equal spans at the ends mean every cell between is consecutive
        return new long[] {g0, first, last - first + 1};
    }

    private static void fillMissing(String name, Dataset d, long chunkBytes) {
        Object fill = d.getFillValue();
        if (fill != null && !(fill instanceof Number v && v.doubleValue() == 0)) {
            throw new ArrayFileException(name + ": dataset " + d.getPath() + " has unwritten chunks and fill value "
                    + fill + ", which the jHDF engine does not apply");
        }
        if (chunkBytes > Integer.MAX_VALUE) {
            throw new ArrayFileException(name + ": dataset " + d.getPath() + ": chunk of " + chunkBytes
                    + " bytes is too large");
        }
    }

    /**
     * Copies the cells {@code sub} (global indices inside the chunk at {@code origin} of shape {@code cd}, C order in
     * {@code chunk}) into the block, swapping bytes if the chunk is big-endian.
     */
    static void copyChunk(ByteBuffer chunk, long[] origin, int[] cd, AxisCells[] sub, int item, LocalBlock block,
            boolean swap) {
        move(chunk, origin, cd, sub, item, block, swap, false);
    }

    /**
     * {@link #copyChunk}, or with {@code gather} the reverse: the block's cells {@code sub} into {@code chunk}.
     */
    static void move(ByteBuffer chunk, long[] origin, int[] cd, AxisCells[] sub, int item, LocalBlock block,
            boolean swap, boolean gather) {
        int n = cd.length;
        long[] cs = new long[n];
        long s = 1;
        for (int i = n - 1; i >= 0; i--) {
            cs[i] = s;
            s *= cd[i];
        }
        long[] strides = block.strides();
        BlockBytes out = new BlockBytes(block);
        if (n == 0) {
            if (gather) {
                out.get(block.offset(), chunk, 0, item);
            } else {
                out.put(block.offset(), chunk, 0, item, swap, item);
            }
            return;
        }
        int last = n - 1;
        AxisCells la = sub[last];
        // runs along the last axis: consecutive both in the chunk and in the block
        List<long[]> runs = new ArrayList<>();
        if (la.isRun() && strides[last] == 1 && la.size() > 0) {
            runs.add(new long[] {la.g(0) - origin[last], la.l(0), la.size()});
        }
        for (int k = runs.isEmpty() ? 0 : la.size(); k < la.size(); k++) {
            long cpos = la.g(k) - origin[last];
            long lpos = la.l(k);
            if (!runs.isEmpty() && strides[last] == 1) {
                long[] r = runs.get(runs.size() - 1);
                if (r[0] + r[2] == cpos && r[1] + r[2] == lpos) {
                    r[2]++;
                    continue;
                }
            }
            runs.add(new long[] {cpos, lpos, 1});
        }
        int[] pos = new int[last];
        for (AxisCells c : sub) {
            if (c.size() == 0) {
                return;
            }
        }
        while (true) {
            long cb = 0;
            long lb = block.offset();
            for (int i = 0; i < last; i++) {
                cb += (sub[i].g(pos[i]) - origin[i]) * cs[i];
                lb += sub[i].l(pos[i]) * strides[i];
            }
            for (long[] r : runs) {
                if (gather) {
                    out.get(lb + r[1] * strides[last], chunk, (cb + r[0]) * item, r[2] * item);
                } else {
                    out.put(lb + r[1] * strides[last], chunk, (cb + r[0]) * item, r[2] * item, swap, item);
                }
            }
            int axis = last - 1;
            while (axis >= 0 && ++pos[axis] == sub[axis].size()) {
                pos[axis] = 0;
                axis--;
            }
            if (axis < 0) {
                break;
            }
        }
    }

    /** Per axis, the held cells with a global index, sorted by global index: {@code g[k]} is at local {@code l[k]}. */
    static AxisCells[] cells(List<DimDistribution> dims) {
        AxisCells[] out = new AxisCells[dims.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = AxisCells.held(dims.get(i));
        }
        return out;
    }

    /** The held cells of one axis. */
    static final class AxisCells {
        /** The listed cells' global and local indices; null for a run ({@link #run}). */
        final long[] g;
        final long[] l;
        private final long g0;
        private final long l0;
        private final int count;

        AxisCells(long[] g, long[] l) {
            this.g = g;
            this.l = l;
            this.g0 = 0;
            this.l0 = 0;
            this.count = g.length;
        }

        private AxisCells(long g0, long l0, int count) {
            this.g = null;
            this.l = null;
            this.g0 = g0;
            this.l0 = l0;
            this.count = count;
        }

        /**
         * {@code count} cells with consecutive global indices from {@code g0} at local indices from {@code l0},
         * nothing listed (only {@link #move} and the chunked reader take this form).
         */
        static AxisCells run(long g0, long l0, int count) {
            return new AxisCells(g0, l0, count);
        }

        boolean isRun() {
            return g == null;
        }

        int size() {
            return count;
        }

        long g(int k) {
            return g == null ? g0 + k : g[k];
        }

        long l(int k) {
            return l == null ? l0 + k : l[k];
        }

        AxisCells range(int from, int to) {
            return new AxisCells(java.util.Arrays.copyOfRange(g, from, to), java.util.Arrays.copyOfRange(l, from, to));
        }

        /** The owned cells (communication padding excluded), sorted by global index. */
        static AxisCells owned(DimDistribution d) {
            long[] g = d.ownedGlobalIndices().sorted().toArray();
            long[] l = new long[g.length];
            for (int k = 0; k < g.length; k++) {
                l[k] = d.localFromGlobal(g[k]);
            }
            return new AxisCells(g, l);
        }

        static AxisCells held(DimDistribution d) {
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
            boolean sorted = true;
            for (int i = 1; i < k && sorted; i++) {
                sorted = gs[i - 1] <= gs[i];
            }
            if (sorted) { // block, undistributed, cyclic: no sort, no boxed permutation
                return new AxisCells(k == m ? gs : java.util.Arrays.copyOf(gs, k),
                        k == m ? ls : java.util.Arrays.copyOf(ls, k));
            }
            Integer[] order = new Integer[k];
            for (int i = 0; i < k; i++) {
                order[i] = i;
            }
            final long[] gg = gs;
            java.util.Arrays.sort(order, (x, y) -> Long.compare(gg[x], gg[y]));
            long[] g = new long[k];
            long[] l = new long[k];
            for (int i = 0; i < k; i++) {
                g[i] = gs[order[i]];
                l[i] = ls[order[i]];
            }
            return new AxisCells(g, l);
        }
    }

    /** Byte access to a block's memory by element offset, across its chunks. */
    static final class BlockBytes {
        private final ByteBuffer[] chunks;
        private final int shift;
        private final int item;

        BlockBytes(LocalBlock block) {
            int k = block.chunkCount();
            chunks = new ByteBuffer[k];
            for (int i = 0; i < k; i++) {
                chunks[i] = block.chunk(i);
            }
            shift = k > 1 ? Integer.numberOfTrailingZeros(chunks[0].capacity()) : 31;
            item = block.dtype().itemSize();
        }

        /** Copies {@code bytes} bytes from {@code src} at {@code srcByte} to the block at element {@code element}. */
        void put(long element, ByteBuffer src, long srcByte, long bytes, boolean swap, int itemSize) {
            long local = element * item;
            int at = (int) srcByte;
            long left = bytes;
            while (left > 0) {
                ByteBuffer c = chunks[(int) (local >>> shift)];
                int p = (int) (local & ((1L << shift) - 1));
                int n = (int) Math.min(left, c.capacity() - p);
                if (swap) {
                    for (int e = 0; e < n; e += itemSize) {
                        for (int b = 0; b < itemSize; b++) {
                            c.put(p + e + b, src.get(at + e + itemSize - 1 - b));
                        }
                    }
                } else {
                    c.put(p, src, at, n);
                }
                at += n;
                local += n;
                left -= n;
            }
        }

        /** Copies {@code bytes} bytes of the block at element {@code element} into {@code dst} at {@code dstByte}. */
        void get(long element, ByteBuffer dst, long dstByte, long bytes) {
            long local = element * item;
            int at = (int) dstByte;
            long left = bytes;
            while (left > 0) {
                ByteBuffer c = chunks[(int) (local >>> shift)];
                int p = (int) (local & ((1L << shift) - 1));
                int n = (int) Math.min(left, c.capacity() - p);
                dst.put(at, c, p, n);
                at += n;
                local += n;
                left -= n;
            }
        }
    }

    static ByteOrder nativeOrder() {
        return ByteOrder.nativeOrder();
    }
}
