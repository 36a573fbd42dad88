package org.jdistarray.ops;

import org.jdistarray.array.DistArray;

/**
 * {@link Np}'s first part: the generic ufunc forms, {@code where}, {@code clip} and the unary ufuncs (generated from
 * {@link UnaryOp}). Package-private: users call these through {@code Np}, which inherits them (Np.java was too big for
 * one file).
 */
abstract class NpUnary {
    NpUnary() {
    }

    // ---------------------------------------------------------------- ufuncs: generic forms

    /** <b>Logically collective.</b> {@code op(x)}. Caller must close the result. */
    public static DistArray apply(UnaryOp op, DistArray x, UfuncOptions o) {
        UfuncOptions opts = o == null ? UfuncOptions.none() : o;
        return Expr.unary(op, Expr.of(x), opts.casting(), opts.dtype()).eval(opts);
    }

    /** <b>Logically collective.</b> {@code op(a, b)}; operands are DistArrays or Double/Long/Integer/Boolean scalars. */
    public static DistArray apply(BinaryOp op, Object a, Object b, UfuncOptions o) {
        UfuncOptions opts = o == null ? UfuncOptions.none() : o;
        DistArray quick = a instanceof DistArray x ? b instanceof DistArray y ? Evaluator.sameLayoutArrays(op, x, y, opts)
                : Evaluator.sameLayoutScalar(op, x, b, false, opts)
                : b instanceof DistArray y ? Evaluator.sameLayoutScalar(op, y, a, true, opts) : null;
        if (quick != null) {
            return quick;
        }
        return Expr.binary(op, leaf(a), leaf(b), opts.casting(), opts.dtype()).eval(opts);
    }

    private static Expr leaf(Object x) {
        if (x instanceof DistArray d) {
            return Expr.of(d);
        }
        if (x instanceof Expr e) {
            return e;
        }
        Operand o = Operand.of(x);
        return o.scalarKind() == 2 ? Expr.scalar(o.doubleValue())
                : o.scalarKind() == 1 ? Expr.scalar(o.longValue()) : Expr.scalar(o.longValue() != 0);
    }

    /** <b>Not collective.</b> A fused expression starting at {@code a}: {@code Np.expr(a).multiply(x).add(y).eval()}. */
    public static Expr expr(DistArray a) {
        return Expr.of(a);
    }

    /** <b>Logically collective.</b> {@code np.where(cond, x, y)}. Caller must close the result. */
    public static DistArray where(DistArray cond, DistArray x, DistArray y) {
        return Expr.where(Expr.of(cond), Expr.of(x), Expr.of(y)).eval();
    }

    /** <b>Logically collective.</b> {@code np.where(cond, x, y)} with scalars (Python floats). */
    public static DistArray where(DistArray cond, double x, double y) {
        return Expr.where(Expr.of(cond), Expr.scalar(x), Expr.scalar(y)).eval();
    }

    /** <b>Logically collective.</b> {@code np.clip(x, lo, hi)}. Caller must close the result. */
    public static DistArray clip(DistArray x, double lo, double hi) {
        return Expr.clip(Expr.of(x), Expr.scalar(lo), Expr.scalar(hi)).eval();
    }

    /** <b>Logically collective.</b> {@code np.clip(x, lo, hi)} with Python ints. */
    public static DistArray clip(DistArray x, long lo, long hi) {
        return Expr.clip(Expr.of(x), Expr.scalar(lo), Expr.scalar(hi)).eval();
    }

    /** <b>Logically collective.</b> {@code np.clip(x, lo, hi)} with array bounds. */
    public static DistArray clip(DistArray x, DistArray lo, DistArray hi) {
        return Expr.clip(Expr.of(x), Expr.of(lo), Expr.of(hi)).eval();
    }


    // ---------------------------------------------------------------- ufuncs: unary (generated from UnaryOp)

    /** <b>Logically collective.</b> {@code np.absolute(x)}. Caller must close the result. */
    public static DistArray absolute(DistArray x) {
        return apply(UnaryOp.ABSOLUTE, x, null);
    }

    /** <b>Logically collective.</b> {@code np.absolute(x, out=..., casting=...)}. */
    public static DistArray absolute(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.ABSOLUTE, x, o);
    }

    /** <b>Logically collective.</b> {@code np.arccos(x)}. Caller must close the result. */
    public static DistArray arccos(DistArray x) {
        return apply(UnaryOp.ARCCOS, x, null);
    }

    /** <b>Logically collective.</b> {@code np.arccos(x, out=..., casting=...)}. */
    public static DistArray arccos(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.ARCCOS, x, o);
    }

    /** <b>Logically collective.</b> {@code np.arccosh(x)}. Caller must close the result. */
    public static DistArray arccosh(DistArray x) {
        return apply(UnaryOp.ARCCOSH, x, null);
    }

    /** <b>Logically collective.</b> {@code np.arccosh(x, out=..., casting=...)}. */
    public static DistArray arccosh(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.ARCCOSH, x, o);
    }

    /** <b>Logically collective.</b> {@code np.arcsin(x)}. Caller must close the result. */
    public static DistArray arcsin(DistArray x) {
        return apply(UnaryOp.ARCSIN, x, null);
    }

    /** <b>Logically collective.</b> {@code np.arcsin(x, out=..., casting=...)}. */
    public static DistArray arcsin(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.ARCSIN, x, o);
    }

    /** <b>Logically collective.</b> {@code np.arcsinh(x)}. Caller must close the result. */
    public static DistArray arcsinh(DistArray x) {
        return apply(UnaryOp.ARCSINH, x, null);
    }

    /** <b>Logically collective.</b> {@code np.arcsinh(x, out=..., casting=...)}. */
    public static DistArray arcsinh(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.ARCSINH, x, o);
    }

    /** <b>Logically collective.</b> {@code np.arctan(x)}. Caller must close the result. */
    public static DistArray arctan(DistArray x) {
        return apply(UnaryOp.ARCTAN, x, null);
    }

    /** <b>Logically collective.</b> {@code np.arctan(x, out=..., casting=...)}. */
    public static DistArray arctan(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.ARCTAN, x, o);
    }

    /** <b>Logically collective.</b> {@code np.arctanh(x)}. Caller must close the result. */
    public static DistArray arctanh(DistArray x) {
        return apply(UnaryOp.ARCTANH, x, null);
    }

    /** <b>Logically collective.</b> {@code np.arctanh(x, out=..., casting=...)}. */
    public static DistArray arctanh(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.ARCTANH, x, o);
    }

    /** <b>Logically collective.</b> {@code np.conjugate(x)}. Caller must close the result. */
    public static DistArray conjugate(DistArray x) {
        return apply(UnaryOp.CONJUGATE, x, null);
    }

    /** <b>Logically collective.</b> {@code np.conjugate(x, out=..., casting=...)}. */
    public static DistArray conjugate(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.CONJUGATE, x, o);
    }

    /** <b>Logically collective.</b> {@code np.cos(x)}. Caller must close the result. */
    public static DistArray cos(DistArray x) {
        return apply(UnaryOp.COS, x, null);
    }

    /** <b>Logically collective.</b> {@code np.cos(x, out=..., casting=...)}. */
    public static DistArray cos(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.COS, x, o);
    }

    /** <b>Logically collective.</b> {@code np.cosh(x)}. Caller must close the result. */
    public static DistArray cosh(DistArray x) {
        return apply(UnaryOp.COSH, x, null);
    }

    /** <b>Logically collective.</b> {@code np.cosh(x, out=..., casting=...)}. */
    public static DistArray cosh(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.COSH, x, o);
    }

    /** <b>Logically collective.</b> {@code np.exp(x)}. Caller must close the result. */
    public static DistArray exp(DistArray x) {
        return apply(UnaryOp.EXP, x, null);
    }

    /** <b>Logically collective.</b> {@code np.exp(x, out=..., casting=...)}. */
    public static DistArray exp(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.EXP, x, o);
    }

    /** <b>Logically collective.</b> {@code np.expm1(x)}. Caller must close the result. */
    public static DistArray expm1(DistArray x) {
        return apply(UnaryOp.EXPM1, x, null);
    }

    /** <b>Logically collective.</b> {@code np.expm1(x, out=..., casting=...)}. */
    public static DistArray expm1(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.EXPM1, x, o);
    }

    /** <b>Logically collective.</b> {@code np.invert(x)}. Caller must close the result. */
    public static DistArray invert(DistArray x) {
        return apply(UnaryOp.INVERT, x, null);
    }

    /** <b>Logically collective.</b> {@code np.invert(x, out=..., casting=...)}. */
    public static DistArray invert(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.INVERT, x, o);
    }

    /** <b>Logically collective.</b> {@code np.log(x)}. Caller must close the result. */
    public static DistArray log(DistArray x) {
        return apply(UnaryOp.LOG, x, null);
    }

    /** <b>Logically collective.</b> {@code np.log(x, out=..., casting=...)}. */
    public static DistArray log(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.LOG, x, o);
    }

    /** <b>Logically collective.</b> {@code np.log10(x)}. Caller must close the result. */
    public static DistArray log10(DistArray x) {
        return apply(UnaryOp.LOG10, x, null);
    }

    /** <b>Logically collective.</b> {@code np.log10(x, out=..., casting=...)}. */
    public static DistArray log10(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.LOG10, x, o);
    }

    /** <b>Logically collective.</b> {@code np.log1p(x)}. Caller must close the result. */
    public static DistArray log1p(DistArray x) {
        return apply(UnaryOp.LOG1P, x, null);
    }

    /** <b>Logically collective.</b> {@code np.log1p(x, out=..., casting=...)}. */
    public static DistArray log1p(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.LOG1P, x, o);
    }

    /** <b>Logically collective.</b> {@code np.negative(x)}. Caller must close the result. */
    public static DistArray negative(DistArray x) {
        return apply(UnaryOp.NEGATIVE, x, null);
    }

    /** <b>Logically collective.</b> {@code np.negative(x, out=..., casting=...)}. */
    public static DistArray negative(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.NEGATIVE, x, o);
    }

    /** <b>Logically collective.</b> {@code np.positive(x)}. Caller must close the result. */
    public static DistArray positive(DistArray x) {
        return apply(UnaryOp.POSITIVE, x, null);
    }

    /** <b>Logically collective.</b> {@code np.positive(x, out=..., casting=...)}. */
    public static DistArray positive(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.POSITIVE, x, o);
    }

    /** <b>Logically collective.</b> {@code np.reciprocal(x)}. Caller must close the result. */
    public static DistArray reciprocal(DistArray x) {
        return apply(UnaryOp.RECIPROCAL, x, null);
    }

    /** <b>Logically collective.</b> {@code np.reciprocal(x, out=..., casting=...)}. */
    public static DistArray reciprocal(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.RECIPROCAL, x, o);
    }

    /** <b>Logically collective.</b> {@code np.rint(x)}. Caller must close the result. */
    public static DistArray rint(DistArray x) {
        return apply(UnaryOp.RINT, x, null);
    }

    /** <b>Logically collective.</b> {@code np.rint(x, out=..., casting=...)}. */
    public static DistArray rint(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.RINT, x, o);
    }

    /** <b>Logically collective.</b> {@code np.sign(x)}. Caller must close the result. */
    public static DistArray sign(DistArray x) {
        return apply(UnaryOp.SIGN, x, null);
    }

    /** <b>Logically collective.</b> {@code np.sign(x, out=..., casting=...)}. */
    public static DistArray sign(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.SIGN, x, o);
    }

    /** <b>Logically collective.</b> {@code np.sin(x)}. Caller must close the result. */
    public static DistArray sin(DistArray x) {
        return apply(UnaryOp.SIN, x, null);
    }

    /** <b>Logically collective.</b> {@code np.sin(x, out=..., casting=...)}. */
    public static DistArray sin(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.SIN, x, o);
    }

    /** <b>Logically collective.</b> {@code np.sinh(x)}. Caller must close the result. */
    public static DistArray sinh(DistArray x) {
        return apply(UnaryOp.SINH, x, null);
    }

    /** <b>Logically collective.</b> {@code np.sinh(x, out=..., casting=...)}. */
    public static DistArray sinh(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.SINH, x, o);
    }

    /** <b>Logically collective.</b> {@code np.sqrt(x)}. Caller must close the result. */
    public static DistArray sqrt(DistArray x) {
        return apply(UnaryOp.SQRT, x, null);
    }

    /** <b>Logically collective.</b> {@code np.sqrt(x, out=..., casting=...)}. */
    public static DistArray sqrt(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.SQRT, x, o);
    }

    /** <b>Logically collective.</b> {@code np.square(x)}. Caller must close the result. */
    public static DistArray square(DistArray x) {
        return apply(UnaryOp.SQUARE, x, null);
    }

    /** <b>Logically collective.</b> {@code np.square(x, out=..., casting=...)}. */
    public static DistArray square(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.SQUARE, x, o);
    }

    /** <b>Logically collective.</b> {@code np.tan(x)}. Caller must close the result. */
    public static DistArray tan(DistArray x) {
        return apply(UnaryOp.TAN, x, null);
    }

    /** <b>Logically collective.</b> {@code np.tan(x, out=..., casting=...)}. */
    public static DistArray tan(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.TAN, x, o);
    }

    /** <b>Logically collective.</b> {@code np.tanh(x)}. Caller must close the result. */
    public static DistArray tanh(DistArray x) {
        return apply(UnaryOp.TANH, x, null);
    }

    /** <b>Logically collective.</b> {@code np.tanh(x, out=..., casting=...)}. */
    public static DistArray tanh(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.TANH, x, o);
    }

    /** <b>Logically collective.</b> {@code np.isnan(x)}. Caller must close the result. */
    public static DistArray isnan(DistArray x) {
        return apply(UnaryOp.ISNAN, x, null);
    }

    /** <b>Logically collective.</b> {@code np.isnan(x, out=..., casting=...)}. */
    public static DistArray isnan(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.ISNAN, x, o);
    }

    /** <b>Logically collective.</b> {@code np.isinf(x)}. Caller must close the result. */
    public static DistArray isinf(DistArray x) {
        return apply(UnaryOp.ISINF, x, null);
    }

    /** <b>Logically collective.</b> {@code np.isinf(x, out=..., casting=...)}. */
    public static DistArray isinf(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.ISINF, x, o);
    }

    /** <b>Logically collective.</b> {@code np.isfinite(x)}. Caller must close the result. */
    public static DistArray isfinite(DistArray x) {
        return apply(UnaryOp.ISFINITE, x, null);
    }

    /** <b>Logically collective.</b> {@code np.isfinite(x, out=..., casting=...)}. */
    public static DistArray isfinite(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.ISFINITE, x, o);
    }

    /** <b>Logically collective.</b> {@code np.signbit(x)}. Caller must close the result. */
    public static DistArray signbit(DistArray x) {
        return apply(UnaryOp.SIGNBIT, x, null);
    }

    /** <b>Logically collective.</b> {@code np.signbit(x, out=..., casting=...)}. */
    public static DistArray signbit(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.SIGNBIT, x, o);
    }

    /** <b>Logically collective.</b> {@code np.logical_not(x)}. Caller must close the result. */
    public static DistArray logicalNot(DistArray x) {
        return apply(UnaryOp.LOGICAL_NOT, x, null);
    }

    /** <b>Logically collective.</b> {@code np.logical_not(x, out=..., casting=...)}. */
    public static DistArray logicalNot(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.LOGICAL_NOT, x, o);
    }

    /** <b>Logically collective.</b> {@code np.floor(x)}. Caller must close the result. */
    public static DistArray floor(DistArray x) {
        return apply(UnaryOp.FLOOR, x, null);
    }

    /** <b>Logically collective.</b> {@code np.floor(x, out=..., casting=...)}. */
    public static DistArray floor(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.FLOOR, x, o);
    }

    /** <b>Logically collective.</b> {@code np.ceil(x)}. Caller must close the result. */
    public static DistArray ceil(DistArray x) {
        return apply(UnaryOp.CEIL, x, null);
    }

    /** <b>Logically collective.</b> {@code np.ceil(x, out=..., casting=...)}. */
    public static DistArray ceil(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.CEIL, x, o);
    }

    /** <b>Logically collective.</b> {@code np.trunc(x)}. Caller must close the result. */
    public static DistArray trunc(DistArray x) {
        return apply(UnaryOp.TRUNC, x, null);
    }

    /** <b>Logically collective.</b> {@code np.trunc(x, out=..., casting=...)}. */
    public static DistArray trunc(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.TRUNC, x, o);
    }

    /** <b>Logically collective.</b> {@code np.exp2(x)}. Caller must close the result. */
    public static DistArray exp2(DistArray x) {
        return apply(UnaryOp.EXP2, x, null);
    }

    /** <b>Logically collective.</b> {@code np.exp2(x, out=..., casting=...)}. */
    public static DistArray exp2(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.EXP2, x, o);
    }

    /** <b>Logically collective.</b> {@code np.log2(x)}. Caller must close the result. */
    public static DistArray log2(DistArray x) {
        return apply(UnaryOp.LOG2, x, null);
    }

    /** <b>Logically collective.</b> {@code np.log2(x, out=..., casting=...)}. */
    public static DistArray log2(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.LOG2, x, o);
    }

    /** <b>Logically collective.</b> {@code np.cbrt(x)}. Caller must close the result. */
    public static DistArray cbrt(DistArray x) {
        return apply(UnaryOp.CBRT, x, null);
    }

    /** <b>Logically collective.</b> {@code np.cbrt(x, out=..., casting=...)}. */
    public static DistArray cbrt(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.CBRT, x, o);
    }

    /** <b>Logically collective.</b> {@code np.deg2rad(x)}. Caller must close the result. */
    public static DistArray deg2rad(DistArray x) {
        return apply(UnaryOp.DEG2RAD, x, null);
    }

    /** <b>Logically collective.</b> {@code np.deg2rad(x, out=..., casting=...)}. */
    public static DistArray deg2rad(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.DEG2RAD, x, o);
    }

    /** <b>Logically collective.</b> {@code np.rad2deg(x)}. Caller must close the result. */
    public static DistArray rad2deg(DistArray x) {
        return apply(UnaryOp.RAD2DEG, x, null);
    }

    /** <b>Logically collective.</b> {@code np.rad2deg(x, out=..., casting=...)}. */
    public static DistArray rad2deg(DistArray x, UfuncOptions o) {
        return apply(UnaryOp.RAD2DEG, x, o);
    }

}
