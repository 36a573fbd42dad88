package org.jdistarray.ops;

import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.internal.ArrayAccess;
import org.jdistarray.array.internal.ConvertKernels;
import org.jdistarray.array.internal.Storage;
import org.jdistarray.comm.CollectiveErrors;
import org.jdistarray.comm.CommContext;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.comm.ReduceOp;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.UnstructuredAxis;

/**
 * Runs one reduction: checks the call and the arguments (on every rank alike), accumulates the owned elements
 * ({@link ReduceState}), combines the ranks that share the kept coordinates (one all-reduce, or an all-gather of
 * the (count, mean, M2) triples for var/std; none when no reduced grid axis has more than one rank) and writes the
 * result into an array of the {@link ReducedLayout}.
 */
final class Reducer {
    private Reducer() {
    }

    static DistArray run(ReduceKind kind, DistArray a, ReduceOptions o) {
        if (denseFloat64Sum(kind, a, o)) { // the general path's result, with only the 0-d array allocated
            double v = denseFloat64SumValue(kind, a);
            Distribution scalar = ReducedLayout.scalar(a.distribution().communicator());
            DistArray result = newResult(scalar, DType.FLOAT64);
            Storage out = ArrayAccess.get().storage(result);
            if (out.elementCount() > 0 && scalar.localMap().ownedElementCount() > 0) {
                out.setDouble(0, v);
            }
            return result;
        }
        return run(kind, a, o, null);
    }

    /**
     * <b>Collective.</b> The value of a reduction whose result has one element, as a double ({@code DistArray.item()}
     * of the result, without the result array: a full reduction writes into a per-thread scratch element).
     */
    static double runDouble(ReduceKind kind, DistArray a, ReduceOptions o) {
        if (denseFloat64Sum(kind, a, o)) {
            return denseFloat64SumValue(kind, a);
        }
        Storage into = ReduceSlab.scratch(kind.resultType(a == null ? DType.FLOAT64 : a.dtype(), o == null ? null : o.dtypeOrNull()));
        try (DistArray r = run(kind, a, o, into)) {
            return r == null ? into.getDouble(0) : r.item();
        }
    }

    /** <b>Collective.</b> As {@link #runDouble}, as a long ({@code DistArray.itemLong()}). */
    static long runLong(ReduceKind kind, DistArray a, ReduceOptions o) {
        Storage into = ReduceSlab.scratch(kind.resultType(a == null ? DType.FLOAT64 : a.dtype(), o == null ? null : o.dtypeOrNull()));
        try (DistArray r = run(kind, a, o, into)) {
            return r == null ? into.getLong(0) : r.itemLong();
        }
    }

    /**
     * The reduction; {@code into} (a one-element block of the result dtype, or null): a full reduction without
     * {@code out} and off the reproducible mode writes its value there and returns null, everything else returns
     * the result array.
     */
    private static DistArray run(ReduceKind kind, DistArray a, ReduceOptions o, Storage into) {
        if (a == null) {
            throw new IllegalArgumentException(kind.numpyName + ": the array is null");
        }
        if (o == null) {
            throw new IllegalArgumentException(kind.numpyName + ": the options are null (use ReduceOptions.defaults())");
        }
        if (a.isView()) { // a slicing view is reduced through its dense copy (the same layout)
            try (DistArray dense = a.copy()) {
                return run(kind, dense, o, into);
            }
        }
        if (o.whereOrNull() != null && o.whereOrNull().isView()) {
            try (DistArray mask = o.whereOrNull().copy()) {
                return run(kind, a, o.where(mask), into);
            }
        }
        ArrayAccess.Bridge access = ArrayAccess.get();
        Distribution dist = a.distribution();
        if (dist.communicator().size() > 1) { // one rank: no other call to compare with (and no all-reduce)
            if (carriesSum(kind, a, o)) {
                return runCarried(kind, a, o, into, access);
            }
            access.verify(a, kind.numpyName, o.fingerprint());
        }
        boolean[] reduced = reducedAxes(kind, dist.ndim(), o.axisOrNull());
        checkArguments(kind, a, o, reduced);
        ReduceMask.check(kind, a, o);
        long[] shape = dist.shape();
        long perCell = 1;
        long resultSize = 1;
        for (int i = 0; i < shape.length; i++) {
            if (reduced[i]) {
                perCell *= shape[i];
            } else {
                resultSize *= shape[i];
            }
        }
        boolean identity = o.initialOrNull() != null && kind.family == ReduceKind.Family.EXTREME;
        if (perCell == 0 && resultSize > 0 && kind.emptyError() != null && !identity) {
            throw new IllegalArgumentException(kind.emptyError());
        }
        if (kind == ReduceKind.PTP && a.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("numpy boolean subtract, the `-` operator, is not supported, use the"
                    + " bitwise_xor, the `^` operator, or the logical_xor function instead.");
        }
        DType resultType = kind.resultType(a.dtype(), o.dtypeOrNull());
        ReducedLayout layout = ReducedLayout.of(dist, reduced, o.isKeepdims());
        Storage in = access.storage(a);
        DistArray mask = o.whereOrNull() == null ? null : ReduceMask.onLayoutOf(a, o.whereOrNull());
        try {
            Storage ms = mask == null ? null : access.storage(mask);
            int cells = cellCount(dist, reduced);
            Communicator group = null;
            if (layout.communicates) {
                CommContext ctx = dist.context();
                group = layout.full ? ctx.comm() : ctx.axes(dist.gridShape(), reduced);
            }
            if (o.isReproducible() && ExactReduction.applies(kind, a.dtype(), resultType)) {
                return deliver(new ExactReduction(kind, a, layout, cells, perCell, resultType, o)
                        .run(in, ms, reduced, group), o);
            }
            if (ms == null && into == null) {
                DistArray rows = rowSums(kind, a, o, resultType, reduced, layout, in, cells, perCell, group);
                if (rows != null) {
                    return rows;
                }
            }
            ReduceState st = new ReduceState(kind, a.dtype(), resultType, cells, ms != null);
            if (identity) {
                Number init = o.initialOrNull();
                if (ReduceKind.isFloat(a.dtype())) {
                    double v = ReduceMask.castDouble(a.dtype(), init);
                    st.initialKey(ReduceKernels.keyOf(v), Double.isNaN(v));
                } else {
                    long v = ReduceMask.castLong(a.dtype(), init);
                    st.initialKey(a.dtype() == DType.UINT64 ? v ^ Long.MIN_VALUE : v, false);
                }
            }
            st.accumulate(in, ms, dist.localMap().dims(), shape, reduced, dist.localMap().holdsNothing());
            double[][] moments = group == null ? null : combine(st, group, !layout.full);
            return finish(st, moments, into, layout, resultType, cells, perCell, o, access);
        } finally {
            if (mask != null && mask != o.whereOrNull()) {
                mask.close();
            }
        }
    }

    /**
     * A float64 {@code sum}/{@code mean} over the last axis alone of an unpadded block in one direct chunk, with no
     * option but {@code axis}/{@code keepdims} (null when that is not the case): the native row sums go straight
     * into the result's memory (one rank) or the combine's send buffer, which is reduced ({@code MPI_Reduce}, as
     * {@link #combine}) into the result's memory on the group's rank 0. The general path's {@code double[]} state, its
     * per-batch copy and its copies into and out of the send buffer touch 3-4 more blocks of the result's size;
     * after a sweep over a large block every one of them misses the caches (about 0.1 ms each for 4096 rows on this
     * kind of machine). The general path's bits (it adds each row sum to a state that starts at 0.0, which changes
     * nothing: the row sums' lanes start at 0.0, so none is -0.0), and the collective is the same call, so a rank
     * on either path pairs.
     */
    private static DistArray rowSums(ReduceKind kind, DistArray a, ReduceOptions o, DType resultType,
            boolean[] reduced, ReducedLayout layout, Storage in, int cells, long perCell, Communicator group) {
        if (kind != ReduceKind.SUM && kind != ReduceKind.MEAN || a.dtype() != DType.FLOAT64
                || resultType != DType.FLOAT64 || o.outOrNull() != null || o.initialOrNull() != null
                || o.isReproducible() || layout.full || a.distribution().localMap().holdsNothing()
                || !ReduceState.rowsApply(reduced, a.distribution().localMap().dims())) {
            return null;
        }
        long base = ReduceState.rowsAddress(in, cells);
        if (base == 0) {
            return null;
        }
        long len = in.elementCount() / cells;
        DistArray result = newResult(layout.result, DType.FLOAT64);
        Storage out = ArrayAccess.get().storage(result);
        boolean holds = out.elementCount() > 0 && layout.result.localMap().ownedElementCount() > 0;
        if (!holds && group == null) {
            return result; // nothing to sum for: no share of the result here, nobody to send one to
        }
        // the result's memory when it is the cells in order (a dense result block): the sums go straight into it
        DoubleBuffer dst = holds && out.elementCount() == cells ? denseDoubles(out, cells) : null;
        DoubleBuffer b = group != null ? Scratch.of(group).doubles(cells) : dst != null ? dst : ROWS.get().doubles(cells);
        NativeKernels.sumRowsF64(base, cells, len, ReduceKernels.address(b));
        if (group != null) {
            DoubleBuffer recv = group.rank() != 0 ? null : dst != null ? dst : ROWS.get().doubles(cells);
            group.reduce(b, recv, ReduceOp.SUM, 0);
            b = recv;
        }
        if (holds) {
            boolean mean = kind == ReduceKind.MEAN;
            if (b != dst || mean) {
                for (int c = 0; c < cells; c++) {
                    double v = b.get(c);
                    out.setDouble(c, mean ? v / perCell : v);
                }
            }
        }
        return result;
    }

    /** The first {@code n} elements of {@code s} as a buffer over its memory, when they are one native-order run. */
    private static DoubleBuffer denseDoubles(Storage s, int n) {
        if (s.chunkCount() != 1 || s.runInChunk(0) < n) {
            return null;
        }
        java.nio.ByteBuffer c = s.chunkOf(0);
        int pos = s.posOf(0);
        if (!c.isDirect() || c.order() != java.nio.ByteOrder.nativeOrder() || (pos & 7) != 0) {
            return null;
        }
        return c.slice(pos, 8 * n).order(java.nio.ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    /** The row sums of {@link #rowSums} on a rank that does not communicate: a per-thread direct buffer. */
    private static final ThreadLocal<Scratch> ROWS = ThreadLocal.withInitial(Scratch::new);

    /** The result: the value written into {@code into} (null returned) when it takes it, else a result array. */
    private static DistArray finish(ReduceState st, double[][] moments, Storage into, ReducedLayout layout,
            DType resultType, int cells, long perCell, ReduceOptions o, ArrayAccess.Bridge access) {
        if (into != null && layout.full && o.outOrNull() == null && into.dtype() == resultType) {
            write(st, moments, into, cells, perCell, o);
            return null;
        }
        DistArray result = newResult(layout.result, resultType);
        Storage out = access.storage(result);
        if (out.elementCount() > 0 && layout.result.localMap().ownedElementCount() > 0) {
            write(st, moments, out, cells, perCell, o);
        }
        return deliver(result, o);
    }

    /**
     * Whether the reduction is a full {@code sum}, {@code mean} or {@code nansum} of a float array with no keyword
     * but {@code keepdims} (and not the reproducible mode): its one combining all-reduce, a sum of one double, then
     * travels in the call check's own all-reduce ({@link #runCarried}). Decided from the arguments alone, without
     * throwing: a rank that decides otherwise (other arguments) makes the call check in its plain form, which pairs
     * with this one and reports the mismatch.
     */
    private static boolean carriesSum(ReduceKind kind, DistArray a, ReduceOptions o) {
        return (kind == ReduceKind.SUM || kind == ReduceKind.MEAN || kind == ReduceKind.NANSUM)
                && ReduceKind.isFloat(a.dtype()) && o.axisOrNull() == null && o.whereOrNull() == null
                && o.outOrNull() == null && o.dtypeOrNull() == null && o.initialOrNull() == null && o.ddofValue() == 0
                && !(o.isReproducible() && ExactReduction.applies(kind, a.dtype(), kind.resultType(a.dtype(), null)));
    }

    /**
     * <b>Collective.</b> {@link #run} for a {@link #carriesSum} reduction on more than one rank: the local checks and
     * the local sum first, then one all-reduce that is the call check and the combine together
     * ({@link CommContext#verifyAndSum}: the partial sum and a failure count ride with the call's hash), where
     * {@code run} makes two (a 4096-element sum on 2 ranks is mostly those all-reduces). A local failure still makes
     * the call, and then every rank throws ({@link CollectiveErrors#agree}: the failing rank its exception, the others
     * one naming it); a mismatched call throws {@link org.jdistarray.comm.CollectiveMismatchException} first, as the
     * plain call check does.
     */
    private static DistArray runCarried(ReduceKind kind, DistArray a, ReduceOptions o, Storage into,
            ArrayAccess.Bridge access) {
        Distribution dist = a.distribution();
        DType resultType = kind.resultType(a.dtype(), null);
        ReduceState st = null;
        ReducedLayout layout = null;
        long perCell = 1;
        RuntimeException failure = null;
        try {
            Storage in = access.storage(a); // open? (and not a view: run copied views)
            boolean[] reduced = reducedAxes(kind, dist.ndim(), null);
            checkArguments(kind, a, o, reduced);
            layout = ReducedLayout.of(dist, reduced, o.isKeepdims());
            long[] shape = dist.shape();
            for (long n : shape) {
                perCell *= n;
            }
            st = new ReduceState(kind, a.dtype(), resultType, 1, false);
            st.accumulate(in, null, dist.localMap().dims(), shape, reduced, dist.localMap().holdsNothing());
        } catch (RuntimeException e) {
            failure = e;
        }
        boolean sums = failure == null && layout.communicates; // a replicated array's local sum is the sum
        double[] carried = {sums ? st.d[0] : 0.0, failure == null ? 0.0 : 1.0};
        dist.context().verifyAndSum(kind.numpyName, access.number(a), o.fingerprint(), carried);
        if (carried[1] != 0) {
            CollectiveErrors.agree(dist.context().comm(), failure); // throws on every rank
        }
        if (sums) {
            st.d[0] = carried[0];
        }
        return finish(st, null, into, layout, resultType, 1, perCell, o, access);
    }

    /**
     * Whether {@link #runDouble} takes {@link #denseFloat64SumValue}: a full {@code sum} or {@code mean} with the
     * default options of a float64 array that is not a view, on unpadded blocks and structured axes. Decided from the
     * arguments alone, without communicating and without throwing; a rank that decides otherwise runs the general path,
     * whose collective call is the same ({@link #runCarried}'s one {@code verifyAndSum}).
     */
    private static boolean denseFloat64Sum(ReduceKind kind, DistArray a, ReduceOptions o) {
        if ((kind != ReduceKind.SUM && kind != ReduceKind.MEAN) || o != ReduceOptions.defaults() || a == null
                || a.isView() || a.dtype() != DType.FLOAT64) {
            return false;
        }
        Distribution dist = a.distribution();
        for (int i = 0, n = dist.ndim(); i < n; i++) {
            if (dist.axes().get(i) instanceof UnstructuredAxis
                    || dist.dim(i) instanceof org.jdistarray.protocol.Block b
                            && (b.commPadLeft() != 0 || b.commPadRight() != 0)) {
                return false;
            }
        }
        return true;
    }

    /** Per thread: {@link #denseFloat64SumValue}'s payload (partial sum, failure count). */
    private static final ThreadLocal<double[]> CARRIED = ThreadLocal.withInitial(() -> new double[2]);

    /**
     * <b>Collective</b> (one {@code verifyAndSum} on more than one rank, none on one). {@link #run}'s value for a
     * {@link #denseFloat64Sum} call, computed as it computes it (the chunk sums added to 0.0 in order; on several
     * ranks the partial sums carried in the call check, as {@link #runCarried}; the mean divided by the element count;
     * the same checks and exceptions) without allocating anything: the general path's 200-550 bytes a call are fresh
     * cache lines, which at 4096 elements (32 KB of a 48 KB L1) evict the operand, as in the element-wise small-call
     * paths ({@code Evaluator.sameLayoutArrays}).
     */
    private static double denseFloat64SumValue(ReduceKind kind, DistArray a) {
        ArrayAccess.Bridge access = ArrayAccess.get();
        Distribution dist = a.distribution();
        boolean many = dist.communicator().size() > 1;
        double partial = 0.0;
        RuntimeException failure = null;
        try {
            Storage in = access.storage(a); // open?
            if (!dist.localMap().holdsNothing()) {
                long count = in.elementCount();
                for (long off = 0; off < count;) {
                    int m = (int) Math.min(count - off, in.runInChunk(off));
                    partial += ReduceKernels.sumF64(in.chunkOf(off), in.posOf(off), m);
                    off += m;
                }
            }
        } catch (RuntimeException e) {
            if (!many) {
                throw e;
            }
            failure = e;
        }
        double value = partial;
        if (many) {
            // ReducedLayout.of's `communicates` for a full reduction: some grid axis has more than one rank, or a 0-d
            // array held by one rank (a replicated array's local sum is the sum)
            boolean sums = failure == null && (dist.layout().rankCount() > 1 || dist.holder() >= 0)
                    && !dist.isReplicated();
            double[] carried = CARRIED.get();
            carried[0] = sums ? partial : 0.0;
            carried[1] = failure == null ? 0.0 : 1.0;
            dist.context().verifyAndSum(kind.numpyName, access.number(a), ReduceOptions.defaults().fingerprint(),
                    carried);
            if (carried[1] != 0) {
                CollectiveErrors.agree(dist.context().comm(), failure); // throws on every rank
            }
            if (sums) {
                value = carried[0];
            }
        }
        return kind == ReduceKind.MEAN ? value / dist.globalSize() : value;
    }

    /**
     * <b>Collective.</b> An uninitialised result array on {@code d}: a local block of at most
     * {@link ReduceSlab#SLOT} bytes (a full reduction's scalar) is a slice of a slab, else owned memory.
     */
    static DistArray newResult(Distribution d, DType t) {
        long n = d.localElementCount();
        return ReduceSlab.fits(n, t) ? ArrayAccess.get().create(d, t, ReduceSlab.storage(n, t)) : DistArrays.empty(d, t);
    }

    /** The reduced axes, from NumPy's axis argument (null: every axis), checked as NumPy does. */
    static boolean[] reducedAxes(ReduceKind kind, int ndim, int[] axis) {
        boolean[] r = new boolean[ndim];
        if (axis == null) {
            Arrays.fill(r, true);
            return r;
        }
        if (kind.family == ReduceKind.Family.ARG && axis.length != 1) {
            throw new IllegalArgumentException(kind.numpyName + ": axis must be None or one int, got "
                    + Arrays.toString(axis) + " ('tuple' object cannot be interpreted as an integer)");
        }
        for (int x : axis) {
            int ax = x < 0 ? x + ndim : x;
            if (ax < 0 || ax >= ndim) {
                throw new IllegalArgumentException("axis " + x + " is out of bounds for array of dimension " + ndim);
            }
            if (r[ax]) {
                throw new IllegalArgumentException("duplicate value in 'axis'");
            }
            r[ax] = true;
        }
        return r;
    }

    private static void checkArguments(ReduceKind kind, DistArray a, ReduceOptions o, boolean[] reduced) {
        if (o.dtypeOrNull() != null && !kind.takesDtype()) {
            throw new IllegalArgumentException(kind.numpyName + "() got an unexpected keyword argument 'dtype'");
        }
        if (o.ddofValue() != 0 && kind.family != ReduceKind.Family.MOMENTS) {
            throw new IllegalArgumentException(kind.numpyName + "() got an unexpected keyword argument 'ddof'");
        }
        for (int i = 0; i < reduced.length; i++) {
            if (reduced[i] && a.distribution().axes().get(i) instanceof UnstructuredAxis u && !u.oneToOne()) {
                throw new IllegalArgumentException(kind.numpyName + ": axis " + i + " is unstructured and not one to"
                        + " one (some elements are held by several ranks); reducing it would count them several times");
            }
        }
    }

    private static int cellCount(Distribution dist, boolean[] reduced) {
        long c = 1;
        for (int i = 0; i < reduced.length; i++) {
            if (!reduced[i]) {
                long[] r = dist.ownedLocalRange(i);
                c *= r[1] - r[0];
            }
        }
        if (c > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the reduction's local part of " + c + " elements exceeds 2^31 - 9");
        }
        return (int) c;
    }

    /**
     * Combines the group's states in place; var/std: the merged triples. {@code rootOnly} (a partial reduction,
     * whose result lives on the group's rank 0 alone, {@link ReducedLayout}): sums, counts and extremes reach only
     * rank 0 ({@code MPI_Reduce}, half an all-reduce's traffic; the other members keep their partial state, which
     * nothing reads); otherwise every member gets the result. Arg-extremes (two rounds, the second needs the first's
     * result everywhere) and moments (an all-gather) combine everywhere either way.
     */
    private static double[][] combine(ReduceState st, Communicator g, boolean rootOnly) {
        int n = st.cells;
        switch (st.kind.family) {
            case ACCUMULATE -> {
                ReduceOp op = st.kind == ReduceKind.PROD ? ReduceOp.PROD : ReduceOp.SUM;
                if (st.longAcc) {
                    combine(g, st.l, null, op, rootOnly);
                } else {
                    combine(g, st.d, st.d2, op, rootOnly);
                }
            }
            case COUNT -> combine(g, st.l, null, ReduceOp.SUM, rootOnly);
            case EXTREME -> {
                ReduceKernels.not(st.l2, n);
                combine(g, st.l, st.l2, ReduceOp.MIN, rootOnly);
                ReduceKernels.not(st.l2, n);
            }
            case ARG -> {
                long[] mine = st.l.clone();
                combine(g, st.l, null, ReduceOp.MIN, false);
                for (int c = 0; c < n; c++) {
                    if (mine[c] != st.l[c]) {
                        st.l2[c] = Long.MAX_VALUE;
                    }
                }
                combine(g, st.l2, null, ReduceOp.MIN, false);
            }
            case MOMENTS -> {
                return gatherMoments(st, g);
            }
        }
        return null;
    }

    /** {@code x} (and {@code y}) combined over {@code g}: on every member, or ({@code rootOnly}) on rank 0 alone. */
    private static void combine(Communicator g, double[] x, double[] y, ReduceOp op, boolean rootOnly) {
        int n = x.length;
        int total = y == null ? n : 2 * n;
        DoubleBuffer b = Scratch.of(g).doubles(rootOnly ? 2 * total : total);
        b.put(0, x);
        if (y != null) {
            b.put(n, y);
        }
        int at = combineBuffer(g, b, total, op, rootOnly);
        if (at >= 0) {
            b.get(at, x);
            if (y != null) {
                b.get(at + n, y);
            }
        }
    }

    /** As {@link #combine(Communicator, double[], double[], ReduceOp, boolean)} for longs. */
    private static void combine(Communicator g, long[] x, long[] y, ReduceOp op, boolean rootOnly) {
        int n = x.length;
        int total = y == null ? n : 2 * n;
        LongBuffer b = Scratch.of(g).longs(rootOnly ? 2 * total : total);
        b.put(0, x);
        if (y != null) {
            b.put(n, y);
        }
        int at = combineBuffer(g, b, total, op, rootOnly);
        if (at >= 0) {
            b.get(at, x);
            if (y != null) {
                b.get(at + n, y);
            }
        }
    }

    /**
     * <b>Collective.</b> Combines the first {@code total} elements of {@code b} over {@code g}: in place on every
     * member, or ({@code rootOnly}) into elements {@code [total, 2 total)} of rank 0 alone. Where the result now is
     * in {@code b} (0 or {@code total}), or -1 on a member that gets none.
     */
    private static int combineBuffer(Communicator g, java.nio.Buffer b, int total, ReduceOp op, boolean rootOnly) {
        if (!rootOnly) {
            g.allReduce(b, op);
            return 0;
        }
        g.reduce(b.slice(0, total), b.slice(total, total), op, 0);
        return g.rank() == 0 ? total : -1;
    }

    /** All-gathers every member's (count, mean, M2) per cell and merges them in rank order (Chan et al.). */
    private static double[][] gatherMoments(ReduceState st, Communicator g) {
        int n = st.cells;
        int p = g.size();
        DoubleBuffer send = DirectBuffers.doubles(3 * n);
        send.put(0, st.d2).put(n, st.d).put(2 * n, st.d3);
        DoubleBuffer all = DirectBuffers.doubles(3 * n * p);
        g.allGather(send, all);
        double[] cnt = new double[n];
        double[] mean = new double[n];
        double[] m2 = new double[n];
        for (int r = 0; r < p; r++) {
            int base = 3 * n * r;
            for (int c = 0; c < n; c++) {
                double nb = all.get(base + c);
                if (nb == 0) {
                    continue;
                }
                double na = cnt[c];
                double nt = na + nb;
                double delta = all.get(base + n + c) - mean[c];
                mean[c] += delta * (nb / nt);
                m2[c] += all.get(base + 2 * n + c) + delta * delta * (na * nb / nt);
                cnt[c] = nt;
            }
        }
        return new double[][] {cnt, mean, m2};
    }

    private static void write(ReduceState st, double[][] moments, Storage out, int cells, long perCell,
            ReduceOptions o) {
        ReduceKind k = st.kind;
        int ddof = o.ddofValue();
        boolean isFloat = ReduceKind.isFloat(st.in);
        Number init = k.family == ReduceKind.Family.ACCUMULATE ? o.initialOrNull() : null;
        boolean times = k == ReduceKind.PROD;
        long initL = init == null ? (times ? 1 : 0) : ReduceMask.castLong(out.dtype(), init);
        double initD = init == null ? (times ? 1 : 0) : ReduceMask.castDouble(out.dtype(), init);
        for (int c = 0; c < cells; c++) {
            switch (k.family) {
                case ACCUMULATE -> {
                    if (st.longAcc) {
                        out.setLong(c, init == null ? st.l[c] : times ? st.l[c] * initL : st.l[c] + initL);
                    } else if (k == ReduceKind.MEAN) {
                        out.setDouble(c, st.d[c] / (st.d2 != null ? st.d2[c] : perCell));
                    } else if (k == ReduceKind.NANMEAN) {
                        out.setDouble(c, st.d[c] / st.d2[c]);
                    } else {
                        out.setDouble(c, init == null ? st.d[c] : times ? st.d[c] * initD : st.d[c] + initD);
                    }
                }
                case MOMENTS -> {
                    double n = moments == null ? st.d2[c] : moments[0][c];
                    double m2 = moments == null ? st.d3[c] : moments[2][c];
                    double v = (n == 0 ? Double.NaN : m2) / Math.max(n - ddof, 0);
                    out.setDouble(c, k == ReduceKind.STD ? Math.sqrt(v) : v);
                }
                case COUNT -> {
                    long cnt = st.l[c];
                    out.setLong(c, k == ReduceKind.ANY ? (cnt > 0 ? 1 : 0) : k == ReduceKind.ALL
                            ? (cnt == perCell ? 1 : 0) : cnt);
                }
                case ARG -> out.setLong(c, st.l2[c]);
                case EXTREME -> {
                    long lo = st.l[c];
                    long hi = st.l2[c];
                    if (isFloat) {
                        double vlo = ReduceKernels.valueOfKey(lo);
                        double vhi = ReduceKernels.valueOfKey(hi);
                        out.setDouble(c, k == ReduceKind.MIN || k == ReduceKind.NANMIN ? vlo
                                : k == ReduceKind.PTP ? vhi - vlo : vhi);
                    } else {
                        if (st.in == DType.UINT64) {
                            lo ^= Long.MIN_VALUE;
                            hi ^= Long.MIN_VALUE;
                        }
                        out.setLong(c, k == ReduceKind.MIN || k == ReduceKind.NANMIN ? lo
                                : k == ReduceKind.PTP ? hi - lo : hi);
                    }
                }
            }
        }
    }

    /** The result, or (with the out keyword) the result cast into {@code out}, which is returned. */
    private static DistArray deliver(DistArray result, ReduceOptions o) {
        DistArray target = o.outOrNull();
        if (target == null) {
            return result;
        }
        try (result) {
            if (!Arrays.equals(target.shape(), result.shape()) || !target.distribution().isCompatible(result.distribution())) {
                throw new IllegalArgumentException("out: an array of shape " + Arrays.toString(target.shape())
                        + " and grid " + Arrays.toString(target.distribution().gridShape()) + " cannot receive the"
                        + " result of shape " + Arrays.toString(result.shape()) + " and grid "
                        + Arrays.toString(result.distribution().gridShape()) + " (it needs the result's layout)");
            }
            ArrayAccess.Bridge access = ArrayAccess.get();
            ConvertKernels.convert(access.storage(result), access.storage(target), result.distribution().localElementCount());
        }
        return target;
    }
}
