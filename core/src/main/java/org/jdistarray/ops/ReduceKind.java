package org.jdistarray.ops;

import org.jdistarray.protocol.DType;

/** The reductions, with NumPy's names, result dtypes and empty-array errors. */
enum ReduceKind {
    SUM("sum", Family.ACCUMULATE), PROD("prod", Family.ACCUMULATE), NANSUM("nansum", Family.ACCUMULATE),
    MEAN("mean", Family.ACCUMULATE), NANMEAN("nanmean", Family.ACCUMULATE),
    VAR("var", Family.MOMENTS), STD("std", Family.MOMENTS),
    MIN("min", Family.EXTREME), MAX("max", Family.EXTREME), NANMIN("nanmin", Family.EXTREME),
    NANMAX("nanmax", Family.EXTREME), PTP("ptp", Family.EXTREME),
    ARGMIN("argmin", Family.ARG), ARGMAX("argmax", Family.ARG),
    ANY("any", Family.COUNT), ALL("all", Family.COUNT), COUNT_NONZERO("count_nonzero", Family.COUNT);

    /** How the per-cell state looks. */
    enum Family { ACCUMULATE, MOMENTS, EXTREME, ARG, COUNT }

    final String numpyName;
    final Family family;

    ReduceKind(String numpyName, Family family) {
        this.numpyName = numpyName;
        this.family = family;
    }

    boolean skipsNan() {
        return this == NANSUM || this == NANMEAN || this == NANMIN || this == NANMAX;
    }

    boolean takesDtype() {
        return family == Family.ACCUMULATE || family == Family.MOMENTS;
    }

    boolean isAverage() {
        return this == MEAN || this == NANMEAN || family == Family.MOMENTS;
    }

    /** NumPy 1.24's result dtype for input {@code t} (the {@code dtype} keyword, if given, wins). */
    DType resultType(DType t, DType requested) {
        if (requested != null && takesDtype()) {
            return requested;
        }
        return switch (family) {
            case ACCUMULATE, MOMENTS -> isAverage()
                    ? (t == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64)
                    : switch (t) {
                        case BOOL, INT8, INT16, INT32, INT64 -> DType.INT64;
                        case UINT8, UINT16, UINT32, UINT64 -> DType.UINT64;
                        default -> t;
                    };
            case EXTREME -> t;
            case ARG -> DType.INT64;
            case COUNT -> this == COUNT_NONZERO ? DType.INT64 : DType.BOOL;
        };
    }

    /** NumPy's error for a reduction with no identity over zero elements, or null when the empty result is defined. */
    String emptyError() {
        return switch (this) {
            case MIN -> "zero-size array to reduction operation minimum which has no identity";
            case MAX, PTP -> "zero-size array to reduction operation maximum which has no identity";
            case NANMIN -> "zero-size array to reduction operation fmin which has no identity";
            case NANMAX -> "zero-size array to reduction operation fmax which has no identity";
            case ARGMIN -> "attempt to get argmin of an empty sequence";
            case ARGMAX -> "attempt to get argmax of an empty sequence";
            default -> null;
        };
    }

    static boolean isFloat(DType t) {
        return t == DType.FLOAT64 || t == DType.FLOAT32;
    }
}
