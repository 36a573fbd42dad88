package org.jdistarray.ops;

import static org.jdistarray.protocol.DType.BOOL;
import static org.jdistarray.protocol.DType.FLOAT32;
import static org.jdistarray.protocol.DType.FLOAT64;
import static org.jdistarray.protocol.DType.INT16;
import static org.jdistarray.protocol.DType.INT32;
import static org.jdistarray.protocol.DType.INT64;
import static org.jdistarray.protocol.DType.INT8;
import static org.jdistarray.protocol.DType.UINT16;
import static org.jdistarray.protocol.DType.UINT32;
import static org.jdistarray.protocol.DType.UINT64;
import static org.jdistarray.protocol.DType.UINT8;

import java.util.List;

import org.jdistarray.protocol.DType;

/**
 * NumPy 1.x type rules for JDistArray's dtypes (as Debian 12's numpy 1.24 applies them): {@code can_cast},
 * {@code promote_types}, and the value-based rule for Python scalars in {@code result_type} and in the ufunc loop
 * search. A Java {@code double} operand is a Python {@code float}, a {@code long} (or {@code int}) a Python
 * {@code int}, a {@code boolean} a Python {@code bool}. There is no float16: where NumPy would pick a float16 loop
 * (integer inputs of at most 16 bits to {@code sqrt}, say), the float32 loop is the first match here.
 */
public final class Promotion {
    /** The order {@link #promoteTypes} searches: the smallest type both cast to safely. */
    private static final List<DType> ORDER = List.of(BOOL, UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64,
            FLOAT32, FLOAT64);

    private Promotion() {
    }

    /** <b>Not collective.</b> 0 for bool, 1 for integers, 2 for floats (NumPy's kind categories). */
    static int category(DType t) {
        return t == BOOL ? 0 : isFloat(t) ? 2 : 1;
    }

    static boolean isFloat(DType t) {
        return t == FLOAT32 || t == FLOAT64;
    }

    static boolean isSigned(DType t) {
        return t == INT8 || t == INT16 || t == INT32 || t == INT64;
    }

    static int bits(DType t) {
        return t.itemSize() * 8;
    }

    /** <b>Not collective.</b> NumPy's {@code np.can_cast(from, to, casting)} for dtypes. */
    public static boolean canCast(DType from, DType to, Casting casting) {
        return switch (casting) {
            case NO, EQUIV -> from == to;
            case SAFE -> safe(from, to);
            case SAME_KIND -> safe(from, to) || kindOrder(from) <= kindOrder(to);
            case UNSAFE -> true;
        };
    }

    /** b < u < i < f, NumPy's same_kind order. */
    private static int kindOrder(DType t) {
        return t == BOOL ? 0 : isFloat(t) ? 3 : isSigned(t) ? 2 : 1;
    }

    private static boolean safe(DType f, DType t) {
        if (f == t || f == BOOL) {
            return true;
        }
        if (t == BOOL) {
            return false;
        }
        if (isFloat(f)) {
            return t == FLOAT64;
        }
        if (t == FLOAT64) {
            return true;
        }
        if (t == FLOAT32) {
            return bits(f) <= 16;
        }
        boolean fs = isSigned(f);
        boolean ts = isSigned(t);
        if (fs == ts) {
            return bits(t) >= bits(f);
        }
        return !fs && bits(t) > bits(f);
    }

    /** <b>Not collective.</b> NumPy's {@code np.promote_types(a, b)}: the smallest dtype both cast to safely. */
    public static DType promoteTypes(DType a, DType b) {
        for (DType t : ORDER) {
            if (safe(a, t) && safe(b, t)) {
                return t;
            }
        }
        throw new AssertionError("float64 holds every dtype");
    }

    /**
     * <b>Not collective.</b> NumPy 1.24's {@code np.result_type(...)} of arrays and Python scalars: each operand is
     * a {@link DType} (an array), a {@code Double}, {@code Long}/{@code Integer} or {@code Boolean} (a Python
     * scalar). Scalars count by value when no scalar is of a higher kind than every array ({@code uint8 array + 3 ->
     * uint8}, {@code uint8 array + -1 -> int16}, {@code int32 array + 1.5 -> float64}).
     *
     * @throws IllegalArgumentException for another operand class or no operands
     */
    public static DType resultType(Object... operands) {
        Operand[] ops = new Operand[operands.length];
        for (int i = 0; i < ops.length; i++) {
            ops[i] = Operand.of(operands[i]);
        }
        return resultType(ops);
    }

    static DType resultType(Operand... ops) {
        if (ops.length == 0) {
            throw new IllegalArgumentException("at least one array or dtype is required to determine a result type");
        }
        boolean useMin = useMinScalar(ops);
        for (DType t : ORDER) {
            if (allCast(ops, t, useMin, Casting.SAFE)) {
                return t;
            }
        }
        throw new AssertionError("float64 holds every value");
    }

    /** NumPy's {@code should_use_min_scalar}: arrays exist and no scalar has a higher kind than every array. */
    static boolean useMinScalar(Operand[] ops) {
        int arrays = -1;
        int scalars = -1;
        for (Operand o : ops) {
            if (o.isScalar()) {
                scalars = Math.max(scalars, o.scalarKind());
            } else {
                arrays = Math.max(arrays, category(o.dtype()));
            }
        }
        return arrays >= 0 && scalars >= 0 && scalars <= arrays;
    }

    static boolean allCast(Operand[] ops, DType t, boolean useMin, Casting casting) {
        for (Operand o : ops) {
            if (!castsTo(o, t, useMin, casting)) {
                return false;
            }
        }
        return true;
    }

    /** Whether operand {@code o} may be cast to {@code t} under {@code casting} in a loop search. */
    static boolean castsTo(Operand o, DType t, boolean useMin, Casting casting) {
        if (!o.isScalar()) {
            return canCast(o.dtype(), t, casting);
        }
        if (!useMin || casting == Casting.NO || casting == Casting.EQUIV) {
            return canCast(o.defaultType(), t, casting);
        }
        if (casting == Casting.UNSAFE || o.scalarKind() == 0) {
            return true;
        }
        boolean fits = valueFits(o, t);
        return fits || casting == Casting.SAME_KIND && canCast(o.minType(), t, Casting.SAME_KIND);
    }

    /** Whether a Python scalar's value casts safely to {@code t} (NumPy's {@code min_scalar_type} rule). */
    private static boolean valueFits(Operand o, DType t) {
        if (o.scalarKind() == 2) {
            double v = o.doubleValue();
            return t == FLOAT64 || t == FLOAT32 && !(Math.abs(v) > Float.MAX_VALUE && Double.isFinite(v));
        }
        long v = o.longValue();
        return switch (t) {
            case BOOL -> false;
            case FLOAT64 -> true;
            case FLOAT32 -> v >= -32768 && v <= 65535;
            case INT8 -> v == (byte) v;
            case INT16 -> v == (short) v;
            case INT32 -> v == (int) v;
            case INT64 -> true;
            case UINT8 -> v >= 0 && v <= 0xFF;
            case UINT16 -> v >= 0 && v <= 0xFFFF;
            case UINT32 -> v >= 0 && v <= 0xFFFF_FFFFL;
            case UINT64 -> v >= 0;
        };
    }
}
