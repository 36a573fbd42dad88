package org.jdistarray.ops;

import org.jdistarray.protocol.DType;

/**
 * The integer and bool loops of every ufunc over {@code long[]} tiles, each lane holding a value of the loop's dtype
 * {@code t} (unsigned types below 64 bits as non-negative longs, bool as 0/1). Arithmetic runs in 64 bits and
 * {@link #wrap} reduces it to {@code t}'s width, which is NumPy's wrap-around on overflow. Division and remainder by
 * zero give 0 (NumPy warns and gives 0); shifts by a negative count or at least the width give 0 (or -1 for a
 * negative value shifted right), as NumPy's {@code npy_lshift}/{@code npy_rshift}.
 */
final class LongKernels {
    private LongKernels() {
    }

    /** Reduces 64-bit results to {@code t}'s width and signedness (bool: {@code != 0}). */
    static void wrap(DType t, long[] r, int n) {
        switch (t) {
            case INT8 -> {
                for (int i = 0; i < n; i++) {
                    r[i] = (byte) r[i];
                }
            }
            case INT16 -> {
                for (int i = 0; i < n; i++) {
                    r[i] = (short) r[i];
                }
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) {
                    r[i] = (int) r[i];
                }
            }
            case UINT8 -> {
                for (int i = 0; i < n; i++) {
                    r[i] &= 0xFFL;
                }
            }
            case UINT16 -> {
                for (int i = 0; i < n; i++) {
                    r[i] &= 0xFFFFL;
                }
            }
            case UINT32 -> {
                for (int i = 0; i < n; i++) {
                    r[i] &= 0xFFFF_FFFFL;
                }
            }
            case BOOL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = r[i] != 0 ? 1 : 0;
                }
            }
            default -> {
            }
        }
    }

    static void unary(UnaryOp op, DType t, long[] x, long[] r, int n) {
        boolean unsigned = !Promotion.isSigned(t);
        switch (op) {
            case ABSOLUTE -> {
                if (unsigned) {
                    System.arraycopy(x, 0, r, 0, n);
                } else {
                    for (int i = 0; i < n; i++) {
                        r[i] = Math.abs(x[i]);
                    }
                }
            }
            case NEGATIVE -> {
                for (int i = 0; i < n; i++) {
                    r[i] = -x[i];
                }
            }
            case POSITIVE, CONJUGATE -> System.arraycopy(x, 0, r, 0, n);
            case SQUARE -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x[i] * x[i];
                }
            }
            case SIGN -> {
                if (unsigned) {
                    for (int i = 0; i < n; i++) {
                        r[i] = x[i] != 0 ? 1 : 0;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        r[i] = Long.signum(x[i]);
                    }
                }
            }
            case INVERT -> {
                if (t == DType.BOOL) {
                    for (int i = 0; i < n; i++) {
                        r[i] = x[i] ^ 1;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        r[i] = ~x[i];
                    }
                }
            }
            case RECIPROCAL -> {
                // C's 1.0 / x converted back (NumPy's integer loop); 1 / 0 converts inf, which C leaves undefined:
                // x86-64 gives the "integer indefinite" 0x80000000 (0x8000000000000000 for 64 bits), then truncation
                long indefinite = t.itemSize() == 8 ? Long.MIN_VALUE : Integer.MIN_VALUE;
                for (int i = 0; i < n; i++) {
                    double d = t == DType.UINT64 ? org.jdistarray.array.internal.Casts.unsignedToDouble(x[i]) : x[i];
                    r[i] = d == 0 ? indefinite : (long) (1.0 / d);
                }
            }
            default -> throw new IllegalStateException("no integer loop for " + op);
        }
        wrap(t, r, n);
    }

    /**
     * A binary loop; returns whether an integer {@code power} met a negative exponent (NumPy's ValueError, raised by
     * the caller on every rank).
     */
    static boolean binary(BinaryOp op, DType t, long[] a, long[] b, long[] r, int n) {
        boolean u64 = t == DType.UINT64;
        boolean bad = false;
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] + b[i];
                }
            }
            case SUBTRACT -> {
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] - b[i];
                }
            }
            case MULTIPLY -> {
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] * b[i];
                }
            }
            case FLOOR_DIVIDE -> {
                for (int i = 0; i < n; i++) {
                    long y = b[i];
                    r[i] = y == 0 ? 0 : u64 ? Long.divideUnsigned(a[i], y) : Math.floorDiv(a[i], y);
                }
            }
            case REMAINDER, MOD -> {
                for (int i = 0; i < n; i++) {
                    long y = b[i];
                    r[i] = y == 0 ? 0 : u64 ? Long.remainderUnsigned(a[i], y) : Math.floorMod(a[i], y);
                }
            }
            case FMOD -> {
                for (int i = 0; i < n; i++) {
                    long y = b[i];
                    r[i] = y == 0 ? 0 : u64 ? Long.remainderUnsigned(a[i], y) : a[i] % y;
                }
            }
            case POWER -> {
                for (int i = 0; i < n; i++) {
                    long e = b[i];
                    bad |= !u64 && e < 0;
                    r[i] = ipow(a[i], e);
                }
            }
            default -> bitwise(op, t, a, b, r, n);
        }
        wrap(t, r, n);
        return bad;
    }

    /** Exponentiation by squaring, modulo 2^64 (the exponent's bits as unsigned). */
    static long ipow(long base, long e) {
        long result = 1;
        while (e != 0) {
            if ((e & 1) != 0) {
                result *= base;
            }
            base *= base;
            e >>>= 1;
        }
        return result;
    }

    private static void bitwise(BinaryOp op, DType t, long[] a, long[] b, long[] r, int n) {
        int width = t.itemSize() * 8;
        boolean signed = Promotion.isSigned(t);
        switch (op) {
            case BITWISE_AND -> {
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] & b[i];
                }
            }
            case BITWISE_OR -> {
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] | b[i];
                }
            }
            case BITWISE_XOR -> {
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] ^ b[i];
                }
            }
            case LEFT_SHIFT -> {
                for (int i = 0; i < n; i++) {
                    long s = b[i];
                    r[i] = s >= 0 && s < width ? a[i] << s : 0;
                }
            }
            case RIGHT_SHIFT -> {
                for (int i = 0; i < n; i++) {
                    long s = b[i];
                    long x = a[i];
                    r[i] = s >= 0 && s < width ? (signed ? x >> s : x >>> s) : signed && x < 0 ? -1 : 0;
                }
            }
            case MAXIMUM, FMAX -> {
                for (int i = 0; i < n; i++) {
                    r[i] = less(t, a[i], b[i]) ? b[i] : a[i];
                }
            }
            case MINIMUM, FMIN -> {
                for (int i = 0; i < n; i++) {
                    r[i] = less(t, b[i], a[i]) ? b[i] : a[i];
                }
            }
            default -> throw new IllegalStateException("no integer loop for " + op);
        }
    }

    private static boolean less(DType t, long x, long y) {
        return t == DType.UINT64 ? Long.compareUnsigned(x, y) < 0 : x < y;
    }

    /** Comparisons and logical operations into bool lanes. */
    static void predicate(BinaryOp op, DType t, long[] a, long[] b, long[] r, int n) {
        long flip = t == DType.UINT64 ? Long.MIN_VALUE : 0; // unsigned order = signed order of the flipped bits
        switch (op) {
            case LESS -> {
                for (int i = 0; i < n; i++) {
                    r[i] = (a[i] ^ flip) < (b[i] ^ flip) ? 1 : 0;
                }
            }
            case LESS_EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = (a[i] ^ flip) <= (b[i] ^ flip) ? 1 : 0;
                }
            }
            case EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] == b[i] ? 1 : 0;
                }
            }
            case NOT_EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] != b[i] ? 1 : 0;
                }
            }
            case GREATER -> {
                for (int i = 0; i < n; i++) {
                    r[i] = (a[i] ^ flip) > (b[i] ^ flip) ? 1 : 0;
                }
            }
            case GREATER_EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = (a[i] ^ flip) >= (b[i] ^ flip) ? 1 : 0;
                }
            }
            case LOGICAL_AND -> {
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] != 0 && b[i] != 0 ? 1 : 0;
                }
            }
            case LOGICAL_OR -> {
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] != 0 || b[i] != 0 ? 1 : 0;
                }
            }
            case LOGICAL_XOR -> {
                for (int i = 0; i < n; i++) {
                    r[i] = (a[i] != 0) != (b[i] != 0) ? 1 : 0;
                }
            }
            default -> throw new IllegalStateException("no integer predicate for " + op);
        }
    }

    /** isnan, isinf (false), isfinite (true), logical_not of integers. */
    static void predicate(UnaryOp op, long[] x, long[] r, int n) {
        switch (op) {
            case ISNAN, ISINF -> java.util.Arrays.fill(r, 0, n, 0L);
            case ISFINITE -> java.util.Arrays.fill(r, 0, n, 1L);
            case LOGICAL_NOT -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x[i] == 0 ? 1 : 0;
                }
            }
            default -> throw new IllegalStateException("no integer predicate for " + op);
        }
    }
}
