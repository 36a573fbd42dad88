package org.jdistarray.ops;

/**
 * The float loops of every ufunc over {@code double[]} tiles: one dispatch per tile, then a tight {@code int}-indexed
 * loop (no per-element call through an interface, no boxing). float32 loops run these and round each result to
 * float ({@link #roundToFloat}). Special values follow C99 / NumPy's npymath where Java's {@code Math} differs.
 */
final class DoubleKernels {
    private static final double LN2 = 0.6931471805599453;

    private DoubleKernels() {
    }

    static void roundToFloat(double[] r, int n) {
        for (int i = 0; i < n; i++) {
            r[i] = (float) r[i];
        }
    }

    static void unary(UnaryOp op, double[] x, double[] r, int n) {
        switch (op) {
            case ABSOLUTE -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.abs(x[i]);
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
            case RECIPROCAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = 1.0 / x[i];
                }
            }
            case SQRT -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.sqrt(x[i]);
                }
            }
            case SIGN -> {
                for (int i = 0; i < n; i++) {
                    double v = x[i];
                    r[i] = v > 0 ? 1.0 : v < 0 ? -1.0 : v == 0 ? 0.0 : v;
                }
            }
            case RINT -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.rint(x[i]);
                }
            }
            case FLOOR -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.floor(x[i]);
                }
            }
            case CEIL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.ceil(x[i]);
                }
            }
            case TRUNC -> {
                for (int i = 0; i < n; i++) {
                    double v = x[i];
                    r[i] = v < 0 ? Math.ceil(v) : Math.floor(v);
                }
            }
            case DEG2RAD -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x[i] * (Math.PI / 180.0);
                }
            }
            case RAD2DEG -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x[i] * (180.0 / Math.PI);
                }
            }
            default -> transcendental(op, x, r, n);
        }
    }

    private static void transcendental(UnaryOp op, double[] x, double[] r, int n) {
        switch (op) {
            case EXP -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.exp(x[i]);
                }
            }
            case EXP2 -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.pow(2.0, x[i]);
                }
            }
            case EXPM1 -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.expm1(x[i]);
                }
            }
            case LOG -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.log(x[i]);
                }
            }
            case LOG2 -> {
                for (int i = 0; i < n; i++) {
                    r[i] = log2(x[i]);
                }
            }
            case LOG10 -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.log10(x[i]);
                }
            }
            case LOG1P -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.log1p(x[i]);
                }
            }
            case CBRT -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.cbrt(x[i]);
                }
            }
            default -> trigonometric(op, x, r, n);
        }
    }

    private static void trigonometric(UnaryOp op, double[] x, double[] r, int n) {
        switch (op) {
            case SIN -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.sin(x[i]);
                }
            }
            case COS -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.cos(x[i]);
                }
            }
            case TAN -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.tan(x[i]);
                }
            }
            case ARCSIN -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.asin(x[i]);
                }
            }
            case ARCCOS -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.acos(x[i]);
                }
            }
            case ARCTAN -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.atan(x[i]);
                }
            }
            case SINH -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.sinh(x[i]);
                }
            }
            case COSH -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.cosh(x[i]);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.tanh(x[i]);
                }
            }
            case ARCSINH -> {
                for (int i = 0; i < n; i++) {
                    r[i] = asinh(x[i]);
                }
            }
            case ARCCOSH -> {
                for (int i = 0; i < n; i++) {
                    r[i] = acosh(x[i]);
                }
            }
            case ARCTANH -> {
                for (int i = 0; i < n; i++) {
                    r[i] = atanh(x[i]);
                }
            }
            default -> throw new IllegalStateException("no float loop for " + op);
        }
    }

    /** Exact for powers of two, as C's log2. */
    static double log2(double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            return Math.log(v);
        }
        int e = Math.getExponent(v);
        if (e < Double.MIN_EXPONENT) {
            return Math.log(v) / LN2;
        }
        double m = v / Math.scalb(1.0, e);
        return m == 1.0 ? e : e + Math.log(m) / LN2;
    }

    /** fdlibm's asinh. */
    static double asinh(double x) {
        double a = Math.abs(x);
        if (Double.isNaN(x) || Double.isInfinite(x) || a < 0x1p-28) {
            return x;
        }
        double w;
        if (a > 0x1p28) {
            w = Math.log(a) + LN2;
        } else if (a > 2.0) {
            w = Math.log(2.0 * a + 1.0 / (Math.sqrt(x * x + 1.0) + a));
        } else {
            double t = x * x;
            w = Math.log1p(a + t / (1.0 + Math.sqrt(1.0 + t)));
        }
        return Math.copySign(w, x);
    }

    /** fdlibm's acosh. */
    static double acosh(double x) {
        if (x < 1.0 || Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x >= 0x1p28) {
            return Double.isInfinite(x) ? x : Math.log(x) + LN2;
        }
        if (x == 1.0) {
            return 0.0;
        }
        if (x > 2.0) {
            return Math.log(2.0 * x - 1.0 / (x + Math.sqrt(x * x - 1.0)));
        }
        double t = x - 1.0;
        return Math.log1p(t + Math.sqrt(2.0 * t + t * t));
    }

    /** fdlibm's atanh. */
    static double atanh(double x) {
        double a = Math.abs(x);
        if (a > 1.0 || Double.isNaN(x)) {
            return Double.NaN;
        }
        if (a == 1.0) {
            return x / 0.0;
        }
        if (a < 0x1p-28) {
            return x;
        }
        double t;
        if (a < 0.5) {
            t = a + a;
            t = 0.5 * Math.log1p(t + t * a / (1.0 - a));
        } else {
            t = 0.5 * Math.log1p((a + a) / (1.0 - a));
        }
        return Math.copySign(t, x);
    }

    static void binary(BinaryOp op, double[] a, double[] b, double[] r, int n) {
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
            case DIVIDE, TRUE_DIVIDE -> {
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] / b[i];
                }
            }
            case FLOOR_DIVIDE -> {
                for (int i = 0; i < n; i++) {
                    r[i] = floorDivide(a[i], b[i]);
                }
            }
            case REMAINDER, MOD -> {
                for (int i = 0; i < n; i++) {
                    r[i] = remainder(a[i], b[i]);
                }
            }
            case FMOD -> {
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] % b[i];
                }
            }
            case POWER -> {
                for (int i = 0; i < n; i++) {
                    r[i] = pow(a[i], b[i]);
                }
            }
            default -> binaryMore(op, a, b, r, n);
        }
    }

    private static void binaryMore(BinaryOp op, double[] a, double[] b, double[] r, int n) {
        switch (op) {
            case MAXIMUM -> {
                for (int i = 0; i < n; i++) {
                    double x = a[i];
                    double y = b[i];
                    r[i] = x > y || x != x ? x : y;
                }
            }
            case MINIMUM -> {
                for (int i = 0; i < n; i++) {
                    double x = a[i];
                    double y = b[i];
                    r[i] = x < y || x != x ? x : y;
                }
            }
            case FMAX -> {
                for (int i = 0; i < n; i++) {
                    double x = a[i];
                    double y = b[i];
                    r[i] = x > y || y != y ? x : y;
                }
            }
            case FMIN -> {
                for (int i = 0; i < n; i++) {
                    double x = a[i];
                    double y = b[i];
                    r[i] = x < y || y != y ? x : y;
                }
            }
            case ARCTAN2 -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.atan2(a[i], b[i]);
                }
            }
            case HYPOT -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.hypot(a[i], b[i]);
                }
            }
            case COPYSIGN -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.copySign(a[i], b[i]);
                }
            }
            default -> throw new IllegalStateException("no float loop for " + op);
        }
    }

    /** npymath's {@code npy_floor_divide}. */
    static double floorDivide(double a, double b) {
        if (b == 0) {
            return a / b;
        }
        return divmod(a, b, true);
    }

    /** npymath's {@code npy_remainder}. */
    static double remainder(double a, double b) {
        if (b == 0) {
            return a % b;
        }
        return divmod(a, b, false);
    }

    /** npymath's {@code npy_divmod}: the floored quotient (or, with {@code !quotient}, the modulus). */
    private static double divmod(double a, double b, boolean quotient) {
        double mod = a % b;
        double div = (a - mod) / b;
        if (mod != 0) {
            if ((b < 0) != (mod < 0)) {
                mod += b;
                div -= 1.0;
            }
        } else {
            mod = Math.copySign(0.0, b);
        }
        if (!quotient) {
            return mod;
        }
        double floordiv;
        if (div != 0) {
            floordiv = Math.floor(div);
            if (div - floordiv > 0.5) {
                floordiv += 1.0;
            }
        } else {
            floordiv = Math.copySign(0.0, a / b);
        }
        return floordiv;
    }

    /** C99's pow: {@code pow(1, y) == 1} and {@code pow(-1, ±inf) == 1} (Java's {@code Math.pow} gives NaN). */
    static double pow(double x, double y) {
        if (x == 1.0 || x == -1.0 && Double.isInfinite(y)) {
            return 1.0;
        }
        return Math.pow(x, y);
    }

    /** Comparisons and logical operations into bool lanes (0/1). */
    static void predicate(BinaryOp op, double[] a, double[] b, long[] r, int n) {
        switch (op) {
            case LESS -> {
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] < b[i] ? 1 : 0;
                }
            }
            case LESS_EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] <= b[i] ? 1 : 0;
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
                    r[i] = a[i] > b[i] ? 1 : 0;
                }
            }
            case GREATER_EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] >= b[i] ? 1 : 0;
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
            default -> throw new IllegalStateException("no float predicate for " + op);
        }
    }

    /** isnan, isinf, isfinite, signbit, logical_not into bool lanes. */
    static void predicate(UnaryOp op, double[] x, long[] r, int n) {
        switch (op) {
            case ISNAN -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x[i] != x[i] ? 1 : 0;
                }
            }
            case ISINF -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Double.isInfinite(x[i]) ? 1 : 0;
                }
            }
            case ISFINITE -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Double.isFinite(x[i]) ? 1 : 0;
                }
            }
            case SIGNBIT -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Double.doubleToRawLongBits(x[i]) >>> 63;
                }
            }
            case LOGICAL_NOT -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x[i] == 0 ? 1 : 0;
                }
            }
            default -> throw new IllegalStateException("no float predicate for " + op);
        }
    }
}
