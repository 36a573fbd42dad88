package org.jdistarray.ops;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.internal.ArrayAccess;
import org.jdistarray.array.internal.Storage;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * The fused fast paths of {@code a*x + y} ({@code multiply} by a scalar, then {@code add} an array, operands in either
 * order) and of {@code x + y}, {@code x - y}, {@code x * y} of two arrays, in float64, float32 and int64, and of
 * {@code x op s} and {@code s op x} ({@code op} add, subtract, multiply, divide; {@code s} a Python float, or an int
 * of at most 2^53 in magnitude, which converts to double exactly) in float64: one loop
 * straight over the operands' and the result's buffers, no tiles and no copies (the tile evaluator makes six passes
 * over each tile for it). Taken only when every array has the loop's dtype, is laid out as the result, in one chunk,
 * and the result has that dtype too; the arithmetic is exactly the tile evaluator's (a rounded multiply, then a
 * rounded add: no FMA; float32 rounds each operation to float, with the scalar cast to float32 first, as NumPy's
 * float32 loop; int64 wraps).
 */
final class FusedAxpy {
    private final DistArray x;
    private final DistArray y;
    private final double alpha;
    private final long alphaLong;
    /** Null for {@code alpha*x + y}; else {@code x op y} of two arrays, or with {@code y} null {@code x op alpha}. */
    private final BinaryOp op;
    /** For {@code x op alpha}: the scalar is the left operand ({@code alpha op x}). */
    private final boolean scalarFirst;
    /** FLOAT64, FLOAT32 or INT64: the operands', the loop's and the result's dtype. */
    private final DType type;

    private FusedAxpy(DistArray x, DistArray y, double alpha, long alphaLong, BinaryOp op, DType type) {
        this(x, y, alpha, alphaLong, op, type, false);
    }

    private FusedAxpy(DistArray x, DistArray y, double alpha, long alphaLong, BinaryOp op, DType type,
            boolean scalarFirst) {
        this.x = x;
        this.y = y;
        this.alpha = alpha;
        this.alphaLong = alphaLong;
        this.op = op;
        this.type = type;
        this.scalarFirst = scalarFirst;
    }

    private static boolean fusable(DType t) {
        return t == DType.FLOAT64 || t == DType.FLOAT32 || t == DType.INT64;
    }

    /** The fused form of {@code e} over {@code dist} into {@code outType}, or null when it does not apply. */
    static FusedAxpy of(Expr e, Distribution dist, DType outType) {
        DType t = outType;
        if (!fusable(t) || e.kind != Expr.Kind.BINARY || e.loop != t) {
            return null;
        }
        if ((e.binaryOp == BinaryOp.ADD || e.binaryOp == BinaryOp.SUBTRACT || e.binaryOp == BinaryOp.MULTIPLY)
                && dense(e.args[0], dist, t) && dense(e.args[1], dist, t)) {
            return new FusedAxpy(e.args[0].array, e.args[1].array, 0, 0, e.binaryOp, t);
        }
        if (t == DType.FLOAT64 && (e.binaryOp == BinaryOp.ADD || e.binaryOp == BinaryOp.SUBTRACT
                || e.binaryOp == BinaryOp.MULTIPLY || e.binaryOp == BinaryOp.DIVIDE
                || e.binaryOp == BinaryOp.TRUE_DIVIDE)) {
            for (int side = 0; side < 2; side++) {
                Expr s = e.args[side];
                if (s.kind == Expr.Kind.SCALAR && dense(e.args[1 - side], dist, t) && exactDouble(s.scalar)) {
                    double a = s.scalar.scalarKind() == 2 ? s.scalar.doubleValue() : s.scalar.longValue();
                    return new FusedAxpy(e.args[1 - side].array, null, a, 0, e.binaryOp, t, side == 0);
                }
            }
        }
        if (e.binaryOp != BinaryOp.ADD) {
            return null;
        }
        for (int side = 0; side < 2; side++) {
            Expr m = e.args[side];
            Expr other = e.args[1 - side];
            if (m.kind != Expr.Kind.BINARY || m.binaryOp != BinaryOp.MULTIPLY || m.loop != t
                    || !dense(other, dist, t)) {
                continue;
            }
            for (int k = 0; k < 2; k++) {
                Expr v = m.args[k];
                Expr s = m.args[1 - k];
                if (s.kind == Expr.Kind.SCALAR && dense(v, dist, t)) {
                    Operand o = s.scalar;
                    if ((t == DType.INT64 && o.scalarKind() != 1) || (t == DType.FLOAT32 && o.scalarKind() != 2)) {
                        continue; // int64: Python ints only; float32: Python floats only (cast once to float32);
                        // any other scalar takes the tile evaluator
                    }
                    double a = o.scalarKind() == 2 ? o.doubleValue() : o.longValue();
                    return new FusedAxpy(v.array, other.array, a, o.scalarKind() == 1 ? o.longValue() : 0, null, t);
                }
            }
        }
        return null;
    }

    /** A Python float, or a Python int that converts to double exactly (as the float64 loop converts it). */
    private static boolean exactDouble(Operand o) {
        return o.scalarKind() == 2 || o.scalarKind() == 1 && Math.abs(o.longValue()) <= (1L << 53);
    }

    static boolean dense(Expr e, Distribution dist) {
        return dense(e, dist, DType.FLOAT64);
    }

    static boolean dense(Expr e, Distribution dist, DType t) {
        if (e.kind != Expr.Kind.ARRAY || e.array.dtype() != t) {
            return false;
        }
        Distribution d = e.array.distribution();
        return java.util.Arrays.equals(d.shape(), dist.shape()) && d.isCompatible(dist)
                && ArrayAccess.get().storage(e.array).chunkCount() <= 1;
    }

    /** Whether {@code out} can take the fused loop (one chunk). */
    static boolean fits(Storage out) {
        return out.chunkCount() <= 1;
    }

    /** Runs {@code out = alpha * x + y} over the local block ({@code n} elements). */
    void run(Storage out, long n) {
        ArrayAccess.Bridge b = ArrayAccess.get();
        run(type, op, alpha, alphaLong, scalarFirst, b.storage(x), y == null ? null : b.storage(y), out, n);
    }

    /**
     * {@code out = x op y} of two blocks of {@code type} (FLOAT64, FLOAT32 or INT64; {@code op} ADD, SUBTRACT or
     * MULTIPLY), one chunk each, {@code n} elements: the loop of {@link #run(Storage, long)} without a
     * {@code FusedAxpy} object (the small-call path allocates nothing).
     */
    static void arrays(DType type, BinaryOp op, Storage x, Storage y, Storage out, long n) {
        run(type, op, 0, 0, false, x, y, out, n);
    }

    /** {@code out = x op a} (or {@code a op x}) of a float64 block, one chunk: the loop without an object. */
    static void scalar(BinaryOp op, Storage x, double a, boolean scalarFirst, Storage out, long n) {
        run(DType.FLOAT64, op, a, 0, scalarFirst, x, null, out, n);
    }

    private static void run(DType type, BinaryOp op, double alpha, long alphaLong, boolean scalarFirst, Storage x,
            Storage y, Storage out, long n) {
        if (n == 0) {
            return;
        }
        if (NativeKernels.on() && runNative(type, op, alpha, alphaLong, scalarFirst, x, y, out, n)) {
            return;
        }
        if (type == DType.FLOAT32) {
            float32(op, alpha, bytes(x).asFloatBuffer(), bytes(y).asFloatBuffer(), bytes(out).asFloatBuffer(), (int) n);
            return;
        }
        if (type == DType.INT64) {
            int64(op, alphaLong, bytes(x).asLongBuffer(), bytes(y).asLongBuffer(), bytes(out).asLongBuffer(), (int) n);
            return;
        }
        DoubleBuffer xs = view(x);
        DoubleBuffer r = view(out);
        if (y == null) {
            scalar(op, xs, alpha, scalarFirst, r, (int) n);
            return;
        }
        DoubleBuffer ys = view(y);
        if (op == null) {
            loop(xs, ys, r, alpha, (int) n);
        } else {
            binary(op, xs, ys, r, (int) n);
        }
    }

    /** The same loop, native (vectorised, the same bits); false (nothing written) if a buffer is not direct. */
    private static boolean runNative(DType type, BinaryOp op, double alpha, long alphaLong, boolean scalarFirst,
            Storage x, Storage y, Storage out, long n) {
        long bytes = n * type.itemSize();
        long ax = address(x, bytes);
        long ay = y == null ? 0 : address(y, bytes);
        long ar = address(out, bytes);
        if (ax == 0 || ar == 0 || (y != null && ay == 0)) {
            return false;
        }
        int t = type == DType.FLOAT64 ? 0 : type == DType.FLOAT32 ? 1 : 2;
        int o = op == null ? -1 : switch (op) {
            case ADD -> NativeKernels.OP_ADD;
            case SUBTRACT -> NativeKernels.OP_SUB;
            case MULTIPLY -> NativeKernels.OP_MUL;
            default -> NativeKernels.OP_DIV;
        };
        NativeKernels.axpy(t, o, scalarFirst, ax, ay, ar, alpha, alphaLong, n);
        return true;
    }

    /** The address of chunk 0 of {@code s} if it is a native-order direct buffer of {@code bytes}, else 0. */
    static long address(Storage s, long bytes) {
        return NativeKernels.address(s.chunkOf(0), bytes);
    }

    private static void binary(BinaryOp op, DoubleBuffer xs, DoubleBuffer ys, DoubleBuffer r, int n) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    r.put(i, xs.get(i) + ys.get(i));
                }
            }
            case SUBTRACT -> {
                for (int i = 0; i < n; i++) {
                    r.put(i, xs.get(i) - ys.get(i));
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    r.put(i, xs.get(i) * ys.get(i));
                }
            }
        }
    }

    private static DoubleBuffer view(Storage s) {
        return bytes(s).asDoubleBuffer();
    }

    private static java.nio.ByteBuffer bytes(Storage s) {
        return s.chunkOf(0).duplicate().clear().order(ByteOrder.nativeOrder());
    }

    private static void float32(BinaryOp op, double alpha, FloatBuffer xs, FloatBuffer ys, FloatBuffer r, int n) {
        if (op == null) {
            float a = (float) alpha;
            for (int i = 0; i < n; i++) {
                r.put(i, a * xs.get(i) + ys.get(i));
            }
            return;
        }
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    r.put(i, xs.get(i) + ys.get(i));
                }
            }
            case SUBTRACT -> {
                for (int i = 0; i < n; i++) {
                    r.put(i, xs.get(i) - ys.get(i));
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    r.put(i, xs.get(i) * ys.get(i));
                }
            }
        }
    }

    private static void int64(BinaryOp op, long alphaLong, LongBuffer xs, LongBuffer ys, LongBuffer r, int n) {
        if (op == null) {
            long a = alphaLong;
            for (int i = 0; i < n; i++) {
                r.put(i, a * xs.get(i) + ys.get(i));
            }
            return;
        }
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    r.put(i, xs.get(i) + ys.get(i));
                }
            }
            case SUBTRACT -> {
                for (int i = 0; i < n; i++) {
                    r.put(i, xs.get(i) - ys.get(i));
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    r.put(i, xs.get(i) * ys.get(i));
                }
            }
        }
    }

    private static void scalar(BinaryOp op, DoubleBuffer xs, double a, boolean first, DoubleBuffer r, int n) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    r.put(i, first ? a + xs.get(i) : xs.get(i) + a);
                }
            }
            case SUBTRACT -> {
                if (first) {
                    for (int i = 0; i < n; i++) {
                        r.put(i, a - xs.get(i));
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        r.put(i, xs.get(i) - a);
                    }
                }
            }
            case MULTIPLY -> {
                for (int i = 0; i < n; i++) {
                    r.put(i, first ? a * xs.get(i) : xs.get(i) * a);
                }
            }
            default -> { // DIVIDE, TRUE_DIVIDE
                if (first) {
                    for (int i = 0; i < n; i++) {
                        r.put(i, a / xs.get(i));
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        r.put(i, xs.get(i) / a);
                    }
                }
            }
        }
    }

    private static void loop(DoubleBuffer xs, DoubleBuffer ys, DoubleBuffer r, double a, int n) {
        for (int i = 0; i < n; i++) {
            r.put(i, a * xs.get(i) + ys.get(i));
        }
    }
}
