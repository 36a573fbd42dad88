package org.jdistarray.ops;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.internal.ArrayAccess;
import org.jdistarray.array.internal.Storage;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * The fused fast paths of float64 {@code a*x + y} ({@code multiply} by a scalar, then {@code add} an array,
 * operands in either order) and of {@code x + y}, {@code x - y}, {@code x * y} of two arrays: one loop straight over the operands' and the result's buffers, no tiles and no
 * copies (the tile evaluator makes six passes over each tile for it). Taken only when every array is float64, laid
 * out as the result, in one chunk; the arithmetic is exactly the tile evaluator's (a rounded multiply, then a rounded
 * add: no FMA).
 */
final class FusedAxpy {
    private final DistArray x;
    private final DistArray y;
    private final double alpha;
    /** Null for {@code alpha*x + y}; else the plain {@code x op y} of two arrays. */
    private final BinaryOp op;

    private FusedAxpy(DistArray x, DistArray y, double alpha, BinaryOp op) {
        this.x = x;
        this.y = y;
        this.alpha = alpha;
        this.op = op;
    }

    /** The fused form of {@code e} over {@code dist} into {@code outType}, or null when it does not apply. */
    static FusedAxpy of(Expr e, Distribution dist, DType outType) {
        if (outType == DType.FLOAT64 && e.kind == Expr.Kind.BINARY && e.loop == DType.FLOAT64
                && (e.binaryOp == BinaryOp.ADD || e.binaryOp == BinaryOp.SUBTRACT || e.binaryOp == BinaryOp.MULTIPLY)
                && dense(e.args[0], dist) && dense(e.args[1], dist)) {
            return new FusedAxpy(e.args[0].array, e.args[1].array, 0, e.binaryOp);
        }
        if (outType != DType.FLOAT64 || e.kind != Expr.Kind.BINARY || e.binaryOp != BinaryOp.ADD
                || e.loop != DType.FLOAT64) {
            return null;
        }
        for (int side = 0; side < 2; side++) {
            Expr m = e.args[side];
            Expr other = e.args[1 - side];
            if (m.kind != Expr.Kind.BINARY || m.binaryOp != BinaryOp.MULTIPLY || m.loop != DType.FLOAT64
                    || !dense(other, dist)) {
                continue;
            }
            for (int k = 0; k < 2; k++) {
                Expr v = m.args[k];
                Expr s = m.args[1 - k];
                if (s.kind == Expr.Kind.SCALAR && dense(v, dist)) {
                    Operand o = s.scalar;
                    double a = o.scalarKind() == 2 ? o.doubleValue() : o.longValue();
                    return new FusedAxpy(v.array, other.array, a, null);
                }
            }
        }
        return null;
    }

    static boolean dense(Expr e, Distribution dist) {
        if (e.kind != Expr.Kind.ARRAY || e.array.dtype() != DType.FLOAT64) {
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
        if (n == 0) {
            return;
        }
        ArrayAccess.Bridge b = ArrayAccess.get();
        DoubleBuffer xs = view(b.storage(x));
        DoubleBuffer ys = view(b.storage(y));
        DoubleBuffer r = view(out);
        if (op == null) {
            loop(xs, ys, r, alpha, (int) n);
        } else {
            binary(op, xs, ys, r, (int) n);
        }
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
        return s.chunkOf(0).duplicate().clear().order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    private static void loop(DoubleBuffer xs, DoubleBuffer ys, DoubleBuffer r, double a, int n) {
        for (int i = 0; i < n; i++) {
            r.put(i, a * xs.get(i) + ys.get(i));
        }
    }
}
