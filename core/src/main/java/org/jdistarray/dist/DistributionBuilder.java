package org.jdistarray.dist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jdistarray.comm.Communicator;
import org.jdistarray.protocol.AxisDistribution;
import org.jdistarray.protocol.BlockAxis;
import org.jdistarray.protocol.CyclicAxis;
import org.jdistarray.protocol.DistKind;
import org.jdistarray.protocol.DistributionException;
import org.jdistarray.protocol.GlobalLayout;
import org.jdistarray.protocol.GridShapes;
import org.jdistarray.protocol.Partitions;
import org.jdistarray.protocol.UndistributedAxis;
import org.jdistarray.protocol.UnstructuredAxis;

/**
 * Typed construction of a {@link Distribution}: the shape, then per axis how it is spread, then (optionally) the
 * process grid.
 * <pre>{@code
 * Distribution d = Distribution.builder(comm).shape(100, 80)
 *         .block(0).padding(0, 1, 1).periodic(0)   // halo of 1 on axis 0, wrapping
 *         .cyclic(1, 4)                            // block-cyclic, blocks of 4
 *         .build();
 * }</pre>
 * Axes not named are block axes. Block axes use the balanced partition (PETSc's {@code PETSC_DECIDE}) unless
 * {@link #blockBounds} gives the bounds. The grid defaults to one that uses every rank
 * ({@link GridShapes#allRanksGridShape}). {@link #build()} is deterministic, so every rank that makes the same calls
 * gets the same distribution (<b>not collective</b>).
 *
 * <p><b>Replicated arrays and arrays on one rank.</b> An array whose every axis is {@link #undistributed}, or a 0-d
 * array ({@code shape()} with no axes), is <em>replicated</em>: every rank holds the whole array (the grid is all
 * ones; {@link Distribution#isReplicated()}). {@link #onRank(int) onRank(r)} puts the whole array on rank {@code r}
 * instead: axis 0 becomes a block axis whose only non-empty block is rank {@code r}'s (the other axes are
 * undistributed), and a 0-d array is held by rank {@code r} alone ({@link Distribution#holder()});
 * {@link #onRanks onRanks(r0, r1, ...)} splits axis 0 among a sub-group of ranks (the others hold empty blocks).
 * <pre>{@code
 * Distribution everywhere = Distribution.builder(comm).shape().build();              // 0-d, on every rank
 * Distribution table = Distribution.builder(comm).shape(3, 4).undistributed(0).undistributed(1).build();
 * Distribution onRoot = Distribution.builder(comm).shape(3, 4).onRank(0).build();   // grid [size, 1]
 * }</pre>
 *
 * <p><b>Padding.</b> {@link #padding(int, long, long)} gives a block axis communication padding (ghost cells between
 * neighbours) and boundary padding (cells at the two physical ends, part of the global index space, as in the
 * protocol). On a {@link #periodic} axis the boundary padding holds the periodic images: the axis' interior is
 * {@code [b, size - b)} and {@code exchangeGhosts} fills the {@code b} cells at each end from the opposite end of
 * the interior.
 */
public final class DistributionBuilder {
    private final Communicator comm;
    private long[] shape;
    private DistKind[] kinds;
    private long[] blockSizes;
    private long[][] bounds;
    private long[][][] unstructured;
    private long[] commPadding;
    private long[] boundaryPadding;
    private boolean[] periodic;
    private int[] grid;
    private int[] holders;

    DistributionBuilder(Communicator comm) {
        if (comm == null) {
            throw new IllegalArgumentException("communicator is null");
        }
        this.comm = comm;
    }

    /** The global shape; resets every per-axis choice. Must come first. */
    public DistributionBuilder shape(long... shape) {
        if (shape == null) {
            throw new IllegalArgumentException("shape is null");
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + ": axis " + i + " is negative");
            }
        }
        int n = shape.length;
        this.shape = shape.clone();
        this.kinds = new DistKind[n];
        Arrays.fill(kinds, DistKind.BLOCK);
        this.blockSizes = new long[n];
        Arrays.fill(blockSizes, 1);
        this.bounds = new long[n][];
        this.unstructured = new long[n][][];
        this.commPadding = new long[n];
        this.boundaryPadding = new long[n];
        this.periodic = new boolean[n];
        return this;
    }

    /** Axis {@code axis} is a block axis with the balanced partition (the default). */
    public DistributionBuilder block(int axis) {
        kinds[check(axis)] = DistKind.BLOCK;
        bounds[axis] = null;
        return this;
    }

    /**
     * Axis {@code axis} is an (irregular) block axis: grid rank {@code r} owns {@code [bounds[r], bounds[r+1])}; its
     * grid size is {@code bounds.length - 1} and the last bound must be the axis size.
     */
    public DistributionBuilder blockBounds(int axis, long... bounds) {
        kinds[check(axis)] = DistKind.BLOCK;
        if (bounds == null) {
            throw new IllegalArgumentException("blockBounds(" + axis + "): the bounds are null");
        }
        if (bounds.length < 2) {
            throw new IllegalArgumentException("blockBounds(" + axis + "): need at least two bounds (0 and the axis"
                    + " size, one more than the number of ranks along the axis), got " + Arrays.toString(bounds));
        }
        this.bounds[axis] = bounds.clone();
        return this;
    }

    /** Axis {@code axis} is cyclic (block size 1). */
    public DistributionBuilder cyclic(int axis) {
        return cyclic(axis, 1);
    }

    /** Axis {@code axis} is block-cyclic with blocks of {@code blockSize} (1: cyclic). */
    public DistributionBuilder cyclic(int axis, long blockSize) {
        kinds[check(axis)] = DistKind.CYCLIC;
        blockSizes[axis] = blockSize;
        return this;
    }

    /** Axis {@code axis} is not distributed: every rank holds all of it (grid size 1). */
    public DistributionBuilder undistributed(int axis) {
        kinds[check(axis)] = DistKind.UNDISTRIBUTED;
        return this;
    }

    /**
     * Axis {@code axis} is unstructured and one-to-one: grid rank {@code r} holds the global indices
     * {@code indicesPerGridRank[r]}, in that order; together they are each index of {@code [0, size)} exactly once.
     */
    public DistributionBuilder unstructured(int axis, long[][] indicesPerGridRank) {
        kinds[check(axis)] = DistKind.UNSTRUCTURED;
        if (indicesPerGridRank == null) {
            throw new IllegalArgumentException("unstructured(" + axis + "): the indices per grid rank are null;"
                    + " give one array of global indices for each grid rank along the axis");
        }
        for (int r = 0; r < indicesPerGridRank.length; r++) {
            if (indicesPerGridRank[r] == null) {
                throw new IllegalArgumentException("unstructured(" + axis + "): the indices of grid rank " + r
                        + " are null (use an empty array for a rank that holds none)");
            }
        }
        unstructured[axis] = indicesPerGridRank;
        return this;
    }

    /**
     * Padding of block axis {@code axis}: {@code commWidth} ghost cells on each side of every boundary between two
     * ranks, {@code boundaryWidth} cells at each physical end (see the class documentation).
     */
    public DistributionBuilder padding(int axis, long commWidth, long boundaryWidth) {
        commPadding[check(axis)] = commWidth;
        boundaryPadding[axis] = boundaryWidth;
        return this;
    }

    /**
     * Block axis {@code axis} wraps around; its boundary padding holds the periodic images, so it needs a
     * {@link #padding} with a boundary width of at least 1 ({@link #build()} refuses it otherwise).
     */
    public DistributionBuilder periodic(int axis) {
        periodic[check(axis)] = true;
        return this;
    }

    /** The process grid (padded with 1s to the number of axes); its product must be the communicator size. */
    public DistributionBuilder grid(int... gridShape) {
        if (gridShape == null) {
            throw new IllegalArgumentException("grid: the grid shape is null");
        }
        this.grid = gridShape.clone();
        return this;
    }

    /**
     * The whole array on rank {@code rank} (see the class documentation): axis 0 is a block axis with every index on
     * {@code rank}, the other axes undistributed; a 0-d array is held by {@code rank} alone. Cannot be combined with
     * per-axis choices other than {@link #block} and {@link #undistributed}, nor with {@link #grid}. The same as
     * {@link #onRanks onRanks(rank)}.
     *
     * @throws IllegalArgumentException if {@code rank} is not a rank of the communicator
     */
    public DistributionBuilder onRank(int rank) {
        return onRanks(rank);
    }

    /**
     * The array on a sub-group of the communicator (for example the ranks of one node, to gather a field there):
     * axis 0 is a block axis split as evenly as possible ({@link Partitions#balanced}) among {@code ranks}, in
     * ascending rank order whatever the order given; every other rank holds an empty block (zero rows, it takes
     * part in collectives as usual); the other axes are undistributed. The distribution still spans the whole
     * communicator, so a redistribution onto it (or from it) is an ordinary plan over the same communicator and
     * the ranks outside the group only send. A 0-d array can be held by one rank only. Cannot be combined with
     * per-axis choices other than {@link #block} and {@link #undistributed}, nor with {@link #grid}.
     * <pre>{@code
     * Distribution onNode0 = Distribution.builder(comm).shape(n, m).onRanks(0, 1, 2, 3).build();
     * DistArray gathered = field.redistribute(onNode0);
     * }</pre>
     *
     * @throws IllegalArgumentException if no rank is given, a rank is not a rank of the communicator, or a rank is
     *     given twice
     */
    public DistributionBuilder onRanks(int... ranks) {
        if (ranks == null || ranks.length == 0) {
            throw new IllegalArgumentException("onRanks(): give at least one rank");
        }
        int[] sorted = ranks.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] < 0 || sorted[i] >= comm.size()) {
                throw new IllegalArgumentException(groupName(ranks) + ": rank out of range [0, " + comm.size() + ")"
                        + (ranks.length > 1 ? ": " + sorted[i] : ""));
            }
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException(groupName(ranks) + ": rank " + sorted[i] + " is given twice");
            }
        }
        this.holders = sorted;
        return this;
    }

    private static String groupName(int[] ranks) {
        String list = Arrays.toString(ranks);
        return (ranks.length == 1 ? "onRank(" : "onRanks(") + list.substring(1, list.length() - 1) + ")";
    }

    /**
     * <b>Not collective</b> (deterministic). The distribution.
     *
     * @throws DistributionException if the choices do not form a distribution over every rank (bad grid, bounds
     *     that contradict the grid or the size, padding on a non-block axis, ...)
     */
    public Distribution build() {
        if (shape == null) {
            throw new IllegalStateException("builder: call shape(...) first");
        }
        int n = shape.length;
        ShapeMath.size(shape);
        if (holders != null) {
            return buildOnRanks();
        }
        List<DistKind> kindList = Arrays.asList(kinds.clone());
        int[] g;
        if (grid != null) {
            g = GridShapes.normalizeGridShape(grid, shape, kindList, comm.size());
        } else {
            // axes with given bounds or indices fix their grid size; the default rule picks the others
            g = defaultGrid(kindList);
        }
        long used = 1;
        for (int x : g) {
            used *= x;
        }
        if (used != comm.size() && kindList.stream().anyMatch(DistKind::isDistributed)) {
            throw new DistributionException("grid " + Arrays.toString(g) + " has " + used + " process"
                    + (used == 1 ? "" : "es") + " but the communicator has " + comm.size() + " ranks; a distribution"
                    + " uses every rank (make every axis undistributed for an array each rank holds whole)");
        }
        List<AxisDistribution> axes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (kinds[i] != DistKind.BLOCK && (commPadding[i] != 0 || boundaryPadding[i] != 0 || periodic[i])) {
                throw new DistributionException("axis " + i + " is " + kinds[i] + ": padding and periodic apply to block axes only");
            }
            if (periodic[i] && boundaryPadding[i] < 1) {
                throw new DistributionException("axis " + i + " is periodic but has no boundary padding: the"
                        + " periodic images live in the boundary padding, so nothing would wrap; give it one with"
                        + " padding(" + i + ", commWidth, boundaryWidth >= 1) or drop periodic(" + i + ")");
            }
            if (kinds[i] != DistKind.CYCLIC && blockSizes[i] != 1) {
                throw new DistributionException("axis " + i + ": a block size applies to cyclic axes only");
            }
            axes.add(switch (kinds[i]) {
                case BLOCK -> {
                    long[] b = bounds[i] != null ? bounds[i] : Partitions.balanced(shape[i], g[i]);
                    if (b.length - 1 != g[i]) {
                        throw new DistributionException("axis " + i + ": bounds " + Arrays.toString(b) + " are for "
                                + (b.length - 1) + " ranks, the grid has " + g[i]);
                    }
                    if (b[b.length - 1] != shape[i]) {
                        throw new DistributionException("axis " + i + ": bounds " + Arrays.toString(b)
                                + " end at " + b[b.length - 1] + ", the axis size is " + shape[i]);
                    }
                    yield new BlockAxis(b, commPadding[i], boundaryPadding[i], periodic[i]);
                }
                case CYCLIC -> new CyclicAxis(shape[i], g[i], blockSizes[i]);
                case UNDISTRIBUTED -> new UndistributedAxis(shape[i]);
                case UNSTRUCTURED -> {
                    if (unstructured[i].length != g[i]) {
                        throw new DistributionException("axis " + i + ": indices for " + unstructured[i].length
                                + " ranks, the grid has " + g[i]);
                    }
                    yield new UnstructuredAxis(shape[i], unstructured[i], true);
                }
            });
        }
        return Distribution.of(comm, GlobalLayout.fromAxes(axes));
    }

    private Distribution buildOnRanks() {
        String what = groupName(holders) + (holders.length == 1 ? " puts the whole array on one rank"
                : " puts the array on " + holders.length + " ranks");
        if (grid != null) {
            throw new DistributionException(what + "; it cannot be combined with grid(" + Arrays.toString(grid) + ")");
        }
        for (int i = 0; i < shape.length; i++) {
            boolean plain = kinds[i] == DistKind.UNDISTRIBUTED || kinds[i] == DistKind.BLOCK && bounds[i] == null;
            if (!plain || commPadding[i] != 0 || boundaryPadding[i] != 0 || periodic[i]) {
                throw new DistributionException(what + "; it cannot be combined with the choices made for axis " + i
                        + " (" + kinds[i] + (bounds[i] != null ? " with bounds" : "") + (commPadding[i] != 0
                        || boundaryPadding[i] != 0 ? ", padding" : "") + (periodic[i] ? ", periodic" : "") + ")");
            }
        }
        if (shape.length == 0) {
            if (holders.length != 1) {
                throw new DistributionException(what + "; a 0-d array is held by one rank or by every rank");
            }
            return Distribution.zeroDOnRank(comm, holders[0]);
        }
        int p = comm.size();
        long[] even = Partitions.balanced(shape[0], holders.length);
        long[] b = new long[p + 1];
        int k = 0;
        for (int r = 0; r < p; r++) {
            if (k < holders.length && holders[k] == r) {
                k++;
            }
            b[r + 1] = even[k];
        }
        List<AxisDistribution> axes = new ArrayList<>(shape.length);
        axes.add(new BlockAxis(b, 0, 0, false));
        for (int i = 1; i < shape.length; i++) {
            axes.add(new UndistributedAxis(shape[i]));
        }
        return Distribution.of(comm, GlobalLayout.fromAxes(axes));
    }

    private int[] defaultGrid(List<DistKind> kindList) {
        int n = shape.length;
        int fixedProduct = 1;
        boolean anyFixed = false;
        int[] g = new int[n];
        for (int i = 0; i < n; i++) {
            int fixed = bounds[i] != null ? bounds[i].length - 1 : unstructured[i] != null ? unstructured[i].length : 0;
            if (fixed > 0) {
                g[i] = fixed;
                fixedProduct *= fixed;
                anyFixed = true;
            }
        }
        if (!anyFixed) {
            return GridShapes.allRanksGridShape(shape, kindList, comm.size());
        }
        if (comm.size() % fixedProduct != 0) {
            throw new DistributionException("axes with given bounds or indices need " + fixedProduct
                    + " ranks, which does not divide the communicator size " + comm.size());
        }
        // the remaining ranks go to the other distributed axes by the default rule
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (g[i] == 0) {
                free.add(i);
            }
        }
        long[] subShape = new long[free.size()];
        List<DistKind> subKinds = new ArrayList<>();
        for (int k = 0; k < free.size(); k++) {
            subShape[k] = shape[free.get(k)];
            DistKind kind = kinds[free.get(k)];
            subKinds.add(kind == DistKind.UNSTRUCTURED ? DistKind.BLOCK : kind);
        }
        int rest = comm.size() / fixedProduct;
        int[] sub = GridShapes.allRanksGridShape(subShape, subKinds, rest);
        for (int k = 0; k < free.size(); k++) {
            g[free.get(k)] = sub[k];
        }
        return g;
    }

    private int check(int axis) {
        if (shape == null) {
            throw new IllegalStateException("builder: call shape(...) before naming axes");
        }
        if (axis < 0 || axis >= shape.length) {
            throw new IllegalArgumentException("axis " + axis + " out of range for shape " + Arrays.toString(shape));
        }
        return axis;
    }
}
