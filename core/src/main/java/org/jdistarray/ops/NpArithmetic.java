package org.jdistarray.ops;

import org.jdistarray.array.DistArray;

/**
 * {@link Np}'s second part: the arithmetic and bitwise binary ufuncs (generated from {@link BinaryOp}), inherited by
 * {@code Np}.
 */
abstract class NpArithmetic extends NpUnary {
    NpArithmetic() {
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
}
