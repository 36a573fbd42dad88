package org.jdistarray.protocol;

import static org.jdistarray.protocol.DimDictKeys.BLOCK;
import static org.jdistarray.protocol.DimDictKeys.BLOCK_SIZE;
import static org.jdistarray.protocol.DimDictKeys.BUFFER_SHAPE;
import static org.jdistarray.protocol.DimDictKeys.CYCLIC;
import static org.jdistarray.protocol.DimDictKeys.DIM_DATA;
import static org.jdistarray.protocol.DimDictKeys.DIST_TYPE;
import static org.jdistarray.protocol.DimDictKeys.GRID_RANK;
import static org.jdistarray.protocol.DimDictKeys.GRID_SIZE;
import static org.jdistarray.protocol.DimDictKeys.INDICES;
import static org.jdistarray.protocol.DimDictKeys.ONE_TO_ONE;
import static org.jdistarray.protocol.DimDictKeys.PADDING;
import static org.jdistarray.protocol.DimDictKeys.PERIODIC;
import static org.jdistarray.protocol.DimDictKeys.SIZE;
import static org.jdistarray.protocol.DimDictKeys.START;
import static org.jdistarray.protocol.DimDictKeys.STOP;
import static org.jdistarray.protocol.DimDictKeys.UNDISTRIBUTED;
import static org.jdistarray.protocol.DimDictKeys.UNSTRUCTURED;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules for one dimension dictionary of one export (protocol.md §3, §4.1 rules 5-8, §7), checked
 * without throwing. The extent of the local buffer along the axis is {@code -1} when unknown.
 */
final class DimDictRules {
    private static final Set<String> BLOCK_KEYS = Set.of(DIST_TYPE, SIZE, GRID_RANK, GRID_SIZE, START, STOP,
            PADDING, PERIODIC);
    private static final Set<String> CYCLIC_KEYS = Set.of(DIST_TYPE, SIZE, GRID_RANK, GRID_SIZE, START, BLOCK_SIZE);
    private static final Set<String> UNSTRUCTURED_KEYS = Set.of(DIST_TYPE, SIZE, GRID_RANK, GRID_SIZE, INDICES,
            ONE_TO_ONE);

    private DimDictRules() {
    }

    /** The values every dimension dictionary has; {@code null} fields were unusable (already reported). */
    private record Common(Long size, Long gridSize, Long gridRank, long extent) {
    }

    /** Appends to {@code out} every violation of dimension dictionary {@code dim} (dimension {@code i}). */
    static void check(JsonNode dim, int i, long extent, List<Violation> out) {
        if (dim == null || !dim.isObject()) {
            out.add(new Violation(i, DIM_DATA, "a dimension dictionary must be an object, got "
                    + JsonValues.describe(dim)));
            return;
        }
        if (dim.isEmpty()) {
            return; // {} is the alias of an undistributed block of the buffer's extent
        }
        DictReader r = new DictReader(dim, i, out);
        String type = r.string(DIST_TYPE, true);
        Long size = r.integer(SIZE, 0, Long.MAX_VALUE, true);
        Long gridSize = r.integer(GRID_SIZE, 1, Integer.MAX_VALUE, true);
        Long gridRank = r.integer(GRID_RANK, 0, Integer.MAX_VALUE - 1L, true);
        if (gridRank != null && gridSize != null && gridRank >= gridSize) {
            r.add(GRID_RANK, "must be < proc_grid_size " + gridSize + ", got " + gridRank);
            gridRank = null;
        }
        Common c = new Common(size, gridSize, gridRank, extent);
        if (type == null) {
            return;
        }
        switch (type) {
            case BLOCK -> block(r, c);
            case CYCLIC -> cyclic(r, c);
            case UNSTRUCTURED -> unstructured(r, c);
            case UNDISTRIBUTED -> r.add(DIST_TYPE, "'" + type + "' is DistArray's undistributed type, not valid in a"
                    + " protocol export (use '" + BLOCK + "' with proc_grid_size 1, or {})");
            default -> r.add(DIST_TYPE, "must be one of '" + BLOCK + "', '" + CYCLIC + "', '" + UNSTRUCTURED
                    + "', got " + JsonValues.describe(dim.get(DIST_TYPE)));
        }
    }

    private static void block(DictReader r, Common c) {
        r.unexpectedKeys(BLOCK_KEYS, "a '" + BLOCK + "' dimension");
        Long start = r.integer(START, 0, Long.MAX_VALUE, true);
        Long stop = r.integer(STOP, 0, Long.MAX_VALUE, true);
        long[] padding = padding(r);
        r.bool(PERIODIC, false);
        if (start != null && c.gridRank() != null && c.gridRank() == 0 && start != 0) {
            r.add(START, "must be 0 on proc_grid_rank 0 (its left padding is boundary padding, counted in size),"
                    + " got " + start);
        }
        if (start == null || stop == null) {
            return;
        }
        if (stop < start) {
            r.add(STOP, "must be >= start " + start + ", got " + stop);
            return;
        }
        if (c.size() != null && stop > c.size()) {
            r.add(STOP, "must be <= size " + c.size() + ", got " + stop);
        }
        long extent = stop - start;
        if (c.extent() >= 0 && extent != c.extent()) {
            r.add(STOP, "stop - start = " + extent + " must equal the buffer extent " + c.extent()
                    + " along this axis");
        }
        if (padding != null && padding[0] + padding[1] > extent) {
            r.add(PADDING, "padding (" + padding[0] + ", " + padding[1] + ") does not fit the local extent " + extent);
        }
    }

    /** The {@code padding} pair (default (0, 0)); {@code null} when unusable (reported). */
    private static long[] padding(DictReader r) {
        if (!r.has(PADDING)) {
            return new long[] {0, 0};
        }
        long[] p = r.integers(PADDING, 0, Long.MAX_VALUE / 2, false);
        if (p != null && p.length != 2) {
            r.add(PADDING, "must have exactly 2 elements (left, right), got " + p.length);
            return null;
        }
        return p;
    }

    private static void cyclic(DictReader r, Common c) {
        r.unexpectedKeys(CYCLIC_KEYS, "a '" + CYCLIC + "' dimension");
        Long start = r.integer(START, 0, Long.MAX_VALUE, true);
        Long blockSize = r.integer(BLOCK_SIZE, 1, Long.MAX_VALUE, 1);
        if (blockSize == null || c.gridRank() == null) {
            return;
        }
        if (start != null) {
            long expected;
            try {
                expected = Math.multiplyExact(c.gridRank(), blockSize);
            } catch (ArithmeticException e) {
                r.add(START, "proc_grid_rank * block_size overflows a 64-bit integer");
                return;
            }
            if (start != expected) {
                r.add(START, "must equal proc_grid_rank * block_size = " + c.gridRank() + " * " + blockSize
                        + " = " + expected + ", got " + start);
            }
        }
        if (c.size() != null && c.gridSize() != null && c.extent() >= 0) {
            long owned = cyclicDim(c.size(), c.gridSize().intValue(), c.gridRank().intValue(), blockSize).localSize();
            if (owned != c.extent()) {
                r.add(BUFFER_SHAPE, "the buffer extent along this axis is " + c.extent() + ", but proc_grid_rank "
                        + c.gridRank() + " of " + c.gridSize() + " owns " + owned + " indices of size " + c.size()
                        + " dealt in blocks of " + blockSize);
            }
        }
    }

    /** The model's dimension for valid cyclic parameters: plain cyclic for block size 1. */
    static DimDistribution cyclicDim(long size, int gridSize, int gridRank, long blockSize) {
        return blockSize == 1 ? new Cyclic(size, gridSize, gridRank)
                : new BlockCyclic(size, gridSize, gridRank, blockSize);
    }

    private static void unstructured(DictReader r, Common c) {
        r.unexpectedKeys(UNSTRUCTURED_KEYS, "a '" + UNSTRUCTURED + "' dimension");
        long[] indices = r.integers(INDICES, Long.MIN_VALUE, Long.MAX_VALUE, true);
        r.bool(ONE_TO_ONE, false);
        if (indices == null) {
            return;
        }
        Map<Long, Integer> seen = new HashMap<>();
        int duplicates = 0;
        String first = null;
        for (int l = 0; l < indices.length; l++) {
            Integer prev = seen.putIfAbsent(indices[l], l);
            if (prev != null && duplicates++ == 0) {
                first = "global index " + indices[l] + " appears at local positions " + prev + " and " + l;
            }
        }
        if (duplicates > 0) {
            r.add(INDICES, "must be locally unique: " + first
                    + (duplicates > 1 ? " (" + duplicates + " repeated entries in all)" : ""));
        }
        if (c.extent() >= 0 && indices.length != c.extent()) {
            r.add(INDICES, "has " + indices.length + " entries, but the buffer extent along this axis is "
                    + c.extent());
        }
    }
}
