package org.jdistarray.ops;

import org.jdistarray.array.DistArray;

/**
 * {@link Np}'s third part: comparisons, maximum/minimum, copysign and the logical binary ufuncs (generated from
 * {@link BinaryOp}), inherited by {@code Np}.
 */
abstract class NpComparison extends NpArithmetic {
    NpComparison() {
    }

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
}
