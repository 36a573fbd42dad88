package org.jdistarray.ops;

import java.util.ArrayList;
import java.util.List;

import org.jdistarray.protocol.DType;

/** Loop lists in NumPy's type characters, and the loop search (NumPy's default type resolver). */
final class Loops {
    static final String ALL_BOOL = "?bBhHiIlLfd";
    static final String NUMBERS = "bBhHiIlLfd";
    static final String INTEGERS_BOOL = "?bBhHiIlL";
    static final String INTEGERS = "bBhHiIlL";
    static final String FLOATS = "fd";

    private Loops() {
    }

    static List<DType> parse(String chars) {
        List<DType> out = new ArrayList<>();
        for (char c : chars.toCharArray()) {
            out.add(of(c));
        }
        return List.copyOf(out);
    }

    static DType of(char c) {
        return switch (c) {
            case '?' -> DType.BOOL;
            case 'b' -> DType.INT8;
            case 'B' -> DType.UINT8;
            case 'h' -> DType.INT16;
            case 'H' -> DType.UINT16;
            case 'i' -> DType.INT32;
            case 'I' -> DType.UINT32;
            case 'l' -> DType.INT64;
            case 'L' -> DType.UINT64;
            case 'f' -> DType.FLOAT32;
            case 'd' -> DType.FLOAT64;
            default -> throw new IllegalArgumentException("type character " + c);
        };
    }

    static char charOf(DType t) {
        return ALL_BOOL.charAt(parse(ALL_BOOL).indexOf(t));
    }

    /**
     * The input dtype of the first loop every operand casts to (safely, or under {@code casting} if stricter), as
     * NumPy's default type resolver searches; {@code name} for the messages.
     *
     * @throws UfuncTypeException with NumPy's message when no loop matches
     */
    static DType resolve(String name, List<DType> loops, Operand[] ops, Casting casting) {
        Casting search = casting.compareTo(Casting.SAFE) > 0 ? Casting.SAFE : casting;
        boolean useMin = Promotion.useMinScalar(ops);
        for (DType t : loops) {
            if (Promotion.allCast(ops, t, useMin, search)) {
                return t;
            }
        }
        throw new UfuncTypeException("ufunc '" + name + "' not supported for the input types, and the inputs could"
                + " not be safely coerced to any supported types according to the casting rule ''"
                + search.numpyName() + "''");
    }

    /** The loop of a unary op for operand {@code x}. */
    static DType resolve(UnaryOp op, Operand x, Casting casting) {
        if (op == UnaryOp.NEGATIVE && x.dtype() == DType.BOOL && !x.isScalar()) {
            throw new UfuncTypeException("The numpy boolean negative, the `-` operator, is not supported, use the `~`"
                    + " operator or the logical_not function instead.");
        }
        if ((op == UnaryOp.POSITIVE || op == UnaryOp.SIGN) && x.dtype() == DType.BOOL && !x.isScalar()) {
            throw new UfuncTypeException("ufunc '" + op.numpyName() + "' did not contain a loop with signature"
                    + " matching types <class 'numpy.dtype[bool_]'> -> None");
        }
        return resolve(op.numpyName(), op.loops(), new Operand[] {x}, casting);
    }

    /** The loop of a binary op for operands {@code a}, {@code b}. */
    static DType resolve(BinaryOp op, Operand a, Operand b, Casting casting) {
        Operand[] ops = {a, b};
        if (op == BinaryOp.SUBTRACT && Promotion.resultType(ops) == DType.BOOL) {
            throw new UfuncTypeException("numpy boolean subtract, the `-` operator, is not supported, use the"
                    + " bitwise_xor, the `^` operator, or the logical_xor function instead.");
        }
        if (op.isTrueDivision() && Promotion.category(a.dtype()) < 2 && Promotion.category(b.dtype()) < 2) {
            return resolve(op.numpyName(), List.of(DType.FLOAT64), ops, casting);
        }
        if (op.isUniform() && casting.compareTo(Casting.SAFE) >= 0) {
            // NumPy's simple uniform resolver: result_type of the operands, then that type's loop if there is one
            DType t = Promotion.resultType(ops);
            if (op.loops().contains(t)) {
                return t;
            }
        }
        DType loop = resolve(op.numpyName(), op.loops(), ops, casting);
        if (op == BinaryOp.POWER && !Promotion.isFloat(loop) && b.isScalar() && b.scalarKind() == 1
                && b.longValue() < 0) {
            throw new IllegalArgumentException("Integers to negative integer powers are not allowed.");
        }
        return loop;
    }

    /**
     * NumPy's {@code dtype=} keyword: the loop whose output is {@code out} ({@code signature=(None, ..., out)}), the
     * operands cast to it under {@code casting}. Ops returning bool keep their usual loop and accept only
     * {@code dtype=bool}.
     *
     * @throws UfuncTypeException with NumPy's messages: no loop has that output ("No loop matching the specified
     *     signature and casting was found for ufunc add"), or an input does not cast ("Cannot cast ufunc 'add' input 0
     *     from dtype('float64') to dtype('int32') with casting rule 'same_kind'")
     */
    static DType resolveWithOutput(String name, boolean returnsBool, List<DType> loops, Operand[] ops, DType out,
            Casting casting, java.util.function.Supplier<DType> usual) {
        if (returnsBool) {
            if (out != DType.BOOL) {
                throw new UfuncTypeException("No loop matching the specified signature and casting was found for ufunc "
                        + name);
            }
            return usual.get();
        }
        if (out == DType.BOOL && name.equals("subtract")) {
            throw new UfuncTypeException("numpy boolean subtract, the `-` operator, is not supported, use the"
                    + " bitwise_xor, the `^` operator, or the logical_xor function instead.");
        }
        if (out == DType.BOOL && name.equals("negative")) {
            throw new UfuncTypeException("The numpy boolean negative, the `-` operator, is not supported, use the `~`"
                    + " operator or the logical_not function instead.");
        }
        if (!loops.contains(out)) {
            throw new UfuncTypeException("No loop matching the specified signature and casting was found for ufunc "
                    + name);
        }
        for (int k = 0; k < ops.length; k++) {
            Operand o = ops[k];
            if (!Promotion.castsTo(o, out, true, casting)) { // a fixed loop: Python scalars cast by value
                DType from = o.isScalar() ? o.defaultType() : o.dtype();
                throw new UfuncTypeException("Cannot cast ufunc '" + name + "' input " + (ops.length > 1 ? k + " " : "")
                        + "from dtype('"
                        + from.numpyName() + "') to dtype('" + out.numpyName() + "') with casting rule '"
                        + casting.numpyName() + "'");
            }
        }
        return out;
    }
}
