package org.jdistarray.ops;

import java.util.List;

import org.jdistarray.protocol.DType;

/**
 * The unary ufuncs, with NumPy's names and loops ({@code np.sqrt.types} restricted to our dtypes, in NumPy's order;
 * the first loop the input casts to safely is used). Every DistArray 0.5 unary ufunc and the extras of the issue.
 */
public enum UnaryOp {
    ABSOLUTE("absolute", Loops.ALL_BOOL, false),
    ARCCOS("arccos", Loops.FLOATS, false),
    ARCCOSH("arccosh", Loops.FLOATS, false),
    ARCSIN("arcsin", Loops.FLOATS, false),
    ARCSINH("arcsinh", Loops.FLOATS, false),
    ARCTAN("arctan", Loops.FLOATS, false),
    ARCTANH("arctanh", Loops.FLOATS, false),
    CONJUGATE("conjugate", Loops.NUMBERS, false),
    COS("cos", Loops.FLOATS, false),
    COSH("cosh", Loops.FLOATS, false),
    EXP("exp", Loops.FLOATS, false),
    EXPM1("expm1", Loops.FLOATS, false),
    INVERT("invert", Loops.INTEGERS_BOOL, false),
    LOG("log", Loops.FLOATS, false),
    LOG10("log10", Loops.FLOATS, false),
    LOG1P("log1p", Loops.FLOATS, false),
    NEGATIVE("negative", Loops.NUMBERS, false),
    POSITIVE("positive", Loops.NUMBERS, false),
    RECIPROCAL("reciprocal", Loops.NUMBERS, false),
    RINT("rint", Loops.FLOATS, false),
    SIGN("sign", Loops.NUMBERS, false),
    SIN("sin", Loops.FLOATS, false),
    SINH("sinh", Loops.FLOATS, false),
    SQRT("sqrt", Loops.FLOATS, false),
    SQUARE("square", Loops.NUMBERS, false),
    TAN("tan", Loops.FLOATS, false),
    TANH("tanh", Loops.FLOATS, false),
    ISNAN("isnan", Loops.ALL_BOOL, true),
    ISINF("isinf", Loops.ALL_BOOL, true),
    ISFINITE("isfinite", Loops.ALL_BOOL, true),
    SIGNBIT("signbit", Loops.FLOATS, true),
    LOGICAL_NOT("logical_not", Loops.ALL_BOOL, true),
    FLOOR("floor", Loops.FLOATS, false),
    CEIL("ceil", Loops.FLOATS, false),
    TRUNC("trunc", Loops.FLOATS, false),
    EXP2("exp2", Loops.FLOATS, false),
    LOG2("log2", Loops.FLOATS, false),
    CBRT("cbrt", Loops.FLOATS, false),
    DEG2RAD("deg2rad", Loops.FLOATS, false),
    RAD2DEG("rad2deg", Loops.FLOATS, false);

    private final String numpyName;
    private final List<DType> loops;
    private final boolean toBool;

    UnaryOp(String numpyName, String loops, boolean toBool) {
        this.numpyName = numpyName;
        this.loops = Loops.parse(loops);
        this.toBool = toBool;
    }

    /** <b>Not collective.</b> NumPy's name ({@code "sqrt"}). */
    public String numpyName() {
        return numpyName;
    }

    /** <b>Not collective.</b> The loops' input dtypes in search order (each loop is {@code t -> t}, or {@code t -> bool}). */
    public List<DType> loops() {
        return loops;
    }

    /** <b>Not collective.</b> Whether the result is bool whatever the input ({@code isnan}, {@code signbit}, ...). */
    public boolean returnsBool() {
        return toBool;
    }

    /** <b>Not collective.</b> The constant for NumPy's name, or an {@link IllegalArgumentException}. */
    public static UnaryOp of(String numpyName) {
        for (UnaryOp op : values()) {
            if (op.numpyName.equals(numpyName)) {
                return op;
            }
        }
        throw new IllegalArgumentException("no unary ufunc named '" + numpyName + "'");
    }
}
