package org.jdistarray.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The global view of an N-d distribution: one {@link AxisDistribution} per axis over a C-order
 * {@link ProcessGrid} whose size is the number of ranks. It can name the owner of any global index and give
 * every rank's dimension dictionaries without communication (DistArray's client-side {@code Distribution}).
 *
 * <p>A layout always spans all its ranks: the grid's product is the number of ranks, and blocks may be empty
 * when there are more ranks than elements. (DistArray 0.5 silently used fewer ranks instead.) The one exception is
 * a layout whose grid has a single position (a 0-d array, or every axis on one process): it can be
 * <em>replicated</em>, every rank holding the whole array and exporting the same dimension dictionaries
 * ({@link #fromDimDataPerRank} accepts that; the protocol README states the decision).
 *
 * <p>Immutable. Indices are never wrapped: NumPy-style negative indices are the array layer's job.
 */
public final class GlobalLayout {
    private final List<AxisDistribution> axes;
    private final ProcessGrid grid;
    private final long[] shape;

    private GlobalLayout(List<AxisDistribution> axes) {
        this.axes = List.copyOf(axes);
        int[] g = new int[this.axes.size()];
        this.shape = new long[this.axes.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = this.axes.get(i).gridSize();
            shape[i] = this.axes.get(i).size();
        }
        this.grid = new ProcessGrid(g);
    }

    /**
     * <b>Not collective.</b> The layout with the given axes; the grid is their grid sizes, in axis order.
     *
     * @param axes one axis per dimension (empty for a 0-d array on one rank)
     * @throws IllegalArgumentException if {@code axes} or an element is null
     * @throws DistributionException if the grid has more than {@code 2^31 - 1} processes
     */
    public static GlobalLayout fromAxes(List<AxisDistribution> axes) {
        if (axes == null || containsNull(axes)) {
            throw new IllegalArgumentException("axes must be a list of non-null axis distributions, got " + axes);
        }
        return new GlobalLayout(axes);
    }

    /**
     * <b>Not collective.</b> Rebuilds the layout from every rank's dimension dictionaries (what each rank's
     * protocol export carries), the inverse of {@link #dimDataPerRank()}. Element {@code r} of the list is
     * rank {@code r}'s dim data; ranks must form the full C-order grid: their count is the product of the
     * {@code proc_grid_size}s and rank {@code r} sits at grid coordinates {@code grid.coordsOf(r)}. Or the layout
     * is replicated: every {@code proc_grid_size} is 1 (or the array is 0-d) and every rank gives the same
     * dictionaries; the result then has one grid position ({@link #rankCount()} 1) for all of them.
     *
     * @throws DistributionException naming the ranks, axis and values when the dictionaries do not form one
     *     layout (different numbers of dimensions or global shapes, a grid of another number of ranks, ...)
     */
    public static GlobalLayout fromDimDataPerRank(List<List<DimDistribution>> dimDataPerRank) {
        if (dimDataPerRank == null || dimDataPerRank.isEmpty()) {
            throw new DistributionException("dim data per rank: need the dim data of at least one rank");
        }
        int ndim = -1;
        for (int r = 0; r < dimDataPerRank.size(); r++) {
            List<DimDistribution> dd = dimDataPerRank.get(r);
            if (dd == null || containsNull(dd)) {
                throw new DistributionException("dim data per rank: rank " + r + " has null dim data " + dd);
            }
            if (ndim < 0) {
                ndim = dd.size();
            } else if (dd.size() != ndim) {
                throw new DistributionException("dim data per rank: rank " + r + " has " + dd.size()
                        + " dimensions, rank 0 has " + ndim);
            }
        }
        checkSameShape(dimDataPerRank);
        int n = dimDataPerRank.size();
        long gridProduct = gridProductOf(dimDataPerRank.get(0));
        if (gridProduct != n && gridProduct != 1) {
            throw new DistributionException("dim data per rank: the dim data describe a process grid "
                    + gridShapeOf(dimDataPerRank.get(0)) + " of " + gridProduct + " ranks, but they come from " + n
                    + " rank" + (n == 1 ? "" : "s") + " (an export must be imported on as many ranks as made it)");
        }
        if (gridProduct == 1 && n > 1) {
            return replicated(dimDataPerRank);
        }
        List<AxisDistribution> axes = new ArrayList<>(ndim);
        for (int i = 0; i < ndim; i++) {
            List<DimDistribution> column = new ArrayList<>(dimDataPerRank.size());
            for (List<DimDistribution> dd : dimDataPerRank) {
                column.add(dd.get(i));
            }
            try {
                axes.add(AxisDistribution.fromDims(column));
            } catch (DistributionException e) {
                throw new DistributionException("dim data per rank, axis " + i + ": " + e.getMessage(), e);
            }
        }
        GlobalLayout layout = new GlobalLayout(axes);
        if (layout.grid.size() != dimDataPerRank.size()) {
            throw new DistributionException("dim data per rank: " + dimDataPerRank.size() + " ranks given, but the"
                    + " process grid " + Arrays.toString(layout.grid.shape()) + " has " + layout.grid.size());
        }
        for (int r = 0; r < dimDataPerRank.size(); r++) {
            int[] coords = layout.grid.coordsOf(r);
            List<DimDistribution> dd = dimDataPerRank.get(r);
            for (int i = 0; i < ndim; i++) {
                DimDistribution d = dd.get(i);
                if (d.gridRank() != coords[i]) {
                    throw new DistributionException("dim data per rank: rank " + r + " has proc_grid_rank "
                            + d.gridRank() + " on axis " + i + ", but in the C-order grid "
                            + Arrays.toString(layout.grid.shape()) + " rank " + r + " is at "
                            + Arrays.toString(coords));
                }
                DimDistribution expected = layout.axes.get(i).dimFor(coords[i]);
                if (!expected.equals(d)) {
                    throw new DistributionException("dim data per rank: rank " + r + ", axis " + i + " has " + d
                            + ", inconsistent with the axis the other ranks describe (expected " + expected + ")");
                }
            }
        }
        return layout;
    }

    /** Every rank holds the one grid position: all must give rank 0's dictionaries. */
    private static GlobalLayout replicated(List<List<DimDistribution>> dimDataPerRank) {
        List<DimDistribution> first = dimDataPerRank.get(0);
        for (int r = 1; r < dimDataPerRank.size(); r++) {
            if (!dimDataPerRank.get(r).equals(first)) {
                throw new DistributionException("dim data per rank: every proc_grid_size is 1, so every rank must"
                        + " hold the whole array with the same dim data (replicated), but rank " + r + " has "
                        + dimDataPerRank.get(r) + " and rank 0 has " + first);
            }
        }
        List<AxisDistribution> axes = new ArrayList<>(first.size());
        for (int i = 0; i < first.size(); i++) {
            try {
                axes.add(AxisDistribution.fromDims(List.of(first.get(i))));
            } catch (DistributionException e) {
                throw new DistributionException("dim data per rank, axis " + i + ": " + e.getMessage(), e);
            }
        }
        return new GlobalLayout(axes);
    }

    /** The global shapes of all ranks agree; otherwise names the ranks of each shape. */
    private static void checkSameShape(List<List<DimDistribution>> dimDataPerRank) {
        java.util.Map<List<Long>, List<Integer>> ranksByShape = new java.util.LinkedHashMap<>();
        for (int r = 0; r < dimDataPerRank.size(); r++) {
            List<Long> shape = dimDataPerRank.get(r).stream().map(DimDistribution::size).toList();
            ranksByShape.computeIfAbsent(shape, k -> new ArrayList<>()).add(r);
        }
        if (ranksByShape.size() > 1) {
            StringBuilder sb = new StringBuilder("dim data per rank: the ranks disagree on the global shape:");
            ranksByShape.forEach((shape, ranks) -> sb.append(' ').append(RankLists.describe(ranks)).append(' ')
                    .append(shape).append(';'));
            sb.setLength(sb.length() - 1);
            throw new DistributionException(sb.toString());
        }
    }

    private static long gridProductOf(List<DimDistribution> dims) {
        long p = 1;
        for (DimDistribution d : dims) {
            p = Math.min(Integer.MAX_VALUE + 1L, p * d.gridSize());
        }
        return p;
    }

    private static String gridShapeOf(List<DimDistribution> dims) {
        return dims.stream().map(d -> String.valueOf(d.gridSize())).toList().toString();
    }

    /**
     * <b>Not collective.</b> The layout of an array of {@code shape} over {@code commSize} ranks, built from the
     * kinds alone: {@link DistKind#BLOCK} axes use {@link Partitions#balanced} bounds, {@link DistKind#CYCLIC}
     * axes the given block size (default 1), {@link DistKind#UNDISTRIBUTED} axes grid size 1.
     *
     * @param gridShapeOrNull the grid shape (padded with 1s, see {@link GridShapes#normalizeGridShape}), or
     *     null for {@link GridShapes#allRanksGridShape} &mdash; DistArray's {@code make_grid_shape}, except that
     *     it always uses all {@code commSize} ranks
     * @param blockSizesOrNull one block size per axis, or null for all 1s; entries of non-cyclic axes must be 1
     * @throws DistributionException if an axis is {@link DistKind#UNSTRUCTURED} (it needs indices, see
     *     {@link UnstructuredAxis}), a block size is invalid, the grid shape is invalid, or the grid's product
     *     is not {@code commSize} (with no distributed axis it is 1: the layout is replicated on every rank)
     */
    public static GlobalLayout fromShape(long[] shape, List<DistKind> kinds, int[] gridShapeOrNull,
                                         long[] blockSizesOrNull, int commSize) {
        if (shape == null || kinds == null) {
            throw new DistributionException("shape and kinds are required");
        }
        if (shape.length != kinds.size()) {
            throw new DistributionException("shape " + Arrays.toString(shape) + " has " + shape.length
                    + " axes but " + kinds.size() + " distribution kinds were given: " + kinds);
        }
        for (int i = 0; i < kinds.size(); i++) {
            if (kinds.get(i) == DistKind.UNSTRUCTURED) {
                throw new DistributionException("axis " + i + " is unstructured: an unstructured axis needs the"
                        + " indices each rank holds and cannot be built from a shape (use UnstructuredAxis and fromAxes)");
            }
        }
        long[] blockSizes = new long[shape.length];
        Arrays.fill(blockSizes, 1);
        if (blockSizesOrNull != null) {
            if (blockSizesOrNull.length != shape.length) {
                throw new DistributionException(blockSizesOrNull.length + " block sizes "
                        + Arrays.toString(blockSizesOrNull) + " given for " + shape.length + " axes");
            }
            for (int i = 0; i < shape.length; i++) {
                if (blockSizesOrNull[i] < 1) {
                    throw new DistributionException("block size of axis " + i + " must be >= 1, got " + blockSizesOrNull[i]);
                }
                if (kinds.get(i) != DistKind.CYCLIC && blockSizesOrNull[i] != 1) {
                    throw new DistributionException("block size " + blockSizesOrNull[i] + " given for axis " + i
                            + ", which is " + kinds.get(i) + "; block sizes apply to CYCLIC axes only");
                }
            }
            blockSizes = blockSizesOrNull.clone();
        }
        int[] grid = gridShapeOrNull == null
                ? GridShapes.allRanksGridShape(shape, kinds, commSize)
                : GridShapes.normalizeGridShape(gridShapeOrNull, shape, kinds, commSize);
        long used = GridShapes.product(grid);
        boolean replicated = used == 1 && kinds.stream().noneMatch(DistKind::isDistributed);
        if (used != commSize && !replicated) {
            throw new DistributionException("grid shape " + Arrays.toString(grid) + " has " + used
                    + " processes but the layout must span all " + commSize + " ranks");
        }
        List<AxisDistribution> axes = new ArrayList<>(shape.length);
        for (int i = 0; i < shape.length; i++) {
            switch (kinds.get(i)) {
                case BLOCK -> axes.add(BlockAxis.balanced(shape[i], grid[i]));
                case CYCLIC -> axes.add(new CyclicAxis(shape[i], grid[i], blockSizes[i]));
                case UNDISTRIBUTED -> axes.add(new UndistributedAxis(shape[i]));
                default -> throw new IllegalStateException("unreachable: " + kinds.get(i));
            }
        }
        return new GlobalLayout(axes);
    }

    /** <b>Not collective.</b> The axes, in dimension order. */
    public List<AxisDistribution> axes() {
        return axes;
    }

    /** <b>Not collective.</b> The process grid (its size is the number of ranks). */
    public ProcessGrid grid() {
        return grid;
    }

    /** <b>Not collective.</b> The global shape (a copy). */
    public long[] shape() {
        return shape.clone();
    }

    /** <b>Not collective.</b> Number of dimensions. */
    public int ndim() {
        return shape.length;
    }

    /** <b>Not collective.</b> Number of ranks the layout spans. */
    public int rankCount() {
        return grid.size();
    }

    /**
     * <b>Not collective.</b> The rank (C-order grid position) that owns global index tuple {@code globalIndex}.
     *
     * @throws IllegalArgumentException if the number of indices is not {@link #ndim()}
     * @throws IndexOutOfBoundsException if an index is outside {@code [0, size)} of its axis (negative indices
     *     included) or, on an unstructured axis, held by no rank
     * @throws DistributionException if an unstructured, not one-to-one axis has several holders of the index
     */
    public int ownerOf(long... globalIndex) {
        if (globalIndex == null || globalIndex.length != shape.length) {
            throw new IllegalArgumentException((globalIndex == null ? "null" : globalIndex.length + "")
                    + " global indices " + Arrays.toString(globalIndex) + " given for an array with "
                    + shape.length + " dimensions");
        }
        int[] coords = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            long g = globalIndex[i];
            if (g < 0 || g >= shape[i]) {
                throw new IndexOutOfBoundsException("global index " + g + " on axis " + i + " out of range [0, "
                        + shape[i] + ") (global indices " + Arrays.toString(globalIndex) + ")");
            }
            try {
                coords[i] = axes.get(i).ownerOf(g);
            } catch (IndexOutOfBoundsException e) {
                throw new IndexOutOfBoundsException("axis " + i + ": " + e.getMessage());
            } catch (DistributionException e) {
                throw new DistributionException("axis " + i + ": " + e.getMessage(), e);
            }
        }
        return grid.rankOf(coords);
    }

    /**
     * <b>Not collective.</b> The dimension dictionaries rank {@code rank} exports, in axis order.
     *
     * @throws IndexOutOfBoundsException if {@code rank} is outside {@code [0, rankCount())}
     */
    public List<DimDistribution> dimDataFor(int rank) {
        int[] coords = grid.coordsOf(rank);
        List<DimDistribution> out = new ArrayList<>(coords.length);
        for (int i = 0; i < coords.length; i++) {
            out.add(axes.get(i).dimFor(coords[i]));
        }
        return List.copyOf(out);
    }

    /** <b>Not collective.</b> Rank {@code rank}'s index map. */
    public NdMap mapFor(int rank) {
        return new NdMap(dimDataFor(rank));
    }

    /** <b>Not collective.</b> Shape of rank {@code rank}'s local buffer. */
    public long[] localShapeOf(int rank) {
        return mapFor(rank).localShape();
    }

    /** <b>Not collective.</b> Every rank's dimension dictionaries, in rank order. */
    public List<List<DimDistribution>> dimDataPerRank() {
        List<List<DimDistribution>> out = new ArrayList<>(grid.size());
        for (int r = 0; r < grid.size(); r++) {
            out.add(dimDataFor(r));
        }
        return List.copyOf(out);
    }

    /**
     * <b>Not collective.</b> Whether arrays with these layouts can be combined element-wise rank by rank
     * (DistArray's {@code is_compatible}): same shape, same grid, and every pair of axes equal &mdash; or
     * degenerate: both of grid size 1, the same size, and neither unstructured (a block, cyclic or
     * undistributed axis on one process is the identity map; an unstructured one may permute the indices).
     */
    public boolean isCompatible(GlobalLayout other) {
        if (other == null || !Arrays.equals(shape, other.shape) || !grid.equals(other.grid)) {
            return false;
        }
        for (int i = 0; i < axes.size(); i++) {
            AxisDistribution a = axes.get(i);
            AxisDistribution b = other.axes.get(i);
            boolean degenerate = a.gridSize() == 1 && b.gridSize() == 1 && a.size() == b.size()
                    && a.kind() != DistKind.UNSTRUCTURED && b.kind() != DistKind.UNSTRUCTURED;
            if (!degenerate && !a.equals(b)) {
                return false;
            }
        }
        return true;
    }

    /** {@code List.contains(null)} throws on immutable lists; this does not. */
    private static boolean containsNull(List<?> list) {
        for (Object o : list) {
            if (o == null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GlobalLayout l && l.axes.equals(axes);
    }

    @Override
    public int hashCode() {
        return axes.hashCode();
    }

    @Override
    public String toString() {
        return "GlobalLayout[shape=" + Arrays.toString(shape) + ", grid=" + Arrays.toString(grid.shape())
                + ", axes=" + axes + "]";
    }
}
