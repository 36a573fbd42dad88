package org.jdistarray.ops;

import java.util.ArrayList;
import java.util.List;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.Index;
import org.jdistarray.array.internal.ArrayAccess;
import org.jdistarray.array.internal.Storage;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.CommContext;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.DistributionBuilder;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DistributionException;

/** Evaluates an {@link Expr}: picks the result layout, plans every operand's reads, runs the tiles. */
final class Evaluator {
    private Evaluator() {
    }

    static DistArray eval(Expr e, UfuncOptions o) {
        DistArray quick = sameLayoutFused(e, o);
        if (quick != null) {
            return quick;
        }
        List<DistArray> arrays = new ArrayList<>();
        collect(e, arrays);
        if (arrays.isEmpty()) {
            throw new IllegalArgumentException("an element-wise expression needs at least one DistArray operand: " + e);
        }
        ArrayAccess.Bridge bridge = ArrayAccess.get();
        DistArray first = arrays.get(0);
        CommContext ctx = first.distribution().context();
        for (DistArray a : arrays) {
            if (a.isView()) {
                a.local(); // open? (a view whose source was closed throws)
            } else {
                bridge.storage(a); // open?
            }
            if (a.distribution().context() != ctx) {
                throw new DistributionException("element-wise operation: the operands live on different communicators");
            }
        }
        DistArray out = o.out();
        if (out != null && out.isView()) {
            // a slicing view as out=: evaluate into a dense twin of its layout, then assign the twin into the view
            // (a local strided copy, the layouts being equal); operands that read the view read its dense copy
            out.local(); // open?
            try (DistArray twin = DistArrays.empty(out.distribution(), out.dtype())) {
                eval(e, o.withOut(twin));
                out.set(new Index[] {Index.ellipsis()}, twin);
            }
            return out;
        }
        verifyLogical(e, o, ctx, bridge, arrays);
        Distribution dist;
        DType dtype;
        if (out != null) {
            bridge.storage(out);
            long[] s = Broadcast.shape(e.shape, out.shape());
            if (!java.util.Arrays.equals(s, out.shape())) {
                throw new IllegalArgumentException("non-broadcastable output operand with shape "
                        + Broadcast.format(out.shape()) + " doesn't match the broadcast shape " + Broadcast.format(s));
            }
            if (out.distribution().context() != ctx) {
                throw new DistributionException("element-wise operation: out= lives on another communicator");
            }
            if (!Promotion.canCast(e.dtype, out.dtype(), o.casting())) {
                throw new UfuncTypeException("Cannot cast ufunc '" + name(e) + "' output from dtype('"
                        + e.dtype.numpyName() + "') to dtype('" + out.dtype().numpyName() + "') with casting rule '"
                        + o.casting().numpyName() + "'");
            }
            dist = out.distribution();
            dtype = out.dtype();
        } else {
            dist = resultDistribution(e.shape, arrays);
            dtype = e.dtype;
        }
        try (OperandMoves moves = OperandMoves.bring(arrays, dist)) {
            return run(e, o, ctx, bridge, first, arrays, dist, dtype, moves);
        }
    }

    /** In checking mode: the expression's text (with scalar values), arrays and options are the same on every rank. */
    private static void verifyLogical(Expr e, UfuncOptions o, CommContext ctx, ArrayAccess.Bridge bridge,
            List<DistArray> arrays) {
        if (ctx.checking()) {
            DistArray out = o.out();
            long[] args = new long[arrays.size() + 3];
            for (int i = 0; i < arrays.size(); i++) {
                args[i] = bridge.number(arrays.get(i));
            }
            args[arrays.size()] = out == null ? -1 : bridge.number(out);
            args[arrays.size() + 1] = o.casting().ordinal();
            args[arrays.size() + 2] = o.dtype() == null ? -1 : o.dtype().ordinal();
            ctx.verifyLogical("ufunc " + e, bridge.number(arrays.get(0)), args);
        }
    }

    /**
     * The small-call path of an expression {@code z = x op y} / {@code x op s} / {@code s op x} into {@code out=z}: the
     * {@link #sameLayoutArrays} / {@link #sameLayoutScalar} path of {@code Np}'s calls, for an {@link Expr} of one
     * binary node over two leaves whose loop and result dtype are {@code out}'s (verified, in checking mode, with
     * {@code e}'s own text), or null for the general path.
     */
    private static DistArray sameLayoutFused(Expr e, UfuncOptions o) {
        DistArray out = o.out();
        if (out == null || e.kind != Expr.Kind.BINARY || e.dtype != out.dtype() || e.loop != out.dtype()) {
            return null;
        }
        Expr l = e.args[0];
        Expr r = e.args[1];
        if (l.kind == Expr.Kind.ARRAY && r.kind == Expr.Kind.ARRAY) {
            return arrays(e.binaryOp, l.array, r.array, o, e);
        }
        if (l.kind == Expr.Kind.ARRAY && r.kind == Expr.Kind.SCALAR) {
            return scalar(e.binaryOp, l.array, boxed(r.scalar), false, o, e);
        }
        if (l.kind == Expr.Kind.SCALAR && r.kind == Expr.Kind.ARRAY) {
            return scalar(e.binaryOp, r.array, boxed(l.scalar), true, o, e);
        }
        return null;
    }

    /** A scalar leaf as {@code Np}'s calls pass it: a Python float as a Double, a Python int as a Long, else null. */
    private static Object boxed(Operand s) {
        return s.scalarKind() == 2 ? (Object) s.doubleValue() : s.scalarKind() == 1 ? (Object) s.longValue() : null;
    }

    /**
     * The small-call path of {@code Np.add/subtract/multiply(x, y)} and {@code (x, y, out=z)} before any {@link Expr}
     * is built: when {@code x}, {@code y} (and {@code z}) are float64, float32 or int64 blocks of one dtype, laid out by
     * the very same {@link Distribution} object, none a view, one chunk each, the loop runs straight over the blocks
     * (into {@code z}, or a new array on that Distribution, as the general path makes it) and nothing else is
     * allocated outside checking mode (which verifies the call as the general path does). The allocation a call made
     * evicted the operands from L1: {@code a + b} into {@code out=} on 2048 doubles a rank took 265 ns with the 520
     * bytes an expression costs, 115 ns for its loop. NumPy's loop for two operands of one of these dtypes is that
     * dtype, which casts to {@code z} under every rule, so the result is the general path's; null when this does not
     * apply (the general path runs and raises what it raises).
     */
    static DistArray sameLayoutArrays(BinaryOp op, DistArray x, DistArray y, UfuncOptions o) {
        return arrays(op, x, y, o, null);
    }

    /** {@link #sameLayoutArrays}; {@code e}: the caller's expression (verified with its text), or null. */
    private static DistArray arrays(BinaryOp op, DistArray x, DistArray y, UfuncOptions o, Expr e) {
        DistArray out = o.out();
        if (o.dtype() != null || (op != BinaryOp.ADD && op != BinaryOp.SUBTRACT && op != BinaryOp.MULTIPLY)
                || x.isView() || y.isView() || (out != null && out.isView())) {
            return null;
        }
        Distribution dist = x.distribution();
        DType t = x.dtype();
        if (y.distribution() != dist || y.dtype() != t || (t != DType.FLOAT64 && t != DType.FLOAT32 && t != DType.INT64)
                || (out != null && (out.distribution() != dist || out.dtype() != t))) {
            return null;
        }
        ArrayAccess.Bridge bridge = ArrayAccess.get();
        Storage xs = bridge.storage(x); // open? (the general path's checks, in its order)
        Storage ys = bridge.storage(y);
        Storage rs = out == null ? null : bridge.storage(out);
        if (xs.chunkCount() > 1 || ys.chunkCount() > 1 || (rs != null && rs.chunkCount() > 1)) {
            return null;
        }
        verifySmall(e, Expr.Kind.ARRAY, op, x, y, false, o, bridge);
        DistArray r = out != null ? out : newResult(bridge, dist, t, xs);
        if (r == null) {
            return null;
        }
        FusedAxpy.arrays(t, op, xs, ys, bridge.storage(r), dist.localMap().holdsNothing() ? 0 : dist.localElementCount());
        return r;
    }

    /**
     * The same for {@code x op s} and {@code s op x} ({@code scalarFirst}) of a float64 {@code x} and a Python float or
     * a Python int of at most 2^53 in magnitude ({@link FusedAxpy}'s scalar forms: add, subtract, multiply, divide),
     * into {@code out=} on {@code x}'s Distribution object or a new array; null when it does not apply.
     */
    static DistArray sameLayoutScalar(BinaryOp op, DistArray x, Object scalar, boolean scalarFirst, UfuncOptions o) {
        return scalar(op, x, scalar, scalarFirst, o, null);
    }

    /** {@link #sameLayoutScalar}; {@code e}: the caller's expression (verified with its text), or null. */
    private static DistArray scalar(BinaryOp op, DistArray x, Object scalar, boolean scalarFirst, UfuncOptions o,
            Expr e) {
        DistArray out = o.out();
        if (o.dtype() != null || x.dtype() != DType.FLOAT64 || x.isView() || (out != null && out.isView())
                || (op != BinaryOp.ADD && op != BinaryOp.SUBTRACT && op != BinaryOp.MULTIPLY
                        && op != BinaryOp.DIVIDE && op != BinaryOp.TRUE_DIVIDE)) {
            return null;
        }
        double a;
        if (scalar instanceof Double v) {
            a = v;
        } else if (scalar instanceof Long v && Math.abs(v) <= (1L << 53)) {
            a = v;
        } else {
            return null;
        }
        Distribution dist = x.distribution();
        if (out != null && (out.distribution() != dist || out.dtype() != DType.FLOAT64)) {
            return null;
        }
        ArrayAccess.Bridge bridge = ArrayAccess.get();
        Storage xs = bridge.storage(x); // open?
        Storage rs = out == null ? null : bridge.storage(out);
        if (xs.chunkCount() > 1 || (rs != null && rs.chunkCount() > 1)) {
            return null;
        }
        verifySmall(e, Expr.Kind.SCALAR, op, x, scalar, scalarFirst, o, bridge);
        DistArray r = out != null ? out : newResult(bridge, dist, DType.FLOAT64, xs);
        if (r == null) {
            return null;
        }
        FusedAxpy.scalar(op, xs, a, scalarFirst, bridge.storage(r),
                dist.localMap().holdsNothing() ? 0 : dist.localElementCount());
        return r;
    }

    /**
     * In checking mode, the general path's verification of {@code x op other}: its expression text and operands
     * ({@code given}, the caller's expression, or the one {@code Np} would have built).
     */
    private static void verifySmall(Expr given, Expr.Kind otherKind, BinaryOp op, DistArray x, Object other,
            boolean otherFirst, UfuncOptions o, ArrayAccess.Bridge bridge) {
        CommContext ctx = x.distribution().context();
        if (!ctx.checking()) {
            return;
        }
        Expr e = given;
        if (e == null) {
            Expr ex = Expr.of(x);
            Expr ey = otherKind == Expr.Kind.ARRAY ? Expr.of((DistArray) other)
                    : other instanceof Double v ? Expr.scalar(v) : Expr.scalar((Long) other);
            e = otherFirst ? Expr.binary(op, ey, ex, o.casting(), null) : Expr.binary(op, ex, ey, o.casting(), null);
        }
        List<DistArray> arrays = new ArrayList<>(2);
        collect(e, arrays);
        verifyLogical(e, o, ctx, bridge, arrays);
    }

    /** A new result on {@code dist} as the general path makes it (chunked as {@code like}), or null if not one chunk. */
    private static DistArray newResult(ArrayAccess.Bridge bridge, Distribution dist, DType t, Storage like) {
        DistArray r = bridge.create(dist, t, Storage.allocate(t, dist.localElementCount(), false,
                like.chunkShiftForCopies()));
        if (bridge.storage(r).chunkCount() > 1) {
            r.close();
            return null;
        }
        return r;
    }

    /** <b>Collective.</b> What evaluating {@code e} communicates, operand by operand (plans included). */
    static String explain(Expr e, UfuncOptions o) {
        List<DistArray> arrays = new ArrayList<>();
        collect(e, arrays);
        if (arrays.isEmpty()) {
            return "no array operand: nothing to evaluate";
        }
        Distribution dist = o.out() != null ? o.out().distribution() : resultDistribution(e.shape, arrays);
        return OperandMoves.explain(arrays, dist) + "loop: " + loop(e, arrays, dist, o.out()) + "\n";
    }

    /** Which loop {@link #run} takes for {@code e} over {@code dist} into {@code out} or a new array (its tests). */
    private static String loop(Expr e, List<DistArray> arrays, Distribution dist, DistArray out) {
        for (DistArray a : arrays) {
            if (OperandMoves.target(a, dist) != null) {
                return "the tile evaluator (one pass over 256-element tiles; an operand is moved first)";
            }
        }
        if (out != null && !FusedAxpy.fits(ArrayAccess.get().storage(out))) {
            return "the tile evaluator (one pass over 256-element tiles; out= is not one dense block)";
        }
        DType dtype = out != null ? out.dtype() : e.dtype;
        if (FusedAxpy.of(e, dist, dtype) != null) {
            return "a fused a*x + y form (" + (NativeKernels.on() ? "native" : "Java") + " loop)";
        }
        FusedFloat64 f = FusedFloat64.of(e, dist, dtype);
        return f != null ? f.describe() : "the tile evaluator (one pass over 256-element tiles)";
    }

    private static DistArray run(Expr e, UfuncOptions o, CommContext ctx, ArrayAccess.Bridge bridge, DistArray first,
            List<DistArray> arrays, Distribution dist, DType dtype, OperandMoves moves) {
        DistArray out = o.out();
        FusedAxpy fused = moves.moved.isEmpty() ? FusedAxpy.of(e, dist, dtype) : null;
        if (fused != null && (out == null || FusedAxpy.fits(bridge.storage(out)))) {
            DistArray r = out;
            if (r == null) {
                int shift = bridge.storage(moves.moved.getOrDefault(first, first)).chunkShiftForCopies();
                r = bridge.create(dist, dtype, Storage.allocate(dtype, dist.localElementCount(), false, shift));
            }
            Storage rs = bridge.storage(r);
            if (FusedAxpy.fits(rs)) {
                fused.run(rs, dist.localMap().holdsNothing() ? 0 : dist.localElementCount());
                return r;
            }
            if (out == null) {
                r.close();
            }
        }
        FusedFloat64 loop = fused == null && moves.moved.isEmpty() ? FusedFloat64.of(e, dist, dtype) : null;
        if (loop != null && (out == null || FusedAxpy.fits(bridge.storage(out)))) {
            DistArray r = out;
            if (r == null) {
                int shift = bridge.storage(first).chunkShiftForCopies();
                r = bridge.create(dist, dtype, Storage.allocate(dtype, dist.localElementCount(), false, shift));
            }
            Storage rs = bridge.storage(r);
            if (FusedAxpy.fits(rs) && loop.run(rs, dist.localMap().holdsNothing() ? 0 : dist.localElementCount())) {
                return r;
            }
            if (out == null) {
                r.close();
            }
        }
        Program p = new Program(e, dist, dtype, bridge, moves.moved);
        DistArray result = out;
        if (result == null) {
            int shift = bridge.storage(moves.moved.getOrDefault(first, first)).chunkShiftForCopies();
            result = bridge.create(dist, dtype, Storage.allocate(dtype, dist.localElementCount(), false, shift));
        }
        boolean bad;
        try {
            bad = p.run(bridge.storage(result));
        } catch (RuntimeException ex) {
            if (out == null) {
                result.close();
            }
            throw ex;
        }
        if (p.hasIntegerPower() && Collectives.anyTrue(ctx.comm(), bad)) {
            if (out == null) {
                result.close();
            }
            throw new IllegalArgumentException("Integers to negative integer powers are not allowed.");
        }
        return result;
    }

    private static String name(Expr e) {
        return switch (e.kind) {
            case UNARY -> e.unaryOp.numpyName();
            case BINARY -> e.binaryOp.numpyName();
            case WHERE -> "where";
            case CLIP -> "clip";
            default -> "copy";
        };
    }

    /** The distinct arrays of the tree in a deterministic order (the same on every rank). */
    private static void collect(Expr e, List<DistArray> leaves) {
        if (e.kind == Expr.Kind.ARRAY && leaves.stream().noneMatch(a -> a == e.array)) {
            leaves.add(e.array);
        }
        for (Expr c : e.args) {
            collect(c, leaves);
        }
    }

    /**
     * The first operand's distribution whose shape is the result's; if none has it, a replicated distribution of the
     * result's shape when every operand is replicated, else the default block distribution.
     */
    private static Distribution resultDistribution(long[] shape, List<DistArray> arrays) {
        for (DistArray a : arrays) {
            if (java.util.Arrays.equals(a.shape(), shape)) {
                return a.distribution();
            }
        }
        DistArray first = arrays.get(0);
        if (first.distribution().communicator().size() > 1) {
            for (DistArray a : arrays) {
                if (!a.distribution().isReplicated()) { // no operand has the result's shape: a block layout
                    return Distribution.builder(first.distribution().communicator()).shape(shape).build();
                }
            }
        }
        DistributionBuilder b = Distribution.builder(first.distribution().communicator()).shape(shape);
        for (int i = 0; i < shape.length; i++) {
            b.undistributed(i);
        }
        return b.build();
    }
}
