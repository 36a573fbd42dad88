package org.jdistarray.ops;

import org.jdistarray.protocol.DType;

/**
 * What type resolution sees of one operand: an array's dtype, or a Python scalar's kind and value.
 *
 * @param dtype the array's dtype, or the scalar's default type (bool, int64, float64)
 * @param scalarKind -1 for an array, else 0 bool, 1 int, 2 float
 */
record Operand(DType dtype, int scalarKind, long longValue, double doubleValue) {
    static Operand array(DType t) {
        return new Operand(t, -1, 0, 0);
    }

    static Operand of(Object o) {
        if (o instanceof DType t) {
            return array(t);
        }
        if (o instanceof Double || o instanceof Float) {
            double v = ((Number) o).doubleValue();
            return new Operand(DType.FLOAT64, 2, 0, v);
        }
        if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
            long v = ((Number) o).longValue();
            return new Operand(DType.INT64, 1, v, v);
        }
        if (o instanceof Boolean b) {
            return new Operand(DType.BOOL, 0, b ? 1 : 0, b ? 1 : 0);
        }
        throw new IllegalArgumentException("only DistArray or scalars are accepted (got "
                + (o == null ? "null" : o.getClass().getName()) + ")");
    }

    boolean isScalar() {
        return scalarKind >= 0;
    }

    DType defaultType() {
        return dtype;
    }

    /** NumPy's {@code min_scalar_type} of the value (float16 counts as float32 here). */
    DType minType() {
        if (scalarKind == 0) {
            return DType.BOOL;
        }
        if (scalarKind == 2) {
            return Math.abs(doubleValue) > Float.MAX_VALUE && Double.isFinite(doubleValue) ? DType.FLOAT64 : DType.FLOAT32;
        }
        long v = longValue;
        if (v >= 0) {
            return v <= 0xFF ? DType.UINT8 : v <= 0xFFFF ? DType.UINT16 : v <= 0xFFFF_FFFFL ? DType.UINT32 : DType.UINT64;
        }
        return v == (byte) v ? DType.INT8 : v == (short) v ? DType.INT16 : v == (int) v ? DType.INT32 : DType.INT64;
    }
}
