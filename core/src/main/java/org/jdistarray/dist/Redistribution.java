package org.jdistarray.dist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jdistarray.comm.CollectiveErrors;
import org.jdistarray.comm.Communicator;
import org.jdistarray.protocol.AxisDistribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DistArrayException;

/**
 * A precomputed plan that moves the elements of an array from one distribution to another of the same global shape
 * over the same communicator (PETSc's {@code VecScatter}, Tpetra's {@code Import}): any layout to any layout (block,
 * irregular block, cyclic, block-cyclic, unstructured, undistributed and replicated, any process grid, padded or not),
 * including onto or from a sub-group of the ranks ({@code DistributionBuilder.onRanks}: the ranks outside the group
 * hold empty blocks and only send, or only receive).
 * Made once, it serves every array of that pair and any dtype (the lists are in elements); the array layer executes it
 * ({@code DistArrays.redistribute}).
 *
 * <p><b>What it holds.</b> For this rank, per peer, the runs to send and to receive as strided boxes of the local
 * blocks ({@link Box}, element offsets and strides in C order), in the same order on both sides; and the local
 * moves (this rank to itself), done as copies without messages. Sources read only cells they own (never their ghost
 * copies); targets receive every cell they hold, so the ghosts of a padded target are filled by the same exchange.
 * Structured axes are planned by intersecting per-axis arithmetic progressions, in time linear in the number of runs;
 * unstructured axes (and {@link #reshape}) cost one step per element.
 *
 * <p><b>Memory and rounds.</b> The exchange packs what leaves a rank and what arrives into buffers, unless a peer
 * stream is one contiguous range of the block (then it is sent from, or received into, the block itself). By default
 * the buffers stay below about one local block (the larger of source and target, at least 1 MiB); a smaller budget
 * ({@link #withBudget}) splits the exchange into {@link #rounds rounds}, one all-to-all each, and no round moves more
 * than 2^31 - 1 bytes per rank. {@link #explain} prints the figures before anything runs.
 */
public final class Redistribution {
    /** Bytes one round of the exchange may hold per rank and direction (the all-to-all's int counts). */
    static final long MAX_ROUND_BYTES = Integer.MAX_VALUE - 4096;
    private static final long MIN_DEFAULT_BUDGET = 1 << 20;

    /**
     * A strided box of a local block: element {@code (i0, ..., ik)} of the box is at element offset
     * {@code offset + i0*strides[0] + ... + ik*strides[k]}; walked in C order.
     */
    public record Box(long offset, long[] strides, long[] counts) {
        /** <b>Not collective.</b> Number of elements. */
        public long elementCount() {
            long n = 1;
            for (long c : counts) {
                n *= c;
            }
            return n;
        }

        /** <b>Not collective.</b> Whether the box is one contiguous range {@code [offset, offset + elementCount())}. */
        public boolean isContiguous() {
            long step = 1;
            for (int k = counts.length - 1; k >= 0; k--) {
                if (counts[k] != 1) {
                    if (strides[k] != step) {
                        return false;
                    }
                    step *= counts[k];
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return "Box[offset=" + offset + ", strides=" + Arrays.toString(strides) + ", counts="
                    + Arrays.toString(counts) + "]";
        }
    }

    /** This rank's lists: per peer what to send / receive; the local moves as pairs of source and target boxes. */
    record Lists(List<List<Box>> send, List<List<Box>> recv, List<Box> localSrc, List<Box> localDst) {
        static Lists empty(int p) {
            List<List<Box>> s = new ArrayList<>();
            List<List<Box>> r = new ArrayList<>();
            for (int i = 0; i < p; i++) {
                s.add(new ArrayList<>());
                r.add(new ArrayList<>());
            }
            return new Lists(s, r, new ArrayList<>(), new ArrayList<>());
        }
    }

    private final Distribution from;
    private final Distribution to;
    private final Lists lists;
    /** {@code matrix[s][t]}: elements rank s sends to rank t (the diagonal: local moves), every rank's view. */
    private final long[][] matrix;
    /** Per rank: whether its send and receive streams are contiguous ranges of its blocks (no buffer needed). */
    private final boolean[] sendInPlace;
    private final boolean[] recvInPlace;
    private final boolean ghostExchangeAfter;
    private final long budget;
    private final String kind;
    private final boolean reuseBuffers;
    /** {@code itemSize << 32 | rounds} of the last {@link #rounds} call (each run asks; the answer costs O(P^2)). */
    private volatile long roundsCache = -1L;

    private Redistribution(Distribution from, Distribution to, Lists lists, long[][] matrix, boolean[] sendInPlace,
            boolean[] recvInPlace, boolean ghostExchangeAfter, long budget, String kind, boolean reuseBuffers) {
        this.from = from;
        this.to = to;
        this.lists = lists;
        this.matrix = matrix;
        this.sendInPlace = sendInPlace;
        this.recvInPlace = recvInPlace;
        this.ghostExchangeAfter = ghostExchangeAfter;
        this.budget = budget;
        this.kind = kind;
        this.reuseBuffers = reuseBuffers;
    }

    /**
     * <b>Collective.</b> The plan from {@code from} to {@code to}: same global shape, same communicator. Checked on
     * every rank before anything is computed (one small all-reduce), the lists computed, and every rank's counts
     * all-gathered (one all-gather of {@code P + 2} longs per rank) so that {@link #explain} knows every rank.
     *
     * @throws IllegalArgumentException if an argument is null
     * @throws DistArrayException on every rank if the shapes or the communicators differ, or a rank plans another pair
     */
    public static Redistribution plan(Distribution from, Distribution to) {
        int[] identity = new int[from == null ? 0 : from.ndim()];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = i;
        }
        return permuted("plan", from, to, identity);
    }

    /**
     * <b>Collective.</b> The plan of a transpose: target axis {@code k} is source axis {@code axes[k]}
     * ({@code numpy.transpose}), so target element {@code (i0, ..., ik)} is source element with index {@code ik} on
     * axis {@code axes[k]}. {@code to} must have the permuted shape.
     *
     * @throws DistArrayException on every rank if {@code axes} is not a permutation or the shapes do not match
     */
    public static Redistribution transpose(Distribution from, Distribution to, int... axes) {
        return permuted("transpose", from, to, axes);
    }

    /**
     * <b>Collective.</b> The plan of a C-order reshape ({@code numpy.reshape}): element {@code i} of the flattened
     * source goes to element {@code i} of the flattened target; any layouts, same number of elements. Planned element
     * by element (time linear in the local elements; the runs are merged). The target's communication padding is
     * filled by a ghost exchange after the move.
     *
     * @throws DistArrayException on every rank ("cannot reshape array of size 12 into shape (5,)") if the sizes differ
     */
    public static Redistribution reshape(Distribution from, Distribution to) {
        nonNull(from, to);
        Communicator lib = from.context().comm();
        from.context().verify("Redistribution.reshape", 0, from.layout().hashCode(), to.layout().hashCode());
        Lists mine = CollectiveErrors.agree(lib, () -> {
            sameCommunicator(from, to);
            if (from.globalSize() != to.globalSize()) {
                throw new DistArrayException("cannot reshape array of size " + from.globalSize() + " into shape "
                        + shapeString(to.shape()));
            }
            return ElementPlanner.reshape(from, to);
        });
        return gathered(from, to, mine, hasPadding(to), "reshape");
    }

    /**
     * <b>Collective.</b> The ghost exchange of {@code d} as a plan of this kind: a plan from {@code d} to itself in
     * which every communication-padding cell receives the element it mirrors from the rank that owns it, and on a
     * periodic axis every boundary-padding cell its periodic image (cell {@code g < bL} the interior cell
     * {@code g + L}, cell {@code g >= size - bR} the cell {@code g - L}, {@code L = size - bL - bR}); corners come in
     * the same exchange, owned interior cells stay where they are. The exchange is point-to-point with the peers only
     * ({@link #exchangesWithNeighbours}). {@code DistArray.exchangeGhosts()} runs this plan (made once per array);
     * {@code DistArrays.exchangeGhosts(array, plan)} runs a plan made here, for any array of {@code d}.
     *
     * @throws DistArrayException on every rank if a block is too small to supply the padding its neighbours need
     *     (PETSc DMDA's rule: a block owns at least its neighbours' ghost widths, the message names the axis)
     */
    public static Redistribution ghosts(Distribution d) {
        nonNull(d, d);
        d.context().verify("Redistribution.ghosts", 0, d.layout().hashCode());
        Lists mine = CollectiveErrors.agree(d.context().comm(), () -> {
            for (int a = 0; a < d.ndim(); a++) {
                if (d.axes().get(a) instanceof org.jdistarray.protocol.BlockAxis) {
                    GhostRules.check(d.axes().get(a), a);
                }
            }
            int[] identity = new int[d.ndim()];
            for (int i = 0; i < identity.length; i++) {
                identity[i] = i;
            }
            Lists all = BoxPlanner.planLists(d, d, identity, true);
            // owned cells map onto themselves: drop those local moves
            for (int i = all.localSrc().size() - 1; i >= 0; i--) {
                Box x = all.localSrc().get(i);
                Box y = all.localDst().get(i);
                if (x.offset() == y.offset() && Arrays.equals(x.strides(), y.strides())) {
                    all.localSrc().remove(i);
                    all.localDst().remove(i);
                }
            }
            return all;
        });
        return gathered(d, d, mine, false, "ghosts");
    }

    private static Redistribution permuted(String op, Distribution from, Distribution to, int[] axes) {
        nonNull(from, to);
        if (axes == null) {
            throw new IllegalArgumentException(op + ": axes is null");
        }
        Communicator lib = from.context().comm();
        long[] args = new long[axes.length + 2];
        args[0] = from.layout().hashCode();
        args[1] = to.layout().hashCode();
        for (int i = 0; i < axes.length; i++) {
            args[i + 2] = axes[i];
        }
        from.context().verify("Redistribution." + op, 0, args);
        Lists mine = CollectiveErrors.agree(lib, () -> {
            sameCommunicator(from, to);
            checkPermutation(from, to, axes);
            return BoxPlanner.planLists(from, to, axes);
        });
        return gathered(from, to, mine, false, op);
    }

    private static Redistribution gathered(Distribution from, Distribution to, Lists mine, boolean ghosts, String op) {
        int p = from.communicator().size();
        long[] row = new long[p + 2];
        for (int t = 0; t < p; t++) {
            row[t] = count(mine.send().get(t));
        }
        row[from.rank()] = count(mine.localSrc());
        // a ghost plan packs both sides into its (small, kept) buffers, as a halo exchange does: never in place
        boolean packed = op.equals("ghosts");
        row[p] = !packed && contiguousStart(mine.send(), from.rank()) >= -1 ? 1 : 0;
        row[p + 1] = !packed && contiguousStart(mine.recv(), from.rank()) >= -1 ? 1 : 0;
        long[][] all = CollectiveErrors.agreeAndGather(from.context().comm(), null, row);
        long[][] matrix = new long[p][];
        boolean[] sendInPlace = new boolean[p];
        boolean[] recvInPlace = new boolean[p];
        for (int r = 0; r < p; r++) {
            matrix[r] = Arrays.copyOf(all[r], p);
            sendInPlace[r] = all[r][p] == 1;
            recvInPlace[r] = all[r][p + 1] == 1;
        }
        return new Redistribution(from, to, mine, matrix, sendInPlace, recvInPlace, ghosts, 0, op, true);
    }

    private static void nonNull(Distribution from, Distribution to) {
        if (from == null || to == null) {
            throw new IllegalArgumentException("redistribution: the source and target distributions are required");
        }
    }

    private static void sameCommunicator(Distribution from, Distribution to) {
        Communicator a = from.communicator();
        Communicator b = to.communicator();
        if (a != b) {
            throw new DistArrayException("redistribution: the target distribution is over another communicator ("
                    + b.size() + " ranks, this process rank " + b.rank() + ") than the source (" + a.size()
                    + " ranks, rank " + a.rank() + "); build the target on the source's communicator"
                    + (b.size() < a.size() ? " (to move an array onto a sub-group of fewer ranks, build the target on the"
                    + " source's communicator with DistributionBuilder.onRanks(...): the other ranks hold empty blocks)"
                    : ""));
        }
    }

    private static void checkPermutation(Distribution from, Distribution to, int[] axes) {
        int n = from.ndim();
        boolean[] seen = new boolean[n];
        boolean ok = axes.length == n;
        for (int i = 0; ok && i < n; i++) {
            ok = axes[i] >= 0 && axes[i] < n && !seen[axes[i]];
            if (ok) {
                seen[axes[i]] = true;
            }
        }
        if (!ok) {
            throw new DistArrayException("axes don't match array: " + Arrays.toString(axes) + " is not a permutation"
                    + " of the " + n + " axes of an array of shape " + shapeString(from.shape()));
        }
        long[] want = new long[n];
        for (int k = 0; k < n; k++) {
            want[k] = from.shape()[axes[k]];
        }
        if (!Arrays.equals(want, to.shape())) {
            throw new DistArrayException("cannot redistribute an array of shape " + shapeString(from.shape())
                    + (isIdentity(axes) ? "" : " transposed by " + Arrays.toString(axes) + " (shape "
                    + shapeString(want) + ")") + " into a distribution of shape " + shapeString(to.shape()));
        }
    }

    private static boolean isIdentity(int[] axes) {
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] != i) {
                return false;
            }
        }
        return true;
    }

    static String shapeString(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static boolean hasPadding(Distribution d) {
        for (AxisDistribution a : d.axes()) {
            if (a instanceof org.jdistarray.protocol.BlockAxis b && b.commPadding() > 0) {
                return true;
            }
        }
        return false;
    }

    static long count(List<Box> boxes) {
        long n = 0;
        for (Box b : boxes) {
            n += b.elementCount();
        }
        return n;
    }

    /**
     * Whether every peer's stream (self excluded) is one contiguous range: returns -1 if so (or nothing moves), else
     * -2. Used as a flag; {@link #rangeStart} gives each range.
     */
    private static long contiguousStart(List<List<Box>> streams, int me) {
        for (int r = 0; r < streams.size(); r++) {
            if (r != me && rangeStart(streams.get(r)) < 0) {
                return -2;
            }
        }
        return -1;
    }

    /**
     * <b>Not collective.</b> The first element offset of a stream of boxes that together form one contiguous range
     * of a block, 0 for an empty stream, -1 if they do not.
     */
    public static long rangeStart(List<Box> stream) {
        if (stream.isEmpty()) {
            return 0;
        }
        long next = stream.get(0).offset();
        for (Box b : stream) {
            if (b.offset() != next || !b.isContiguous()) {
                return -1;
            }
            next += b.elementCount();
        }
        return stream.get(0).offset();
    }

    /**
     * <b>Not collective.</b> The same plan with a memory budget: at most about {@code bytesPerRank} bytes of buffers
     * per rank (send and receive together); the exchange is split into as many rounds as the neediest rank requires.
     * Must be the same on every rank. 0 restores the default (about one local block).
     *
     * @throws IllegalArgumentException if {@code bytesPerRank} is negative
     */
    public Redistribution withBudget(long bytesPerRank) {
        if (bytesPerRank < 0) {
            throw new IllegalArgumentException("budget must be >= 0 bytes, got " + bytesPerRank);
        }
        return new Redistribution(from, to, lists, matrix, sendInPlace, recvInPlace, ghostExchangeAfter, bytesPerRank,
                kind, reuseBuffers);
    }

    /**
     * <b>Not collective.</b> The same plan, keeping (true, the default) or not keeping its exchange buffers between
     * runs. Kept buffers ({@link #peakExtraBytes} bytes) spare each run the allocation and first touch of fresh
     * pages; they are freed when the plan becomes unreachable. Without reuse every run allocates and frees them.
     */
    public Redistribution withBufferReuse(boolean reuse) {
        return new Redistribution(from, to, lists, matrix, sendInPlace, recvInPlace, ghostExchangeAfter, budget, kind,
                reuse);
    }

    /** <b>Not collective.</b> Whether the exchange buffers are kept between runs ({@link #withBufferReuse}). */
    public boolean reusesBuffers() {
        return reuseBuffers;
    }

    /** <b>Not collective.</b> What the plan does: {@code plan}, {@code transpose}, {@code reshape} or {@code ghosts}. */
    public String kind() {
        return kind;
    }

    /** <b>Not collective.</b> The source distribution. */
    public Distribution from() {
        return from;
    }

    /** <b>Not collective.</b> The target distribution. */
    public Distribution to() {
        return to;
    }

    /** <b>Not collective.</b> The budget in bytes per rank ({@link #withBudget}), 0 for the default. */
    public long budget() {
        return budget;
    }

    /** <b>Not collective.</b> Whether the target's ghosts are filled by a ghost exchange after the move (reshape). */
    public boolean ghostExchangeAfter() {
        return ghostExchangeAfter;
    }

    /** <b>Not collective.</b> This rank's boxes of its source block to send to {@code peer}, in stream order. */
    public List<Box> sendBoxes(int peer) {
        return peer == from.rank() ? List.of() : List.copyOf(lists.send().get(peer));
    }

    /** <b>Not collective.</b> This rank's boxes of its target block to fill from {@code peer}, in stream order. */
    public List<Box> recvBoxes(int peer) {
        return peer == from.rank() ? List.of() : List.copyOf(lists.recv().get(peer));
    }

    /** <b>Not collective.</b> The local moves: source boxes, pairwise with {@link #localTargetBoxes}. */
    public List<Box> localSourceBoxes() {
        return List.copyOf(lists.localSrc());
    }

    /** <b>Not collective.</b> The target boxes of the local moves. */
    public List<Box> localTargetBoxes() {
        return List.copyOf(lists.localDst());
    }

    /** <b>Not collective.</b> Elements rank {@code s} sends to rank {@code t} (for {@code s == t}: its local moves). */
    public long elements(int s, int t) {
        return matrix[s][t];
    }

    /** <b>Not collective.</b> Elements rank {@code r} sends to other ranks. */
    public long elementsSent(int r) {
        long n = 0;
        for (int t = 0; t < matrix.length; t++) {
            n += t == r ? 0 : matrix[r][t];
        }
        return n;
    }

    /** <b>Not collective.</b> Elements rank {@code r} receives from other ranks. */
    public long elementsReceived(int r) {
        long n = 0;
        for (int s = 0; s < matrix.length; s++) {
            n += s == r ? 0 : matrix[s][r];
        }
        return n;
    }

    /** <b>Not collective.</b> Elements rank {@code r} copies locally (no message). */
    public long elementsLocal(int r) {
        return matrix[r][r];
    }

    /** <b>Not collective.</b> Bytes rank {@code r} sends to other ranks for items of {@code itemSize} bytes. */
    public long bytesSent(int r, int itemSize) {
        return elementsSent(r) * itemSize;
    }

    /** <b>Not collective.</b> Bytes rank {@code r} receives from other ranks. */
    public long bytesReceived(int r, int itemSize) {
        return elementsReceived(r) * itemSize;
    }

    /** <b>Not collective.</b> Number of peers rank {@code r} sends a message to in each round. */
    public int messagesPerRound(int r) {
        int m = 0;
        for (int t = 0; t < matrix.length; t++) {
            m += t != r && matrix[r][t] > 0 ? 1 : 0;
        }
        return m;
    }

    /** <b>Not collective.</b> Whether no rank sends anything to another rank (the plan is local copies only). */
    public boolean isLocal() {
        for (int r = 0; r < matrix.length; r++) {
            if (elementsSent(r) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * <b>Not collective.</b> Whether the exchange is point-to-point with each rank's peers only (non-blocking sends and
     * receives, no call on ranks that exchange nothing: a neighbourhood exchange) rather than one all-to-all over the
     * communicator: for ghost plans, and for plans in which no rank talks to more than a few peers
     * ({@code 2 * peers < size - 1}), where an all-to-all would cost every rank a step per rank of the communicator.
     * Decided from the gathered counts, so every rank agrees.
     */
    public boolean exchangesWithNeighbours() {
        if (kind.equals("ghosts")) {
            return true;
        }
        int p = matrix.length;
        for (int r = 0; r < p; r++) {
            if (2 * messagesPerRound(r) >= p - 1) {
                return false;
            }
        }
        return true;
    }

    /** <b>Not collective.</b> Whether rank {@code r} sends straight from its block (its streams are contiguous). */
    public boolean sendsInPlace(int r) {
        return sendInPlace[r];
    }

    /** <b>Not collective.</b> Whether rank {@code r} receives straight into its block. */
    public boolean receivesInPlace(int r) {
        return recvInPlace[r];
    }

    /** <b>Not collective.</b> The budget of rank {@code r} in bytes: the option, or about one local block. */
    public long budgetOf(int r, int itemSize) {
        if (budget > 0) {
            return budget;
        }
        long cells = Math.max(from.mapOf(r).localElementCount(), to.mapOf(r).localElementCount());
        return Math.max(MIN_DEFAULT_BUDGET, cells * itemSize);
    }

    /** <b>Not collective.</b> Number of all-to-all rounds for items of {@code itemSize} bytes (0: nothing is sent). */
    public int rounds(int itemSize) {
        long cached = roundsCache;
        if (cached >>> 32 == itemSize) {
            return (int) cached;
        }
        int r = computeRounds(itemSize);
        roundsCache = (long) itemSize << 32 | r; // a benign race: every writer stores the same value
        return r;
    }

    private int computeRounds(int itemSize) {
        if (isLocal()) {
            return 0;
        }
        long rounds = 1;
        long longest = 1;
        for (int r = 0; r < matrix.length; r++) {
            long send = elementsSent(r) * itemSize;
            long recv = elementsReceived(r) * itemSize;
            long need = (sendInPlace[r] ? 0 : send) + (recvInPlace[r] ? 0 : recv);
            rounds = Math.max(rounds, ceilDiv(need, budgetOf(r, itemSize)));
            rounds = Math.max(rounds, ceilDiv(Math.max(send, recv), MAX_ROUND_BYTES));
            for (int t = 0; t < matrix.length; t++) {
                longest = Math.max(longest, t == r ? 0 : matrix[r][t]);
            }
        }
        return (int) Math.min(Math.min(rounds, longest), Integer.MAX_VALUE);
    }

    /**
     * <b>Not collective.</b> Bytes of buffers rank {@code r} allocates for the exchange (the peak extra memory when the
     * blocks fit one buffer each, below 2 GiB; larger blocks are never sent in place): per peer the largest round's
     * share, for each side not done in place.
     */
    public long peakExtraBytes(int r, int itemSize) {
        int rounds = rounds(itemSize);
        if (rounds == 0) {
            return 0;
        }
        long n = 0;
        for (int q = 0; q < matrix.length; q++) {
            if (q != r) {
                n += sendInPlace[r] ? 0 : ceilDiv(matrix[r][q], rounds);
                n += recvInPlace[r] ? 0 : ceilDiv(matrix[q][r], rounds);
            }
        }
        return n * itemSize;
    }

    static long ceilDiv(long a, long b) {
        return a <= 0 ? 0 : (a + b - 1) / b;
    }

    /** <b>Not collective.</b> {@link #explain(int)} for items of {@code dtype}. */
    public String explain(DType dtype) {
        return explain(dtype.itemSize());
    }

    /**
     * <b>Not collective.</b> What the plan does, before it runs, for items of {@code itemSize} bytes: per rank the
     * bytes sent and received, messages per round, local copies, peak extra memory against its budget, and the rounds.
     */
    public String explain(int itemSize) {
        StringBuilder sb = new StringBuilder();
        int rounds = rounds(itemSize);
        sb.append("Redistribution (").append(kind).append(") ").append(shapeString(from.shape())).append(" grid ")
                .append(Arrays.toString(from.gridShape())).append(" -> ").append(shapeString(to.shape()))
                .append(" grid ").append(Arrays.toString(to.gridShape())).append(", ").append(itemSize)
                .append("-byte items, ").append(rounds).append(rounds == 1 ? " round" : " rounds")
                .append(exchangesWithNeighbours() ? " of point-to-point messages with the peers" : " of all-to-all")
                .append(ghostExchangeAfter ? ", then a ghost exchange" : "").append('\n');
        for (int r = 0; r < matrix.length; r++) {
            sb.append("  rank ").append(r).append(": sends ").append(bytesSent(r, itemSize)).append(" B, receives ")
                    .append(bytesReceived(r, itemSize)).append(" B, ").append(messagesPerRound(r))
                    .append(" messages per round, copies ").append(elementsLocal(r) * itemSize)
                    .append(" B locally, peak extra ").append(peakExtraBytes(r, itemSize)).append(" B (budget ")
                    .append(budgetOf(r, itemSize)).append(" B)")
                    .append(sendInPlace[r] ? ", sends from the block" : "")
                    .append(recvInPlace[r] ? ", receives into the block" : "").append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Redistribution[" + kind + " " + shapeString(from.shape()) + " -> " + shapeString(to.shape()) + ", rank "
                + from.rank() + " of " + matrix.length + "]";
    }
}
