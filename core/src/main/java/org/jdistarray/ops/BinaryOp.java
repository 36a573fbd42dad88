package org.jdistarray.ops;

import java.util.List;

import org.jdistarray.protocol.DType;

/**
 * The binary ufuncs, with NumPy's names and loops ({@code np.add.types} restricted to our dtypes, in NumPy's order;
 * every loop is {@code tt -> t} or {@code tt -> bool}). Every DistArray 0.5 binary ufunc and the extras of the issue.
 * {@link #DIVIDE} and {@link #TRUE_DIVIDE} always divide in floating point (integer operands use the float64 loop,
 * NumPy's true-division resolver); {@link #MOD} is {@link #REMAINDER}.
 */
public enum BinaryOp {
    ADD("add", Loops.ALL_BOOL, false),
    ARCTAN2("arctan2", Loops.FLOATS, false),
    BITWISE_AND("bitwise_and", Loops.INTEGERS_BOOL, false),
    BITWISE_OR("bitwise_or", Loops.INTEGERS_BOOL, false),
    BITWISE_XOR("bitwise_xor", Loops.INTEGERS_BOOL, false),
    DIVIDE("divide", Loops.FLOATS, false),
    FLOOR_DIVIDE("floor_divide", Loops.NUMBERS, false),
    FMOD("fmod", Loops.NUMBERS, false),
    HYPOT("hypot", Loops.FLOATS, false),
    LEFT_SHIFT("left_shift", Loops.INTEGERS, false),
    MOD("remainder", Loops.NUMBERS, false),
    MULTIPLY("multiply", Loops.ALL_BOOL, false),
    POWER("power", Loops.NUMBERS, false),
    REMAINDER("remainder", Loops.NUMBERS, false),
    RIGHT_SHIFT("right_shift", Loops.INTEGERS, false),
    SUBTRACT("subtract", Loops.NUMBERS, false),
    TRUE_DIVIDE("true_divide", Loops.FLOATS, false),
    LESS("less", Loops.ALL_BOOL, true),
    LESS_EQUAL("less_equal", Loops.ALL_BOOL, true),
    EQUAL("equal", Loops.ALL_BOOL, true),
    NOT_EQUAL("not_equal", Loops.ALL_BOOL, true),
    GREATER("greater", Loops.ALL_BOOL, true),
    GREATER_EQUAL("greater_equal", Loops.ALL_BOOL, true),
    MAXIMUM("maximum", Loops.ALL_BOOL, false),
    MINIMUM("minimum", Loops.ALL_BOOL, false),
    FMAX("fmax", Loops.ALL_BOOL, false),
    FMIN("fmin", Loops.ALL_BOOL, false),
    COPYSIGN("copysign", Loops.FLOATS, false),
    LOGICAL_AND("logical_and", Loops.ALL_BOOL, true),
    LOGICAL_OR("logical_or", Loops.ALL_BOOL, true),
    LOGICAL_XOR("logical_xor", Loops.ALL_BOOL, true);

    private final String numpyName;
    private final List<DType> loops;
    private final boolean toBool;

    BinaryOp(String numpyName, String loops, boolean toBool) {
        this.numpyName = numpyName;
        this.loops = Loops.parse(loops);
        this.toBool = toBool;
    }

    /** <b>Not collective.</b> NumPy's name ({@code "add"}; {@code "remainder"} for {@link #MOD}). */
    public String numpyName() {
        return numpyName;
    }

    /** <b>Not collective.</b> The loops' input dtype in search order (both inputs of a loop have it). */
    public List<DType> loops() {
        return loops;
    }

    /** <b>Not collective.</b> Whether the result is bool (comparisons, logical operations). */
    public boolean returnsBool() {
        return toBool;
    }

    /**
     * <b>Not collective.</b> Whether NumPy resolves the loop from {@code result_type} of the operands (its "simple
     * uniform" and comparison resolvers: add, subtract, multiply, maximum, minimum, fmax, fmin, bitwise, comparisons,
     * logical) rather than by the first loop every operand casts to; they differ for Python scalars
     * ({@code uint8 array + 300} is uint16, not int16).
     */
    public boolean isUniform() {
        return switch (this) {
            case ADD, SUBTRACT, MULTIPLY, MAXIMUM, MINIMUM, FMAX, FMIN, BITWISE_AND, BITWISE_OR, BITWISE_XOR, LESS,
                    LESS_EQUAL, EQUAL, NOT_EQUAL, GREATER, GREATER_EQUAL, LOGICAL_AND, LOGICAL_OR, LOGICAL_XOR -> true;
            default -> false;
        };
    }

    /** <b>Not collective.</b> Whether integer and bool operands divide in float64 ({@link #DIVIDE}, {@link #TRUE_DIVIDE}). */
    public boolean isTrueDivision() {
        return this == DIVIDE || this == TRUE_DIVIDE;
    }
}
