package org.jdistarray.dist;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jdistarray.comm.CollectiveErrors;
import org.jdistarray.comm.CommContext;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.CommunicationException;
import org.jdistarray.comm.Communicator;
import org.jdistarray.protocol.ArrayDescriptor;
import org.jdistarray.protocol.AxisDistribution;
import org.jdistarray.protocol.BufferSpec;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DimDistribution;
import org.jdistarray.protocol.DistKind;
import org.jdistarray.protocol.DistributionException;
import org.jdistarray.protocol.GlobalLayout;
import org.jdistarray.protocol.JsonCodec;
import org.jdistarray.protocol.NdMap;

/**
 * How an N-d array is spread over the ranks of a communicator, separate from any data (Tpetra's {@code Map}): a
 * {@link GlobalLayout} (global shape, one axis distribution per dimension, the C-order process grid) bound to a
 * {@link Communicator} and to this process's rank in it. Immutable.
 *
 * <p>All index math is the protocol module's: {@link GlobalLayout} names owners, this rank's {@link NdMap}
 * translates indices. A distribution always spans every rank of its communicator (the grid's product is
 * {@code comm.size()}); blocks may be empty when there are more ranks than elements. Indices are never wrapped here
 * (NumPy-style negative indices are the array layer's job).
 *
 * <p><b>Replicated and on one rank.</b> A layout whose grid has a single position (a 0-d array, or every axis
 * undistributed) over a communicator of several ranks is <em>replicated</em>: every rank holds the whole array
 * ({@link #isReplicated()}), {@link #ownerOf} names rank 0 (whose copy gathers and reads use; writes go to every
 * copy). A 0-d distribution can instead be held by one rank ({@link #holder()}, from
 * {@link DistributionBuilder#onRank}); the other ranks hold nothing. An N-d array on one rank is an ordinary
 * block distribution whose blocks are empty except on that rank.
 *
 * <p><b>Ownership.</b> A distribution borrows its communicator: it never closes it, and the communicator must stay
 * open while the distribution or an array built on it is used.
 */
public final class Distribution {
    private final Communicator comm;
    private final GlobalLayout layout;
    private final int rank;
    private final NdMap map;
    /** The one rank holding a 0-d array, or -1: every rank holds its grid position (partition or replicated). */
    private final int holder;
    private volatile CommContext context;

    private Distribution(Communicator comm, GlobalLayout layout) {
        this(comm, layout, -1);
    }

    private Distribution(Communicator comm, GlobalLayout layout, int holder) {
        if (comm == null || layout == null) {
            throw new IllegalArgumentException("communicator and layout are required");
        }
        if (layout.rankCount() != comm.size() && layout.rankCount() != 1) {
            throw new DistributionException("the layout spans " + layout.rankCount() + " ranks (grid "
                    + Arrays.toString(layout.grid().shape()) + ") but the communicator has " + comm.size()
                    + "; a distribution must use every rank");
        }
        if (holder >= comm.size() || holder < -1 || holder >= 0 && layout.ndim() != 0) {
            throw new IllegalArgumentException("holder rank " + holder + " for a " + layout.ndim()
                    + "-d layout over " + comm.size() + " ranks (only a 0-d array is held by one rank this way)");
        }
        ShapeMath.size(layout.shape());
        this.comm = comm;
        this.layout = layout;
        this.rank = comm.rank();
        this.holder = comm.size() == 1 ? -1 : holder;
        this.map = this.holder >= 0 && rank != this.holder ? NdMap.holdingNothing()
                : layout.mapFor(layout.rankCount() == 1 ? 0 : rank);
    }

    /**
     * <b>Not collective</b> (deterministic). A 0-d distribution over {@code comm} held by rank {@code holder} only:
     * the other ranks hold nothing. See {@link DistributionBuilder#onRank}.
     */
    static Distribution zeroDOnRank(Communicator comm, int holder) {
        return new Distribution(comm, GlobalLayout.fromAxes(List.of()), holder);
    }

    /** <b>Not collective.</b> A builder of a distribution over {@code comm}, see {@link DistributionBuilder}. */
    public static DistributionBuilder builder(Communicator comm) {
        return new DistributionBuilder(comm);
    }

    /**
     * <b>Not collective</b> (deterministic: every rank computes the same layout). The distribution of {@code layout}
     * over {@code comm}.
     *
     * @throws DistributionException if the layout does not span exactly {@code comm.size()} ranks
     */
    public static Distribution of(Communicator comm, GlobalLayout layout) {
        return new Distribution(comm, layout);
    }

    /**
     * <b>Not collective</b> (deterministic). Block axes use the balanced partition, cyclic axes block size 1, the grid
     * shape uses every rank ({@link GlobalLayout#fromShape}).
     */
    public static Distribution fromShape(Communicator comm, long[] shape, List<DistKind> kinds) {
        return fromShape(comm, shape, kinds, null, null);
    }

    /**
     * <b>Not collective</b> (deterministic). As {@link GlobalLayout#fromShape}, with {@code comm.size()} ranks.
     *
     * @param gridShapeOrNull the process grid, or null for the default that uses every rank
     * @param blockSizesOrNull one block size per axis (1 except on cyclic axes), or null for all 1s
     * @throws DistributionException for an invalid shape, kind, grid or block size
     */
    public static Distribution fromShape(Communicator comm, long[] shape, List<DistKind> kinds,
                                         int[] gridShapeOrNull, long[] blockSizesOrNull) {
        return new Distribution(comm, GlobalLayout.fromShape(shape, kinds, gridShapeOrNull, blockSizesOrNull, comm.size()));
    }

    /**
     * <b>Not collective</b> (deterministic). From DistArray's global dim data: one axis per dimension, each knowing
     * every rank's part ({@link org.jdistarray.protocol.GlobalDimData} reads the dictionary form).
     */
    public static Distribution fromGlobalDimData(Communicator comm, List<AxisDistribution> axes) {
        return new Distribution(comm, GlobalLayout.fromAxes(axes));
    }

    /**
     * <b>Collective.</b> From every rank's own protocol dimension dictionaries (what its export carries): all-gathers
     * them and rebuilds the global layout ({@link GlobalLayout#fromDimDataPerRank}). Rank {@code r}'s dictionaries must
     * place it at grid coordinates {@code grid.coordsOf(r)}. Errors are raised on every rank.
     *
     * @throws DistributionException (on every rank) if the dictionaries do not form one layout over all ranks
     * @throws org.jdistarray.protocol.ProtocolException (on every rank) if some rank's dictionaries are invalid
     */
    public static Distribution fromLocalDimData(Communicator comm, List<? extends DimDistribution> mine) {
        if (comm == null) {
            throw new IllegalArgumentException("communicator is null");
        }
        Communicator lib = CommContext.of(comm).comm(); // library traffic: on the private duplicate
        byte[] json = CollectiveErrors.agree(lib, () -> encode(mine));
        byte[][] all;
        try {
            all = Collectives.allGather(lib, json);
        } catch (CommunicationException tooBig) {
            throw new DistributionException("dim data of all ranks exceed 2^31 bytes");
        }
        // every rank decodes the same bytes: any failure from here on happens on every rank
        List<List<DimDistribution>> perRank = new ArrayList<>(all.length);
        for (int r = 0; r < all.length; r++) {
            try {
                perRank.add(JsonCodec.read(new String(all[r], StandardCharsets.UTF_8)).dimData());
            } catch (RuntimeException e) {
                throw new DistributionException("dim data of rank " + r + ": " + e.getMessage(), e);
            }
        }
        return new Distribution(comm, layoutOf(perRank));
    }

    /** The layout of every rank's dim data (each rank decodes the same bytes, so every rank throws alike). */
    private static GlobalLayout layoutOf(List<List<DimDistribution>> perRank) {
        long grid = 1;
        List<Integer> gridShape = new ArrayList<>();
        for (DimDistribution d : perRank.get(0)) {
            grid = Math.min(Integer.MAX_VALUE + 1L, grid * d.gridSize());
            gridShape.add(d.gridSize());
        }
        int n = perRank.size();
        if (grid != n && grid != 1 && perRank.stream().allMatch(dd -> dd.size() == perRank.get(0).size())) {
            throw new DistributionException("the dim data describe a process grid " + gridShape + " of " + grid
                    + " ranks but the communicator has " + n + " (import an export on as many ranks as made it)");
        }
        try {
            return GlobalLayout.fromDimDataPerRank(perRank);
        } catch (DistributionException e) {
            throw new DistributionException(e.getMessage().replace("dim data per rank: ", "the ranks' dim data do not"
                    + " form one distribution: "), e);
        }
    }

    private static byte[] encode(List<? extends DimDistribution> mine) {
        if (mine == null) {
            throw new IllegalArgumentException("dim data is null");
        }
        long[] shape = new long[mine.size()];
        for (int i = 0; i < shape.length; i++) {
            if (mine.get(i) == null) {
                throw new IllegalArgumentException("dim data of axis " + i + " is null");
            }
            shape[i] = mine.get(i).localSize();
        }
        // the descriptor's JSON form carries the local extents the codec checks the dictionaries against
        ArrayDescriptor d = new ArrayDescriptor(new BufferSpec(DType.UINT8, shape), List.copyOf(mine));
        return JsonCodec.write(d).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * <b>Not collective.</b> The same layout over another communicator of the same size (for example a duplicate).
     */
    public Distribution withCommunicator(Communicator other) {
        if (other == null || other.size() != comm.size()) {
            throw new IllegalArgumentException("withCommunicator: need a communicator of " + comm.size() + " ranks, got "
                    + (other == null ? "null" : other.size() + " ranks"));
        }
        return new Distribution(other, layout, holder);
    }

    /**
     * <b>Not collective.</b> Whether every rank holds the whole array: the grid has one position and the
     * communicator more than one rank (a 0-d array or every axis undistributed, not {@link #holder() on one rank}).
     */
    public boolean isReplicated() {
        return layout.rankCount() == 1 && comm.size() > 1 && holder < 0;
    }

    /**
     * <b>Not collective.</b> Whether some axis has padding: communication padding (ghost cells) or boundary padding
     * (periodic images and physical boundaries), which local blocks hold beside their owned cells.
     */
    public boolean isPadded() {
        for (AxisDistribution ax : layout.axes()) {
            if (ax instanceof org.jdistarray.protocol.BlockAxis b && (b.commPadding() > 0 || b.boundaryPadding() > 0)) {
                return true;
            }
        }
        return false;
    }

    /**
     * <b>Not collective.</b> The one rank holding a 0-d array made with {@link DistributionBuilder#onRank}, or -1 when
     * every rank holds its part (a partition, or replicated).
     */
    public int holder() {
        return holder;
    }

    /**
     * <b>Not collective.</b> The ranks whose local blocks, read together, give every element once when rank
     * {@code reader} collects the array (a gather): every rank for a partition; {@code reader} itself for a
     * replicated array (its own copy); the holder for a 0-d array on one rank.
     */
    public int[] blockSources(int reader) {
        if (reader < 0 || reader >= comm.size()) {
            throw new IllegalArgumentException("rank " + reader + " out of range [0, " + comm.size() + ")");
        }
        if (holder >= 0) {
            return new int[] {holder};
        }
        if (isReplicated()) {
            return new int[] {reader};
        }
        int[] all = new int[comm.size()];
        for (int r = 0; r < all.length; r++) {
            all[r] = r;
        }
        return all;
    }

    /** <b>Not collective.</b> Rank {@code r}'s index map (what {@link #localMap()} is on that rank). */
    public NdMap mapOf(int r) {
        if (r < 0 || r >= comm.size()) {
            throw new IndexOutOfBoundsException("rank " + r + " out of range [0, " + comm.size() + ")");
        }
        if (holder >= 0 && r != holder) {
            return NdMap.holdingNothing();
        }
        return layout.mapFor(layout.rankCount() == 1 ? 0 : r);
    }

    /**
     * <b>Not collective.</b> JDistArray's private side of the communicator ({@link CommContext}): the duplicate that
     * library messages travel on, cached on the communicator and closed with it.
     *
     * @throws IllegalStateException if the communicator is closed
     */
    public CommContext context() {
        CommContext c = context;
        if (c == null) {
            c = CommContext.of(comm);
            context = c;
        }
        return c;
    }

    /** <b>Not collective.</b> The communicator (borrowed, never closed by the distribution). */
    public Communicator communicator() {
        return comm;
    }

    /** <b>Not collective.</b> The global layout: every rank's part, the grid, owners. */
    public GlobalLayout layout() {
        return layout;
    }

    /** <b>Not collective.</b> This process's rank in {@link #communicator()}. */
    public int rank() {
        return rank;
    }

    /** <b>Not collective.</b> This rank's index map. */
    public NdMap localMap() {
        return map;
    }

    /** <b>Not collective.</b> This rank's dimension dictionaries, in axis order (what its export carries). */
    public List<DimDistribution> dimData() {
        return map.dims();
    }

    /** <b>Not collective.</b> The dimension dictionary of {@code axis} on this rank. */
    public DimDistribution dim(int axis) {
        return map.dims().get(axis);
    }

    /** <b>Not collective.</b> The axis distributions, in dimension order. */
    public List<AxisDistribution> axes() {
        return layout.axes();
    }

    /** <b>Not collective.</b> Global shape (a copy). */
    public long[] shape() {
        return layout.shape();
    }

    /** <b>Not collective.</b> Number of dimensions. */
    public int ndim() {
        return layout.ndim();
    }

    /**
     * <b>Not collective.</b> Global number of elements (1 for 0-d).
     *
     * @throws DistributionException naming the shape if it overflows a {@code long}
     */
    public long globalSize() {
        return ShapeMath.size(layout.shape());
    }

    /** <b>Not collective.</b> Process grid shape. */
    public int[] gridShape() {
        return layout.grid().shape();
    }

    /** <b>Not collective.</b> This rank's grid coordinates. */
    public int[] gridCoords() {
        return layout.grid().coordsOf(layout.rankCount() == 1 ? 0 : rank);
    }

    /** <b>Not collective.</b> Shape of this rank's local block, padding included. */
    public long[] localShape() {
        return map.localShape();
    }

    /** <b>Not collective.</b> Shape of rank {@code r}'s local block. */
    public long[] localShapeOf(int r) {
        return mapOf(r).localShape();
    }

    /** <b>Not collective.</b> Number of cells of this rank's local block, padding included. */
    public long localElementCount() {
        return map.localElementCount();
    }

    /** <b>Not collective.</b> Number of elements this rank owns (communication padding excluded). */
    public long ownedElementCount() {
        return map.ownedElementCount();
    }

    /**
     * <b>Not collective.</b> The rank that owns global index tuple {@code global} (no wrapping of negative indices).
     *
     * @throws IndexOutOfBoundsException naming the index and the axis range when out of range
     * @throws DistributionException if an unstructured axis that is not one-to-one has several holders
     */
    public int ownerOf(long... global) {
        int owner = layout.ownerOf(global);
        return holder >= 0 ? holder : owner;
    }

    /** <b>Not collective.</b> Whether this rank owns {@code global} (holds it, and not as communication padding). */
    public boolean owns(long... global) {
        return map.owns(global);
    }

    /** <b>Not collective.</b> Whether this rank's block has a cell for {@code global} (padding included). */
    public boolean holds(long... global) {
        return map.holds(global);
    }

    /** <b>Not collective.</b> Local index tuple of a global index tuple held here. */
    public long[] localFromGlobal(long... global) {
        return map.localFromGlobal(global);
    }

    /** <b>Not collective.</b> Global index tuple of a local index tuple. */
    public long[] globalFromLocal(long... local) {
        return map.globalFromLocal(local);
    }

    /**
     * <b>Not collective.</b> The local index range {@code [lo, hi)} of the cells this rank owns along {@code axis}:
     * the whole extent except communication padding. The owned cells of the block are the box of these ranges.
     */
    public long[] ownedLocalRange(int axis) {
        DimDistribution d = dim(axis);
        long lo = 0;
        long hi = d.localSize();
        if (d instanceof org.jdistarray.protocol.Block b) {
            lo = b.commPadLeft();
            hi = b.localSize() - b.commPadRight();
        }
        return new long[] {lo, hi};
    }

    /** <b>Not collective.</b> The global indices this rank owns along {@code axis}, in local order. */
    public long[] ownedGlobalIndices(int axis) {
        return dim(axis).ownedGlobalIndices().toArray();
    }

    /**
     * <b>Not collective.</b> Whether arrays with these distributions can be combined element-wise rank by rank: the
     * layouts are compatible ({@link GlobalLayout#isCompatible}: same shape and grid, equal axes or the same trivial
     * one-process map) and the communicators have the same size and this process the same rank in both.
     */
    public boolean isCompatible(Distribution other) {
        return other != null && other.comm.size() == comm.size() && other.rank == rank && other.holder == holder
                && layout.isCompatible(other.layout);
    }

    /** Same layout (and holder) over the same communicator instance. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Distribution d && d.comm == comm && d.layout.equals(layout) && d.holder == holder;
    }

    @Override
    public int hashCode() {
        return layout.hashCode() * 31 + System.identityHashCode(comm);
    }

    @Override
    public String toString() {
        return "Distribution[shape=" + Arrays.toString(layout.shape()) + ", grid="
                + Arrays.toString(layout.grid().shape()) + ", rank " + rank + " of " + comm.size()
                + ", local shape " + Arrays.toString(map.localShape())
                + (isReplicated() ? ", replicated" : holder >= 0 ? ", on rank " + holder : "")
                + ", axes=" + layout.axes() + "]";
    }
}
