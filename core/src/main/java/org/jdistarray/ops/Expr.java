package org.jdistarray.ops;

import java.util.Arrays;

import org.jdistarray.array.DistArray;
import org.jdistarray.protocol.DType;

/**
 * An element-wise expression over distributed arrays and scalars, evaluated in <b>one pass</b> over memory: tile by
 * tile (256 elements), each node computing its tile from its children's, with no full-size temporaries. Build it
 * explicitly ({@code Np.expr(a).multiply(x).add(y).eval()}); nothing is computed until {@link #eval()}. Immutable.
 * Types, shapes and broadcasting are checked as the tree is built, with NumPy's rules and messages, so a bad
 * expression fails where it is written. Every node has NumPy's result dtype (integer nodes wrap on overflow, float32
 * nodes round), so an expression gives exactly what the same NumPy statement gives. An eager ufunc
 * ({@code Np.add(a, b)}) is a one-node expression.
 */
public final class Expr {
    enum Kind {
        ARRAY, SCALAR, UNARY, BINARY, WHERE, CLIP
    }

    final Kind kind;
    final DistArray array;
    final Operand scalar;
    final UnaryOp unaryOp;
    final BinaryOp binaryOp;
    final Expr[] args;
    /** The loop's input dtype (the children are cast to it); for a leaf its own dtype. */
    final DType loop;
    final DType dtype;
    final long[] shape;

    private Expr(Kind kind, DistArray array, Operand scalar, UnaryOp u, BinaryOp b, Expr[] args, DType loop,
            DType dtype, long[] shape) {
        this.kind = kind;
        this.array = array;
        this.scalar = scalar;
        this.unaryOp = u;
        this.binaryOp = b;
        this.args = args;
        this.loop = loop;
        this.dtype = dtype;
        this.shape = shape;
    }

    /**
     * <b>Not collective.</b> A leaf reading {@code a} (borrowed until evaluation; the caller keeps ownership).
     *
     * @throws IllegalArgumentException if {@code a} is null
     */
    public static Expr of(DistArray a) {
        if (a == null) {
            throw new IllegalArgumentException("only DistArray or scalars are accepted (got null)");
        }
        return new Expr(Kind.ARRAY, a, null, null, null, new Expr[0], a.dtype(), a.dtype(), a.shape());
    }

    /** A leaf that stands for an array of dtype {@code t} and shape (1,), for type resolution only (never evaluated). */
    static Expr typeOnly(DType t) {
        return new Expr(Kind.ARRAY, null, null, null, null, new Expr[0], t, t, new long[] {1});
    }

    /** <b>Not collective.</b> A Python-float scalar leaf (value-based typing, as NumPy 1.24). */
    public static Expr scalar(double v) {
        return scalarLeaf(Operand.of(v));
    }

    /** <b>Not collective.</b> A Python-int scalar leaf. */
    public static Expr scalar(long v) {
        return scalarLeaf(Operand.of(v));
    }

    /** <b>Not collective.</b> A Python-bool scalar leaf. */
    public static Expr scalar(boolean v) {
        return scalarLeaf(Operand.of(v));
    }

    private static Expr scalarLeaf(Operand o) {
        return new Expr(Kind.SCALAR, null, o, null, null, new Expr[0], o.dtype(), o.dtype(), new long[0]);
    }

    static Expr unary(UnaryOp op, Expr x, Casting casting) {
        return unary(op, x, casting, null);
    }

    /** {@code op(x)} with NumPy's {@code dtype=out} (null: the usual loop). */
    static Expr unary(UnaryOp op, Expr x, Casting casting, DType out) {
        DType loop = out == null ? Loops.resolve(op, x.operand(), casting)
                : Loops.resolveWithOutput(op.numpyName(), op.returnsBool(), op.loops(), new Operand[] {x.operand()},
                        out, casting, () -> Loops.resolve(op, x.operand(), casting));
        return new Expr(Kind.UNARY, null, null, op, null, new Expr[] {x}, loop, op.returnsBool() ? DType.BOOL : loop,
                x.shape);
    }

    static Expr binary(BinaryOp op, Expr a, Expr b, Casting casting) {
        return binary(op, a, b, casting, null);
    }

    /** {@code op(a, b)} with NumPy's {@code dtype=out} (null: the usual loop). */
    static Expr binary(BinaryOp op, Expr a, Expr b, Casting casting, DType out) {
        long[] s = Broadcast.shape(a.shape, b.shape);
        DType loop = out == null ? Loops.resolve(op, a.operand(), b.operand(), casting)
                : Loops.resolveWithOutput(op.numpyName(), op.returnsBool(), op.loops(),
                        new Operand[] {a.operand(), b.operand()}, out, casting,
                        () -> Loops.resolve(op, a.operand(), b.operand(), casting));
        return new Expr(Kind.BINARY, null, null, null, op, new Expr[] {a, b}, loop,
                op.returnsBool() ? DType.BOOL : loop, s);
    }

    /**
     * <b>Not collective.</b> NumPy's {@code where(cond, x, y)}: {@code x} where {@code cond} is true (non-zero),
     * else {@code y}, in {@code result_type(x, y)}.
     */
    public static Expr where(Expr cond, Expr x, Expr y) {
        long[] s = Broadcast.shape(cond.shape, x.shape, y.shape);
        DType t = Promotion.resultType(x.operand(), y.operand());
        return new Expr(Kind.WHERE, null, null, null, null, new Expr[] {cond, x, y}, t, t, s);
    }

    /** <b>Not collective.</b> NumPy's {@code clip(x, lo, hi)}: {@code minimum(maximum(x, lo), hi)}, NaN kept. */
    public static Expr clip(Expr x, Expr lo, Expr hi) {
        long[] s = Broadcast.shape(x.shape, lo.shape, hi.shape);
        Operand[] ops = {x.operand(), lo.operand(), hi.operand()};
        DType t = Loops.resolve("clip", BinaryOp.MAXIMUM.loops(), ops, Casting.SAFE);
        return new Expr(Kind.CLIP, null, null, null, null, new Expr[] {x, lo, hi}, t, t, s);
    }

    Operand operand() {
        return kind == Kind.SCALAR ? scalar : Operand.array(dtype);
    }

    /** <b>Not collective.</b> {@code op(this)}. */
    public Expr apply(UnaryOp op) {
        return unary(op, this, Casting.SAME_KIND);
    }

    /** <b>Not collective.</b> {@code op(this, other)}. */
    public Expr apply(BinaryOp op, Expr other) {
        return binary(op, this, other, Casting.SAME_KIND);
    }

    /** <b>Not collective.</b> {@code op(this, other)}. */
    public Expr apply(BinaryOp op, DistArray other) {
        return apply(op, of(other));
    }

    /** <b>Not collective.</b> {@code op(this, other)} with a Python float. */
    public Expr apply(BinaryOp op, double other) {
        return apply(op, scalar(other));
    }

    /** <b>Not collective.</b> {@code op(this, other)} with a Python int. */
    public Expr apply(BinaryOp op, long other) {
        return apply(op, scalar(other));
    }

    /** <b>Not collective.</b> {@code this + other}. */
    public Expr add(Expr other) {
        return apply(BinaryOp.ADD, other);
    }

    /** <b>Not collective.</b> {@code this + other}. */
    public Expr add(DistArray other) {
        return apply(BinaryOp.ADD, other);
    }

    /** <b>Not collective.</b> {@code this + other}. */
    public Expr add(double other) {
        return apply(BinaryOp.ADD, other);
    }

    /** <b>Not collective.</b> {@code this - other}. */
    public Expr subtract(Expr other) {
        return apply(BinaryOp.SUBTRACT, other);
    }

    /** <b>Not collective.</b> {@code this - other}. */
    public Expr subtract(DistArray other) {
        return apply(BinaryOp.SUBTRACT, other);
    }

    /** <b>Not collective.</b> {@code this - other}. */
    public Expr subtract(double other) {
        return apply(BinaryOp.SUBTRACT, other);
    }

    /** <b>Not collective.</b> {@code this * other}. */
    public Expr multiply(Expr other) {
        return apply(BinaryOp.MULTIPLY, other);
    }

    /** <b>Not collective.</b> {@code this * other}. */
    public Expr multiply(DistArray other) {
        return apply(BinaryOp.MULTIPLY, other);
    }

    /** <b>Not collective.</b> {@code this * other}. */
    public Expr multiply(double other) {
        return apply(BinaryOp.MULTIPLY, other);
    }

    /** <b>Not collective.</b> {@code this / other} (true division). */
    public Expr divide(Expr other) {
        return apply(BinaryOp.DIVIDE, other);
    }

    /** <b>Not collective.</b> {@code this / other} (true division). */
    public Expr divide(DistArray other) {
        return apply(BinaryOp.DIVIDE, other);
    }

    /** <b>Not collective.</b> {@code this / other} (true division). */
    public Expr divide(double other) {
        return apply(BinaryOp.DIVIDE, other);
    }

    /** <b>Not collective.</b> {@code this ** other}. */
    public Expr power(double other) {
        return apply(BinaryOp.POWER, other);
    }

    /** <b>Not collective.</b> {@code this > other}. */
    public Expr greater(Expr other) {
        return apply(BinaryOp.GREATER, other);
    }

    /** <b>Not collective.</b> {@code this > other}. */
    public Expr greater(double other) {
        return apply(BinaryOp.GREATER, other);
    }

    /** <b>Not collective.</b> {@code this < other}. */
    public Expr less(double other) {
        return apply(BinaryOp.LESS, other);
    }

    /** <b>Not collective.</b> {@code sqrt(this)}. */
    public Expr sqrt() {
        return apply(UnaryOp.SQRT);
    }

    /** <b>Not collective.</b> {@code this * this}. */
    public Expr square() {
        return apply(UnaryOp.SQUARE);
    }

    /** <b>Not collective.</b> {@code -this}. */
    public Expr negative() {
        return apply(UnaryOp.NEGATIVE);
    }

    /** <b>Not collective.</b> {@code abs(this)}. */
    public Expr absolute() {
        return apply(UnaryOp.ABSOLUTE);
    }

    /** <b>Not collective.</b> {@code exp(this)}. */
    public Expr exp() {
        return apply(UnaryOp.EXP);
    }

    /** <b>Not collective.</b> {@code log(this)}. */
    public Expr log() {
        return apply(UnaryOp.LOG);
    }

    /** <b>Not collective.</b> The result dtype (NumPy's). */
    public DType dtype() {
        return dtype;
    }

    /** <b>Not collective.</b> The broadcast shape (a copy). */
    public long[] shape() {
        return shape.clone();
    }

    /**
     * <b>Logically collective</b> (no communication, except an all-reduce when an integer {@code power} is in the
     * tree, to raise its negative-exponent error on every rank). Evaluates the expression in one pass into a new
     * array, with the distribution of the first array operand of the result's shape (none: the default block
     * layout). Operands whose elements are on other ranks (another layout, or a broadcast the result distributes)
     * are first copied to a readable layout with a redistribution plan (see {@link #explain()}): collective then.
     * Caller must close the result.
     *
     * @throws IllegalArgumentException if no operand is an array
     */
    public DistArray eval() {
        return Evaluator.eval(this, UfuncOptions.none());
    }

    /**
     * <b>Logically collective.</b> As {@link #eval()}, honouring {@code out=} (written in place, and returned; not a
     * new array) and {@code casting=} for the cast of the result to {@code out}'s dtype.
     *
     * @throws UfuncTypeException with NumPy's message if the result cannot be cast to {@code out}'s dtype under the
     *     casting rule
     */
    public DistArray eval(UfuncOptions options) {
        return Evaluator.eval(this, options == null ? UfuncOptions.none() : options);
    }

    /**
     * <b>Collective</b> (it plans the moves). What {@link #eval(UfuncOptions)} will communicate: the result's layout
     * and, per array operand, "read in place (no communication)" or the layout it is brought to with the
     * {@link org.jdistarray.dist.Redistribution} plan's {@code explain} (bytes and messages per rank); then, on a line
     * "loop: ...", which loop computes it on this rank (a fused form, the shape's compiled C loop, the native
     * expression machine and when the shape will be compiled, a Java loop, or the tile evaluator).
     */
    public String explain(UfuncOptions options) {
        return Evaluator.explain(this, options == null ? UfuncOptions.none() : options);
    }

    /** <b>Collective.</b> {@link #explain(UfuncOptions)} without options. */
    public String explain() {
        return explain(UfuncOptions.none());
    }

        /** A readable form of the tree, such as {@code add(multiply(2.0, float64[8]), float64[8])}. */
    @Override
    public String toString() {
        return switch (kind) {
            case ARRAY -> dtype.numpyName() + Arrays.toString(shape);
            case SCALAR -> scalar.scalarKind() == 2 ? Double.toString(scalar.doubleValue())
                    : scalar.scalarKind() == 1 ? Long.toString(scalar.longValue()) : scalar.longValue() != 0 ? "True" : "False";
            case UNARY -> unaryOp.numpyName() + "(" + args[0] + ")";
            case BINARY -> binaryOp.numpyName() + "(" + args[0] + ", " + args[1] + ")";
            case WHERE -> "where(" + args[0] + ", " + args[1] + ", " + args[2] + ")";
            case CLIP -> "clip(" + args[0] + ", " + args[1] + ", " + args[2] + ")";
        };
    }
}
