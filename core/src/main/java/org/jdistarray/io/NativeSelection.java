package org.jdistarray.io;

import java.util.ArrayList;
import java.util.List;

import org.jdistarray.io.JhdfReader.AxisCells;

/**
 * One rank's cells of a dataset as HDF5 hyperslabs, for the parallel engine: per axis the sorted global indices are
 * cut into regular pieces ({@code start, stride, count, block}: one for a block axis, one or two for a cyclic axis),
 * and the selection is the union of their products. Read or written in rounds of at most {@link #ROUND_BYTES}
 * through a C-order buffer of the selected cells (axis 0 split across rounds), or, when the rank's cells are one box
 * of its contiguous block, straight from or into the block in one round. Not collective.
 */
final class NativeSelection {
    static final long ROUND_BYTES = 64L << 20;

    final AxisCells[] cells;
    final boolean direct;
    final long rowsPerRound;
    final int rounds;
    /** When {@link #direct}: per axis the box's first global index, first local index and extent. */
    final long[] boxStart;
    final long[] boxLocal;
    final long[] boxCount;

    /**
     * A box of the rank's contiguous block given by its corners, with no per-cell index lists (block and
     * undistributed axes: the common case, whatever the array's size); one round, straight from or into the block.
     */
    NativeSelection(long[] start, long[] local, long[] count) {
        this.cells = null;
        this.boxStart = start;
        this.boxLocal = local;
        this.boxCount = count;
        boolean empty = java.util.Arrays.stream(count).anyMatch(c -> c == 0);
        this.direct = !empty;
        this.rowsPerRound = empty ? 0 : count.length == 0 ? 1 : count[0];
        this.rounds = empty ? 0 : 1;
    }

    NativeSelection(AxisCells[] cells, int item, boolean contiguousBlock) {
        this.cells = cells;
        boolean empty = cells.length > 0 && java.util.Arrays.stream(cells).anyMatch(c -> c.g.length == 0);
        boolean box = contiguousBlock;
        for (AxisCells c : cells) {
            int m = c.g.length;
            box &= m == 0 || (c.g[m - 1] - c.g[0] == m - 1 && c.l[m - 1] - c.l[0] == m - 1);
        }
        this.direct = box && !empty;
        if (direct) {
            int n = cells.length;
            boxStart = new long[n];
            boxLocal = new long[n];
            boxCount = new long[n];
            for (int i = 0; i < n; i++) {
                boxStart[i] = cells[i].g[0];
                boxLocal[i] = cells[i].l[0];
                boxCount[i] = cells[i].g.length;
            }
        } else {
            boxStart = null;
            boxLocal = null;
            boxCount = null;
        }
        if (empty) {
            rowsPerRound = 0;
            rounds = 0;
        } else if (direct || cells.length == 0) {
            rowsPerRound = cells.length == 0 ? 1 : cells[0].g.length;
            rounds = 1;
        } else {
            long rowBytes = item;
            for (int i = 1; i < cells.length; i++) {
                rowBytes *= cells[i].g.length;
            }
            long rows = Math.max(1, ROUND_BYTES / rowBytes);
            if (rows * rowBytes > Integer.MAX_VALUE) {
                throw new ArrayFileException("parallel HDF5: one row of this rank's cells is " + rowBytes
                        + " bytes, too many for one round");
            }
            rowsPerRound = Math.min(rows, cells[0].g.length);
            rounds = (int) ((cells[0].g.length + rowsPerRound - 1) / rowsPerRound);
        }
    }

    /** The number of cells selected on this rank (0 when it has no rounds). */
    long cellCount() {
        if (rounds == 0) {
            return 0;
        }
        long m = 1;
        if (direct) {
            for (long c : boxCount) {
                m *= c;
            }
        } else {
            for (AxisCells c : cells) {
                m *= c.g.length;
            }
        }
        return m;
    }

    /** Cells of axis 0 in round {@code r}: {@code [from, to)} of the sorted list. */
    int from(int r) {
        return (int) Math.min((long) r * rowsPerRound, cells.length == 0 ? 1 : cells[0].g.length);
    }

    int to(int r) {
        return (int) Math.min((long) (r + 1) * rowsPerRound, cells.length == 0 ? 1 : cells[0].g.length);
    }

    /** Regular pieces {start, stride, count, block} of sorted indices {@code g[from..to)}. */
    static List<long[]> pieces(long[] g, int from, int to) {
        List<long[]> runs = new ArrayList<>();
        for (int k = from; k < to; k++) {
            if (!runs.isEmpty()) {
                long[] r = runs.get(runs.size() - 1);
                if (r[0] + r[1] == g[k]) {
                    r[1]++;
                    continue;
                }
            }
            runs.add(new long[] {g[k], 1});
        }
        List<long[]> out = new ArrayList<>();
        for (long[] r : runs) {
            long[] p = out.isEmpty() ? null : out.get(out.size() - 1);
            if (p != null && r[1] == p[3]) {
                if (p[2] == 1) {
                    p[1] = r[0] - p[0];
                    p[2] = 2;
                    continue;
                }
                if (r[0] == p[0] + p[1] * p[2]) {
                    p[2]++;
                    continue;
                }
            }
            out.add(new long[] {r[0], r[1], 1, r[1]});
        }
        return out;
    }
}
