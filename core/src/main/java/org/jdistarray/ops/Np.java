package org.jdistarray.ops;

import org.jdistarray.array.DistArray;

/**
 * The entry point, as NumPy's {@code np.}: every ufunc by its NumPy name, {@code where}, {@code clip}, and
 * {@link #expr(DistArray)} for fused expressions. Every function is <b>logically collective</b> (every rank calls it
 * with the same arguments; no communication when the operands' layouts agree, checked in checking mode), returns a
 * new array the caller must close (or {@code out=}, which is returned), and follows NumPy 1.24's result dtypes
 * ({@link Promotion}). A {@code double} argument is a Python float, a {@code long} (or {@code int} literal) a Python
 * int. Operands broadcast with NumPy's rules ({@link Expr}).
 *
 * <p>Sections: ufuncs (generated from {@link UnaryOp} and {@link BinaryOp}), then other modules' sections
 * (reductions) at the end.
 */
public final class Np {
    private Np() {
    }

    // ---------------------------------------------------------------- ufuncs: generic forms

    /** <b>Logically collective.</b> {@code op(x)}. Caller must close the result. */
    public static DistArray apply(UnaryOp op, DistArray x, UfuncOptions o) {
        UfuncOptions opts = o == null ? UfuncOptions.none() : o;
        return Expr.unary(op, Expr.of(x), opts.casting()).eval(opts);
    }

    /** <b>Logically collective.</b> {@code op(a, b)}; operands are DistArrays or Double/Long/Integer/Boolean scalars. */
    public static DistArray apply(BinaryOp op, Object a, Object b, UfuncOptions o) {
        UfuncOptions opts = o == null ? UfuncOptions.none() : o;
        return Expr.binary(op, leaf(a), leaf(b), opts.casting()).eval(opts);
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

    // ---------------------------------------------------------------- ufuncs: binary (generated from BinaryOp)

    /** <b>Logically collective.</b> {@code np.add(a, b)}. Caller must close the result. */
    public static DistArray add(DistArray a, DistArray b) {
        return apply(BinaryOp.ADD, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.add(a, b)}, {@code b} a Python float. */
    public static DistArray add(DistArray a, double b) {
        return apply(BinaryOp.ADD, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.add(a, b)}, {@code b} a Python int. */
    public static DistArray add(DistArray a, long b) {
        return apply(BinaryOp.ADD, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.add(a, b)}, {@code a} a Python float. */
    public static DistArray add(double a, DistArray b) {
        return apply(BinaryOp.ADD, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.add(a, b, out=..., casting=...)}. */
    public static DistArray add(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.ADD, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.arctan2(a, b)}. Caller must close the result. */
    public static DistArray arctan2(DistArray a, DistArray b) {
        return apply(BinaryOp.ARCTAN2, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.arctan2(a, b)}, {@code b} a Python float. */
    public static DistArray arctan2(DistArray a, double b) {
        return apply(BinaryOp.ARCTAN2, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.arctan2(a, b)}, {@code b} a Python int. */
    public static DistArray arctan2(DistArray a, long b) {
        return apply(BinaryOp.ARCTAN2, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.arctan2(a, b)}, {@code a} a Python float. */
    public static DistArray arctan2(double a, DistArray b) {
        return apply(BinaryOp.ARCTAN2, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.arctan2(a, b, out=..., casting=...)}. */
    public static DistArray arctan2(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.ARCTAN2, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.bitwise_and(a, b)}. Caller must close the result. */
    public static DistArray bitwiseAnd(DistArray a, DistArray b) {
        return apply(BinaryOp.BITWISE_AND, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.bitwise_and(a, b)}, {@code b} a Python float. */
    public static DistArray bitwiseAnd(DistArray a, double b) {
        return apply(BinaryOp.BITWISE_AND, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.bitwise_and(a, b)}, {@code b} a Python int. */
    public static DistArray bitwiseAnd(DistArray a, long b) {
        return apply(BinaryOp.BITWISE_AND, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.bitwise_and(a, b)}, {@code a} a Python float. */
    public static DistArray bitwiseAnd(double a, DistArray b) {
        return apply(BinaryOp.BITWISE_AND, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.bitwise_and(a, b, out=..., casting=...)}. */
    public static DistArray bitwiseAnd(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.BITWISE_AND, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.bitwise_or(a, b)}. Caller must close the result. */
    public static DistArray bitwiseOr(DistArray a, DistArray b) {
        return apply(BinaryOp.BITWISE_OR, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.bitwise_or(a, b)}, {@code b} a Python float. */
    public static DistArray bitwiseOr(DistArray a, double b) {
        return apply(BinaryOp.BITWISE_OR, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.bitwise_or(a, b)}, {@code b} a Python int. */
    public static DistArray bitwiseOr(DistArray a, long b) {
        return apply(BinaryOp.BITWISE_OR, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.bitwise_or(a, b)}, {@code a} a Python float. */
    public static DistArray bitwiseOr(double a, DistArray b) {
        return apply(BinaryOp.BITWISE_OR, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.bitwise_or(a, b, out=..., casting=...)}. */
    public static DistArray bitwiseOr(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.BITWISE_OR, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.bitwise_xor(a, b)}. Caller must close the result. */
    public static DistArray bitwiseXor(DistArray a, DistArray b) {
        return apply(BinaryOp.BITWISE_XOR, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.bitwise_xor(a, b)}, {@code b} a Python float. */
    public static DistArray bitwiseXor(DistArray a, double b) {
        return apply(BinaryOp.BITWISE_XOR, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.bitwise_xor(a, b)}, {@code b} a Python int. */
    public static DistArray bitwiseXor(DistArray a, long b) {
        return apply(BinaryOp.BITWISE_XOR, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.bitwise_xor(a, b)}, {@code a} a Python float. */
    public static DistArray bitwiseXor(double a, DistArray b) {
        return apply(BinaryOp.BITWISE_XOR, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.bitwise_xor(a, b, out=..., casting=...)}. */
    public static DistArray bitwiseXor(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.BITWISE_XOR, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.divide(a, b)}. Caller must close the result. */
    public static DistArray divide(DistArray a, DistArray b) {
        return apply(BinaryOp.DIVIDE, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.divide(a, b)}, {@code b} a Python float. */
    public static DistArray divide(DistArray a, double b) {
        return apply(BinaryOp.DIVIDE, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.divide(a, b)}, {@code b} a Python int. */
    public static DistArray divide(DistArray a, long b) {
        return apply(BinaryOp.DIVIDE, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.divide(a, b)}, {@code a} a Python float. */
    public static DistArray divide(double a, DistArray b) {
        return apply(BinaryOp.DIVIDE, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.divide(a, b, out=..., casting=...)}. */
    public static DistArray divide(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.DIVIDE, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.floor_divide(a, b)}. Caller must close the result. */
    public static DistArray floorDivide(DistArray a, DistArray b) {
        return apply(BinaryOp.FLOOR_DIVIDE, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.floor_divide(a, b)}, {@code b} a Python float. */
    public static DistArray floorDivide(DistArray a, double b) {
        return apply(BinaryOp.FLOOR_DIVIDE, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.floor_divide(a, b)}, {@code b} a Python int. */
    public static DistArray floorDivide(DistArray a, long b) {
        return apply(BinaryOp.FLOOR_DIVIDE, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.floor_divide(a, b)}, {@code a} a Python float. */
    public static DistArray floorDivide(double a, DistArray b) {
        return apply(BinaryOp.FLOOR_DIVIDE, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.floor_divide(a, b, out=..., casting=...)}. */
    public static DistArray floorDivide(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.FLOOR_DIVIDE, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.fmod(a, b)}. Caller must close the result. */
    public static DistArray fmod(DistArray a, DistArray b) {
        return apply(BinaryOp.FMOD, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.fmod(a, b)}, {@code b} a Python float. */
    public static DistArray fmod(DistArray a, double b) {
        return apply(BinaryOp.FMOD, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.fmod(a, b)}, {@code b} a Python int. */
    public static DistArray fmod(DistArray a, long b) {
        return apply(BinaryOp.FMOD, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.fmod(a, b)}, {@code a} a Python float. */
    public static DistArray fmod(double a, DistArray b) {
        return apply(BinaryOp.FMOD, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.fmod(a, b, out=..., casting=...)}. */
    public static DistArray fmod(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.FMOD, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.hypot(a, b)}. Caller must close the result. */
    public static DistArray hypot(DistArray a, DistArray b) {
        return apply(BinaryOp.HYPOT, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.hypot(a, b)}, {@code b} a Python float. */
    public static DistArray hypot(DistArray a, double b) {
        return apply(BinaryOp.HYPOT, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.hypot(a, b)}, {@code b} a Python int. */
    public static DistArray hypot(DistArray a, long b) {
        return apply(BinaryOp.HYPOT, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.hypot(a, b)}, {@code a} a Python float. */
    public static DistArray hypot(double a, DistArray b) {
        return apply(BinaryOp.HYPOT, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.hypot(a, b, out=..., casting=...)}. */
    public static DistArray hypot(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.HYPOT, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.left_shift(a, b)}. Caller must close the result. */
    public static DistArray leftShift(DistArray a, DistArray b) {
        return apply(BinaryOp.LEFT_SHIFT, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.left_shift(a, b)}, {@code b} a Python float. */
    public static DistArray leftShift(DistArray a, double b) {
        return apply(BinaryOp.LEFT_SHIFT, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.left_shift(a, b)}, {@code b} a Python int. */
    public static DistArray leftShift(DistArray a, long b) {
        return apply(BinaryOp.LEFT_SHIFT, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.left_shift(a, b)}, {@code a} a Python float. */
    public static DistArray leftShift(double a, DistArray b) {
        return apply(BinaryOp.LEFT_SHIFT, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.left_shift(a, b, out=..., casting=...)}. */
    public static DistArray leftShift(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.LEFT_SHIFT, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.mod(a, b)}. Caller must close the result. */
    public static DistArray mod(DistArray a, DistArray b) {
        return apply(BinaryOp.MOD, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.mod(a, b)}, {@code b} a Python float. */
    public static DistArray mod(DistArray a, double b) {
        return apply(BinaryOp.MOD, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.mod(a, b)}, {@code b} a Python int. */
    public static DistArray mod(DistArray a, long b) {
        return apply(BinaryOp.MOD, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.mod(a, b)}, {@code a} a Python float. */
    public static DistArray mod(double a, DistArray b) {
        return apply(BinaryOp.MOD, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.mod(a, b, out=..., casting=...)}. */
    public static DistArray mod(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.MOD, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.multiply(a, b)}. Caller must close the result. */
    public static DistArray multiply(DistArray a, DistArray b) {
        return apply(BinaryOp.MULTIPLY, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.multiply(a, b)}, {@code b} a Python float. */
    public static DistArray multiply(DistArray a, double b) {
        return apply(BinaryOp.MULTIPLY, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.multiply(a, b)}, {@code b} a Python int. */
    public static DistArray multiply(DistArray a, long b) {
        return apply(BinaryOp.MULTIPLY, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.multiply(a, b)}, {@code a} a Python float. */
    public static DistArray multiply(double a, DistArray b) {
        return apply(BinaryOp.MULTIPLY, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.multiply(a, b, out=..., casting=...)}. */
    public static DistArray multiply(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.MULTIPLY, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.power(a, b)}. Caller must close the result. */
    public static DistArray power(DistArray a, DistArray b) {
        return apply(BinaryOp.POWER, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.power(a, b)}, {@code b} a Python float. */
    public static DistArray power(DistArray a, double b) {
        return apply(BinaryOp.POWER, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.power(a, b)}, {@code b} a Python int. */
    public static DistArray power(DistArray a, long b) {
        return apply(BinaryOp.POWER, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.power(a, b)}, {@code a} a Python float. */
    public static DistArray power(double a, DistArray b) {
        return apply(BinaryOp.POWER, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.power(a, b, out=..., casting=...)}. */
    public static DistArray power(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.POWER, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.remainder(a, b)}. Caller must close the result. */
    public static DistArray remainder(DistArray a, DistArray b) {
        return apply(BinaryOp.REMAINDER, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.remainder(a, b)}, {@code b} a Python float. */
    public static DistArray remainder(DistArray a, double b) {
        return apply(BinaryOp.REMAINDER, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.remainder(a, b)}, {@code b} a Python int. */
    public static DistArray remainder(DistArray a, long b) {
        return apply(BinaryOp.REMAINDER, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.remainder(a, b)}, {@code a} a Python float. */
    public static DistArray remainder(double a, DistArray b) {
        return apply(BinaryOp.REMAINDER, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.remainder(a, b, out=..., casting=...)}. */
    public static DistArray remainder(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.REMAINDER, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.right_shift(a, b)}. Caller must close the result. */
    public static DistArray rightShift(DistArray a, DistArray b) {
        return apply(BinaryOp.RIGHT_SHIFT, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.right_shift(a, b)}, {@code b} a Python float. */
    public static DistArray rightShift(DistArray a, double b) {
        return apply(BinaryOp.RIGHT_SHIFT, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.right_shift(a, b)}, {@code b} a Python int. */
    public static DistArray rightShift(DistArray a, long b) {
        return apply(BinaryOp.RIGHT_SHIFT, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.right_shift(a, b)}, {@code a} a Python float. */
    public static DistArray rightShift(double a, DistArray b) {
        return apply(BinaryOp.RIGHT_SHIFT, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.right_shift(a, b, out=..., casting=...)}. */
    public static DistArray rightShift(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.RIGHT_SHIFT, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.subtract(a, b)}. Caller must close the result. */
    public static DistArray subtract(DistArray a, DistArray b) {
        return apply(BinaryOp.SUBTRACT, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.subtract(a, b)}, {@code b} a Python float. */
    public static DistArray subtract(DistArray a, double b) {
        return apply(BinaryOp.SUBTRACT, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.subtract(a, b)}, {@code b} a Python int. */
    public static DistArray subtract(DistArray a, long b) {
        return apply(BinaryOp.SUBTRACT, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.subtract(a, b)}, {@code a} a Python float. */
    public static DistArray subtract(double a, DistArray b) {
        return apply(BinaryOp.SUBTRACT, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.subtract(a, b, out=..., casting=...)}. */
    public static DistArray subtract(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.SUBTRACT, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.true_divide(a, b)}. Caller must close the result. */
    public static DistArray trueDivide(DistArray a, DistArray b) {
        return apply(BinaryOp.TRUE_DIVIDE, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.true_divide(a, b)}, {@code b} a Python float. */
    public static DistArray trueDivide(DistArray a, double b) {
        return apply(BinaryOp.TRUE_DIVIDE, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.true_divide(a, b)}, {@code b} a Python int. */
    public static DistArray trueDivide(DistArray a, long b) {
        return apply(BinaryOp.TRUE_DIVIDE, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.true_divide(a, b)}, {@code a} a Python float. */
    public static DistArray trueDivide(double a, DistArray b) {
        return apply(BinaryOp.TRUE_DIVIDE, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.true_divide(a, b, out=..., casting=...)}. */
    public static DistArray trueDivide(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.TRUE_DIVIDE, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.less(a, b)}. Caller must close the result. */
    public static DistArray less(DistArray a, DistArray b) {
        return apply(BinaryOp.LESS, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.less(a, b)}, {@code b} a Python float. */
    public static DistArray less(DistArray a, double b) {
        return apply(BinaryOp.LESS, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.less(a, b)}, {@code b} a Python int. */
    public static DistArray less(DistArray a, long b) {
        return apply(BinaryOp.LESS, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.less(a, b)}, {@code a} a Python float. */
    public static DistArray less(double a, DistArray b) {
        return apply(BinaryOp.LESS, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.less(a, b, out=..., casting=...)}. */
    public static DistArray less(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.LESS, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.less_equal(a, b)}. Caller must close the result. */
    public static DistArray lessEqual(DistArray a, DistArray b) {
        return apply(BinaryOp.LESS_EQUAL, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.less_equal(a, b)}, {@code b} a Python float. */
    public static DistArray lessEqual(DistArray a, double b) {
        return apply(BinaryOp.LESS_EQUAL, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.less_equal(a, b)}, {@code b} a Python int. */
    public static DistArray lessEqual(DistArray a, long b) {
        return apply(BinaryOp.LESS_EQUAL, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.less_equal(a, b)}, {@code a} a Python float. */
    public static DistArray lessEqual(double a, DistArray b) {
        return apply(BinaryOp.LESS_EQUAL, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.less_equal(a, b, out=..., casting=...)}. */
    public static DistArray lessEqual(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.LESS_EQUAL, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.equal(a, b)}. Caller must close the result. */
    public static DistArray equal(DistArray a, DistArray b) {
        return apply(BinaryOp.EQUAL, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.equal(a, b)}, {@code b} a Python float. */
    public static DistArray equal(DistArray a, double b) {
        return apply(BinaryOp.EQUAL, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.equal(a, b)}, {@code b} a Python int. */
    public static DistArray equal(DistArray a, long b) {
        return apply(BinaryOp.EQUAL, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.equal(a, b)}, {@code a} a Python float. */
    public static DistArray equal(double a, DistArray b) {
        return apply(BinaryOp.EQUAL, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.equal(a, b, out=..., casting=...)}. */
    public static DistArray equal(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.EQUAL, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.not_equal(a, b)}. Caller must close the result. */
    public static DistArray notEqual(DistArray a, DistArray b) {
        return apply(BinaryOp.NOT_EQUAL, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.not_equal(a, b)}, {@code b} a Python float. */
    public static DistArray notEqual(DistArray a, double b) {
        return apply(BinaryOp.NOT_EQUAL, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.not_equal(a, b)}, {@code b} a Python int. */
    public static DistArray notEqual(DistArray a, long b) {
        return apply(BinaryOp.NOT_EQUAL, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.not_equal(a, b)}, {@code a} a Python float. */
    public static DistArray notEqual(double a, DistArray b) {
        return apply(BinaryOp.NOT_EQUAL, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.not_equal(a, b, out=..., casting=...)}. */
    public static DistArray notEqual(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.NOT_EQUAL, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.greater(a, b)}. Caller must close the result. */
    public static DistArray greater(DistArray a, DistArray b) {
        return apply(BinaryOp.GREATER, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.greater(a, b)}, {@code b} a Python float. */
    public static DistArray greater(DistArray a, double b) {
        return apply(BinaryOp.GREATER, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.greater(a, b)}, {@code b} a Python int. */
    public static DistArray greater(DistArray a, long b) {
        return apply(BinaryOp.GREATER, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.greater(a, b)}, {@code a} a Python float. */
    public static DistArray greater(double a, DistArray b) {
        return apply(BinaryOp.GREATER, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.greater(a, b, out=..., casting=...)}. */
    public static DistArray greater(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.GREATER, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.greater_equal(a, b)}. Caller must close the result. */
    public static DistArray greaterEqual(DistArray a, DistArray b) {
        return apply(BinaryOp.GREATER_EQUAL, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.greater_equal(a, b)}, {@code b} a Python float. */
    public static DistArray greaterEqual(DistArray a, double b) {
        return apply(BinaryOp.GREATER_EQUAL, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.greater_equal(a, b)}, {@code b} a Python int. */
    public static DistArray greaterEqual(DistArray a, long b) {
        return apply(BinaryOp.GREATER_EQUAL, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.greater_equal(a, b)}, {@code a} a Python float. */
    public static DistArray greaterEqual(double a, DistArray b) {
        return apply(BinaryOp.GREATER_EQUAL, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.greater_equal(a, b, out=..., casting=...)}. */
    public static DistArray greaterEqual(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.GREATER_EQUAL, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.maximum(a, b)}. Caller must close the result. */
    public static DistArray maximum(DistArray a, DistArray b) {
        return apply(BinaryOp.MAXIMUM, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.maximum(a, b)}, {@code b} a Python float. */
    public static DistArray maximum(DistArray a, double b) {
        return apply(BinaryOp.MAXIMUM, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.maximum(a, b)}, {@code b} a Python int. */
    public static DistArray maximum(DistArray a, long b) {
        return apply(BinaryOp.MAXIMUM, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.maximum(a, b)}, {@code a} a Python float. */
    public static DistArray maximum(double a, DistArray b) {
        return apply(BinaryOp.MAXIMUM, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.maximum(a, b, out=..., casting=...)}. */
    public static DistArray maximum(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.MAXIMUM, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.minimum(a, b)}. Caller must close the result. */
    public static DistArray minimum(DistArray a, DistArray b) {
        return apply(BinaryOp.MINIMUM, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.minimum(a, b)}, {@code b} a Python float. */
    public static DistArray minimum(DistArray a, double b) {
        return apply(BinaryOp.MINIMUM, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.minimum(a, b)}, {@code b} a Python int. */
    public static DistArray minimum(DistArray a, long b) {
        return apply(BinaryOp.MINIMUM, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.minimum(a, b)}, {@code a} a Python float. */
    public static DistArray minimum(double a, DistArray b) {
        return apply(BinaryOp.MINIMUM, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.minimum(a, b, out=..., casting=...)}. */
    public static DistArray minimum(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.MINIMUM, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.fmax(a, b)}. Caller must close the result. */
    public static DistArray fmax(DistArray a, DistArray b) {
        return apply(BinaryOp.FMAX, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.fmax(a, b)}, {@code b} a Python float. */
    public static DistArray fmax(DistArray a, double b) {
        return apply(BinaryOp.FMAX, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.fmax(a, b)}, {@code b} a Python int. */
    public static DistArray fmax(DistArray a, long b) {
        return apply(BinaryOp.FMAX, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.fmax(a, b)}, {@code a} a Python float. */
    public static DistArray fmax(double a, DistArray b) {
        return apply(BinaryOp.FMAX, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.fmax(a, b, out=..., casting=...)}. */
    public static DistArray fmax(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.FMAX, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.fmin(a, b)}. Caller must close the result. */
    public static DistArray fmin(DistArray a, DistArray b) {
        return apply(BinaryOp.FMIN, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.fmin(a, b)}, {@code b} a Python float. */
    public static DistArray fmin(DistArray a, double b) {
        return apply(BinaryOp.FMIN, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.fmin(a, b)}, {@code b} a Python int. */
    public static DistArray fmin(DistArray a, long b) {
        return apply(BinaryOp.FMIN, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.fmin(a, b)}, {@code a} a Python float. */
    public static DistArray fmin(double a, DistArray b) {
        return apply(BinaryOp.FMIN, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.fmin(a, b, out=..., casting=...)}. */
    public static DistArray fmin(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.FMIN, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.copysign(a, b)}. Caller must close the result. */
    public static DistArray copysign(DistArray a, DistArray b) {
        return apply(BinaryOp.COPYSIGN, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.copysign(a, b)}, {@code b} a Python float. */
    public static DistArray copysign(DistArray a, double b) {
        return apply(BinaryOp.COPYSIGN, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.copysign(a, b)}, {@code b} a Python int. */
    public static DistArray copysign(DistArray a, long b) {
        return apply(BinaryOp.COPYSIGN, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.copysign(a, b)}, {@code a} a Python float. */
    public static DistArray copysign(double a, DistArray b) {
        return apply(BinaryOp.COPYSIGN, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.copysign(a, b, out=..., casting=...)}. */
    public static DistArray copysign(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.COPYSIGN, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.logical_and(a, b)}. Caller must close the result. */
    public static DistArray logicalAnd(DistArray a, DistArray b) {
        return apply(BinaryOp.LOGICAL_AND, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.logical_and(a, b)}, {@code b} a Python float. */
    public static DistArray logicalAnd(DistArray a, double b) {
        return apply(BinaryOp.LOGICAL_AND, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.logical_and(a, b)}, {@code b} a Python int. */
    public static DistArray logicalAnd(DistArray a, long b) {
        return apply(BinaryOp.LOGICAL_AND, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.logical_and(a, b)}, {@code a} a Python float. */
    public static DistArray logicalAnd(double a, DistArray b) {
        return apply(BinaryOp.LOGICAL_AND, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.logical_and(a, b, out=..., casting=...)}. */
    public static DistArray logicalAnd(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.LOGICAL_AND, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.logical_or(a, b)}. Caller must close the result. */
    public static DistArray logicalOr(DistArray a, DistArray b) {
        return apply(BinaryOp.LOGICAL_OR, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.logical_or(a, b)}, {@code b} a Python float. */
    public static DistArray logicalOr(DistArray a, double b) {
        return apply(BinaryOp.LOGICAL_OR, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.logical_or(a, b)}, {@code b} a Python int. */
    public static DistArray logicalOr(DistArray a, long b) {
        return apply(BinaryOp.LOGICAL_OR, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.logical_or(a, b)}, {@code a} a Python float. */
    public static DistArray logicalOr(double a, DistArray b) {
        return apply(BinaryOp.LOGICAL_OR, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.logical_or(a, b, out=..., casting=...)}. */
    public static DistArray logicalOr(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.LOGICAL_OR, a, b, o);
    }

    /** <b>Logically collective.</b> {@code np.logical_xor(a, b)}. Caller must close the result. */
    public static DistArray logicalXor(DistArray a, DistArray b) {
        return apply(BinaryOp.LOGICAL_XOR, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.logical_xor(a, b)}, {@code b} a Python float. */
    public static DistArray logicalXor(DistArray a, double b) {
        return apply(BinaryOp.LOGICAL_XOR, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.logical_xor(a, b)}, {@code b} a Python int. */
    public static DistArray logicalXor(DistArray a, long b) {
        return apply(BinaryOp.LOGICAL_XOR, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.logical_xor(a, b)}, {@code a} a Python float. */
    public static DistArray logicalXor(double a, DistArray b) {
        return apply(BinaryOp.LOGICAL_XOR, a, b, null);
    }

    /** <b>Logically collective.</b> {@code np.logical_xor(a, b, out=..., casting=...)}. */
    public static DistArray logicalXor(DistArray a, DistArray b, UfuncOptions o) {
        return apply(BinaryOp.LOGICAL_XOR, a, b, o);
    }

    // ---------------------------------------------------------------- end of ufuncs

    // ---------------------------------------------------------------- reductions (Reductions, ReduceOptions)

    /** <b>Collective.</b> {@link Reductions#sum(DistArray)}. Caller must close the result. */
    public static DistArray sum(DistArray a) {
        return Reductions.sum(a);
    }

    /** <b>Collective.</b> {@link Reductions#sum(DistArray, ReduceOptions)} along {@code axis}. Caller must close the result. */
    public static DistArray sum(DistArray a, int axis) {
        return Reductions.sum(a, ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link Reductions#sum(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray sum(DistArray a, ReduceOptions options) {
        return Reductions.sum(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#prod(DistArray)}. Caller must close the result. */
    public static DistArray prod(DistArray a) {
        return Reductions.prod(a);
    }

    /** <b>Collective.</b> {@link Reductions#prod(DistArray, ReduceOptions)} along {@code axis}. Caller must close the result. */
    public static DistArray prod(DistArray a, int axis) {
        return Reductions.prod(a, ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link Reductions#prod(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray prod(DistArray a, ReduceOptions options) {
        return Reductions.prod(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#mean(DistArray)}. Caller must close the result. */
    public static DistArray mean(DistArray a) {
        return Reductions.mean(a);
    }

    /** <b>Collective.</b> {@link Reductions#mean(DistArray, ReduceOptions)} along {@code axis}. Caller must close the result. */
    public static DistArray mean(DistArray a, int axis) {
        return Reductions.mean(a, ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link Reductions#mean(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray mean(DistArray a, ReduceOptions options) {
        return Reductions.mean(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#var(DistArray)}. Caller must close the result. */
    public static DistArray var(DistArray a) {
        return Reductions.var(a);
    }

    /** <b>Collective.</b> {@link Reductions#var(DistArray, ReduceOptions)} along {@code axis}. Caller must close the result. */
    public static DistArray var(DistArray a, int axis) {
        return Reductions.var(a, ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link Reductions#var(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray var(DistArray a, ReduceOptions options) {
        return Reductions.var(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#std(DistArray)}. Caller must close the result. */
    public static DistArray std(DistArray a) {
        return Reductions.std(a);
    }

    /** <b>Collective.</b> {@link Reductions#std(DistArray, ReduceOptions)} along {@code axis}. Caller must close the result. */
    public static DistArray std(DistArray a, int axis) {
        return Reductions.std(a, ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link Reductions#std(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray std(DistArray a, ReduceOptions options) {
        return Reductions.std(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#min(DistArray)}. Caller must close the result. */
    public static DistArray min(DistArray a) {
        return Reductions.min(a);
    }

    /** <b>Collective.</b> {@link Reductions#min(DistArray, ReduceOptions)} along {@code axis}. Caller must close the result. */
    public static DistArray min(DistArray a, int axis) {
        return Reductions.min(a, ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link Reductions#min(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray min(DistArray a, ReduceOptions options) {
        return Reductions.min(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#max(DistArray)}. Caller must close the result. */
    public static DistArray max(DistArray a) {
        return Reductions.max(a);
    }

    /** <b>Collective.</b> {@link Reductions#max(DistArray, ReduceOptions)} along {@code axis}. Caller must close the result. */
    public static DistArray max(DistArray a, int axis) {
        return Reductions.max(a, ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link Reductions#max(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray max(DistArray a, ReduceOptions options) {
        return Reductions.max(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#argmin(DistArray)}. Caller must close the result. */
    public static DistArray argmin(DistArray a) {
        return Reductions.argmin(a);
    }

    /** <b>Collective.</b> {@link Reductions#argmin(DistArray, ReduceOptions)} along {@code axis}. Caller must close the result. */
    public static DistArray argmin(DistArray a, int axis) {
        return Reductions.argmin(a, ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link Reductions#argmin(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray argmin(DistArray a, ReduceOptions options) {
        return Reductions.argmin(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#argmax(DistArray)}. Caller must close the result. */
    public static DistArray argmax(DistArray a) {
        return Reductions.argmax(a);
    }

    /** <b>Collective.</b> {@link Reductions#argmax(DistArray, ReduceOptions)} along {@code axis}. Caller must close the result. */
    public static DistArray argmax(DistArray a, int axis) {
        return Reductions.argmax(a, ReduceOptions.axis(axis));
    }

    /** <b>Collective.</b> {@link Reductions#argmax(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray argmax(DistArray a, ReduceOptions options) {
        return Reductions.argmax(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#any(DistArray)}. Caller must close the result. */
    public static DistArray any(DistArray a) {
        return Reductions.any(a);
    }

    /** <b>Collective.</b> {@link Reductions#any(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray any(DistArray a, ReduceOptions options) {
        return Reductions.any(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#all(DistArray)}. Caller must close the result. */
    public static DistArray all(DistArray a) {
        return Reductions.all(a);
    }

    /** <b>Collective.</b> {@link Reductions#all(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray all(DistArray a, ReduceOptions options) {
        return Reductions.all(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#countNonzero(DistArray)}. Caller must close the result. */
    public static DistArray countNonzero(DistArray a) {
        return Reductions.countNonzero(a);
    }

    /** <b>Collective.</b> {@link Reductions#countNonzero(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray countNonzero(DistArray a, ReduceOptions options) {
        return Reductions.countNonzero(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#ptp(DistArray)}. Caller must close the result. */
    public static DistArray ptp(DistArray a) {
        return Reductions.ptp(a);
    }

    /** <b>Collective.</b> {@link Reductions#ptp(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray ptp(DistArray a, ReduceOptions options) {
        return Reductions.ptp(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#nansum(DistArray)}. Caller must close the result. */
    public static DistArray nansum(DistArray a) {
        return Reductions.nansum(a);
    }

    /** <b>Collective.</b> {@link Reductions#nansum(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray nansum(DistArray a, ReduceOptions options) {
        return Reductions.nansum(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#nanmean(DistArray)}. Caller must close the result. */
    public static DistArray nanmean(DistArray a) {
        return Reductions.nanmean(a);
    }

    /** <b>Collective.</b> {@link Reductions#nanmean(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray nanmean(DistArray a, ReduceOptions options) {
        return Reductions.nanmean(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#nanmin(DistArray)}. Caller must close the result. */
    public static DistArray nanmin(DistArray a) {
        return Reductions.nanmin(a);
    }

    /** <b>Collective.</b> {@link Reductions#nanmin(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray nanmin(DistArray a, ReduceOptions options) {
        return Reductions.nanmin(a, options);
    }

    /** <b>Collective.</b> {@link Reductions#nanmax(DistArray)}. Caller must close the result. */
    public static DistArray nanmax(DistArray a) {
        return Reductions.nanmax(a);
    }

    /** <b>Collective.</b> {@link Reductions#nanmax(DistArray, ReduceOptions)}. Caller must close the result. */
    public static DistArray nanmax(DistArray a, ReduceOptions options) {
        return Reductions.nanmax(a, options);
    }
    // ---- end reductions ----

    // ---- fancy indexing, masks, concatenation (logic in Indexing) ----

    /** <b>Collective.</b> {@code numpy.take(a, indices)} of the flattened array: {@link Indexing#take(DistArray, long[], Integer)}. */
    public static DistArray take(DistArray a, long[] indices) {
        return Indexing.take(a, indices, null);
    }

    /** <b>Collective.</b> {@code numpy.take(a, indices, axis)}: {@link Indexing#take(DistArray, long[], Integer)}. */
    public static DistArray take(DistArray a, long[] indices, Integer axis) {
        return Indexing.take(a, indices, axis);
    }

    /** <b>Collective.</b> {@code numpy.take} with distributed indices: {@link Indexing#take(DistArray, DistArray, Integer)}. */
    public static DistArray take(DistArray a, DistArray indices, Integer axis) {
        return Indexing.take(a, indices, axis);
    }

    /** <b>Collective.</b> {@code numpy.put(a, indices, values)}: {@link Indexing#put(DistArray, long[], Object)}. */
    public static void put(DistArray a, long[] indices, Object values) {
        Indexing.put(a, indices, values);
    }

    /** <b>Collective.</b> {@code numpy.put} with distributed indices: {@link Indexing#put(DistArray, DistArray, Object)}. */
    public static void put(DistArray a, DistArray indices, Object values) {
        Indexing.put(a, indices, values);
    }

    /** <b>Collective.</b> {@code numpy.nonzero(a)}: {@link Indexing#nonzero}. Caller must close the results. */
    public static DistArray[] nonzero(DistArray a) {
        return Indexing.nonzero(a);
    }

    /** <b>Collective.</b> {@code numpy.flatnonzero(a)}: {@link Indexing#flatnonzero}. */
    public static DistArray flatnonzero(DistArray a) {
        return Indexing.flatnonzero(a);
    }

    /** <b>Collective.</b> {@code numpy.argwhere(a)}: {@link Indexing#argwhere}. */
    public static DistArray argwhere(DistArray a) {
        return Indexing.argwhere(a);
    }

    /** <b>Collective.</b> {@code numpy.compress(condition, a, axis)}: {@link Indexing#compress(boolean[], DistArray, Integer)}. */
    public static DistArray compress(boolean[] condition, DistArray a, Integer axis) {
        return Indexing.compress(condition, a, axis);
    }

    /** <b>Collective.</b> {@code numpy.compress} with a distributed condition: {@link Indexing#compress(DistArray, DistArray, Integer)}. */
    public static DistArray compress(DistArray condition, DistArray a, Integer axis) {
        return Indexing.compress(condition, a, axis);
    }

    /** <b>Collective.</b> {@code numpy.extract(condition, a)} for a bool condition of {@code a}'s shape: {@code a[condition]}. */
    public static DistArray extract(DistArray condition, DistArray a) {
        return Indexing.getMask(a, condition);
    }

    /** <b>Collective.</b> {@code numpy.concatenate(arrays, axis)} (null: flattened): {@link Indexing#concatenate}. */
    public static DistArray concatenate(DistArray[] arrays, Integer axis) {
        return Indexing.concatenate(arrays, axis);
    }

    /** <b>Collective.</b> {@code numpy.stack(arrays, axis)}: {@link Indexing#stack}. */
    public static DistArray stack(DistArray[] arrays, int axis) {
        return Indexing.stack(arrays, axis);
    }
    // ---- end fancy indexing ----

    // ---- distributed algorithms (org.jdistarray.algo; thin delegations) ----

    /** <b>Collective.</b> {@link org.jdistarray.algo.Sorting#sort(DistArray, int)}. Caller must close the result. */
    public static DistArray sort(DistArray a, int axis) {
        return org.jdistarray.algo.Sorting.sort(a, axis);
    }

    /** <b>Collective.</b> {@code np.sort(a)} along the last axis. Caller must close the result. */
    public static DistArray sort(DistArray a) {
        return org.jdistarray.algo.Sorting.sort(a);
    }

    /** <b>Collective.</b> {@link org.jdistarray.algo.Sorting#argsort(DistArray, int)}. Caller must close the result. */
    public static DistArray argsort(DistArray a, int axis) {
        return org.jdistarray.algo.Sorting.argsort(a, axis);
    }

    /** <b>Collective.</b> {@code np.argsort(a, kind='stable')} along the last axis. Caller must close the result. */
    public static DistArray argsort(DistArray a) {
        return org.jdistarray.algo.Sorting.argsort(a);
    }

    /** <b>Collective.</b> {@link org.jdistarray.algo.Scans#cumsum}. Caller must close the result. */
    public static DistArray cumsum(DistArray a, int axis) {
        return org.jdistarray.algo.Scans.cumsum(a, axis);
    }

    /** <b>Collective.</b> {@link org.jdistarray.algo.Scans#cumprod}. Caller must close the result. */
    public static DistArray cumprod(DistArray a, int axis) {
        return org.jdistarray.algo.Scans.cumprod(a, axis);
    }

    /** <b>Collective.</b> {@link org.jdistarray.algo.Scans#nancumsum}. Caller must close the result. */
    public static DistArray nancumsum(DistArray a, int axis) {
        return org.jdistarray.algo.Scans.nancumsum(a, axis);
    }

    /** <b>Collective.</b> {@link org.jdistarray.algo.Scans#nancumprod}. Caller must close the result. */
    public static DistArray nancumprod(DistArray a, int axis) {
        return org.jdistarray.algo.Scans.nancumprod(a, axis);
    }
    /** <b>Collective.</b> {@link org.jdistarray.algo.Differences#diff}: {@code np.diff(a, n=1, axis)}. Caller must close. */
    public static DistArray diff(DistArray a, int axis) {
        return org.jdistarray.algo.Differences.diff(a, axis, org.jdistarray.algo.AlgoOptions.defaults());
    }
    /** <b>Collective.</b> {@link org.jdistarray.algo.Selection#median}: {@code np.median(a)} (axis=None). */
    public static double median(DistArray a) {
        return org.jdistarray.algo.Selection.median(a);
    }

    /** <b>Collective.</b> {@link org.jdistarray.algo.Selection#quantile}: {@code np.quantile(a, q)} (axis=None). */
    public static double quantile(DistArray a, double q) {
        return org.jdistarray.algo.Selection.quantile(a, q);
    }

    /** <b>Collective.</b> {@link org.jdistarray.algo.Selection#percentile}: {@code np.percentile(a, q)}. */
    public static double percentile(DistArray a, double q) {
        return org.jdistarray.algo.Selection.percentile(a, q);
    }

    /** <b>Collective.</b> {@link org.jdistarray.algo.Counting#bincount}. Caller must close the result. */
    public static DistArray bincount(DistArray x, int minlength) {
        return org.jdistarray.algo.Counting.bincount(x, minlength);
    }

    /** <b>Collective.</b> {@link org.jdistarray.algo.Counting#histogram}. Caller must close the counts. */
    public static org.jdistarray.algo.Counting.Histogram histogram(DistArray a, int bins, double[] range) {
        return org.jdistarray.algo.Counting.histogram(a, bins, range);
    }
    /** <b>Collective.</b> {@link org.jdistarray.algo.Uniques#unique}: values, counts, inverse. Caller must close. */
    public static org.jdistarray.algo.Uniques.Unique unique(DistArray a) {
        return org.jdistarray.algo.Uniques.unique(a);
    }
    /** <b>Collective.</b> {@link org.jdistarray.algo.Searching#searchsorted}, side='left'. Caller must close. */
    public static DistArray searchsorted(DistArray a, DistArray v) {
        return org.jdistarray.algo.Searching.searchsorted(a, v, false);
    }

    /** <b>Collective.</b> {@link org.jdistarray.algo.Products#outer}: {@code np.outer(a, b)}. Caller must close. */
    public static DistArray outer(DistArray a, DistArray b) {
        return org.jdistarray.algo.Products.outer(a, b);
    }
    /** <b>Collective.</b> {@link org.jdistarray.algo.Products#matmul}: 2-d float64 {@code a @ b}. Caller must close. */
    public static DistArray matmul(DistArray a, DistArray b) {
        return org.jdistarray.algo.Products.matmul(a, b);
    }
    // ---- end distributed algorithms ----
}
