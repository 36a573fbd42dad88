package org.jdistarray.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The optional {@code "data"} array of the JSON form: the local buffer's values in C order, JSON numbers for
 * numeric types (the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} for non-finite floats,
 * which JSON numbers cannot express), {@code true}/{@code false} for booleans. Unsigned types are written as
 * their unsigned values.
 */
final class InlineData {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private InlineData() {
    }

    /** The values of {@code data} (native order, from its position, {@code count} elements) as a JSON array. */
    static ArrayNode toJson(DType dtype, ByteBuffer data, long count) {
        ByteBuffer b = data.slice().order(ByteOrder.nativeOrder());
        JsonNodeFactory f = JsonNodeFactory.instance;
        ArrayNode out = f.arrayNode();
        for (int i = 0; i < count; i++) {
            int at = i * dtype.itemSize();
            switch (dtype) {
                case FLOAT64 -> out.add(floatNode(b.getDouble(at), false));
                case FLOAT32 -> out.add(floatNode(b.getFloat(at), true));
                case INT64 -> out.add(b.getLong(at));
                case INT32 -> out.add(b.getInt(at));
                case INT16 -> out.add(b.getShort(at));
                case INT8 -> out.add(b.get(at));
                case UINT64 -> {
                    long v = b.getLong(at);
                    out.add(v >= 0 ? f.numberNode(v) : f.numberNode(BigInteger.valueOf(v).add(TWO_64)));
                }
                case UINT32 -> out.add(Integer.toUnsignedLong(b.getInt(at)));
                case UINT16 -> out.add(Short.toUnsignedInt(b.getShort(at)));
                case UINT8 -> out.add(Byte.toUnsignedInt(b.get(at)));
                case BOOL -> out.add(b.get(at) != 0);
                default -> throw new IllegalArgumentException("inline data: unsupported dtype " + dtype);
            }
        }
        return out;
    }

    private static JsonNode floatNode(double v, boolean single) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (Double.isNaN(v)) {
            return f.textNode("NaN");
        }
        if (Double.isInfinite(v)) {
            return f.textNode(v > 0 ? "Infinity" : "-Infinity");
        }
        return single ? f.numberNode((float) v) : f.numberNode(v);
    }

    /** Appends a violation if {@code data} is not an array of {@code count} values of kind {@code dtype}. */
    static void check(JsonNode data, DType dtype, long count, List<Violation> out) {
        if (!data.isArray()) {
            out.add(new Violation(-1, DimDictKeys.DATA, "must be an array of values in C order, got "
                    + JsonValues.describe(data)));
            return;
        }
        if (count >= 0 && data.size() != count) {
            out.add(new Violation(-1, DimDictKeys.DATA, "has " + data.size() + " values, but the buffer shape holds "
                    + count));
        }
        if (dtype == null) {
            return;
        }
        int bad = 0;
        String first = null;
        for (int i = 0; i < data.size(); i++) {
            if (!fits(data.get(i), dtype)) {
                if (bad++ == 0) {
                    first = "element " + i + " is " + JsonValues.describe(data.get(i));
                }
            }
        }
        if (bad > 0) {
            out.add(new Violation(-1, DimDictKeys.DATA, "must hold " + kind(dtype) + " values for dtype "
                    + dtype.typeString() + "; " + first + (bad > 1 ? " (" + bad + " bad values in all)" : "")));
        }
    }

    private static String kind(DType dtype) {
        return switch (dtype) {
            case BOOL -> "boolean";
            case FLOAT32, FLOAT64 -> "number";
            default -> dtype.numpyName() + " integer";
        };
    }

    private static boolean fits(JsonNode v, DType dtype) {
        switch (dtype) {
            case BOOL:
                return v.isBoolean();
            case FLOAT64:
            case FLOAT32:
                if (v.isTextual()) {
                    return nonFinite(v.textValue()) != null;
                }
                if (!v.isNumber()) {
                    return false;
                }
                double d = v.doubleValue();
                return !Double.isInfinite(d) && (dtype == DType.FLOAT64 || Float.isFinite((float) d));
            default:
                if (!v.isIntegralNumber()) {
                    return false;
                }
                BigInteger x = v.bigIntegerValue();
                return x.compareTo(min(dtype)) >= 0 && x.compareTo(max(dtype)) <= 0;
        }
    }

    private static Double nonFinite(String s) {
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    private static BigInteger min(DType dtype) {
        return switch (dtype) {
            case INT64 -> BigInteger.valueOf(Long.MIN_VALUE);
            case INT32 -> BigInteger.valueOf(Integer.MIN_VALUE);
            case INT16 -> BigInteger.valueOf(Short.MIN_VALUE);
            case INT8 -> BigInteger.valueOf(Byte.MIN_VALUE);
            default -> BigInteger.ZERO;
        };
    }

    private static BigInteger max(DType dtype) {
        return switch (dtype) {
            case INT64 -> BigInteger.valueOf(Long.MAX_VALUE);
            case INT32 -> BigInteger.valueOf(Integer.MAX_VALUE);
            case INT16 -> BigInteger.valueOf(Short.MAX_VALUE);
            case INT8 -> BigInteger.valueOf(Byte.MAX_VALUE);
            case UINT64 -> TWO_64.subtract(BigInteger.ONE);
            case UINT32 -> BigInteger.valueOf(0xFFFF_FFFFL);
            case UINT16 -> BigInteger.valueOf(0xFFFF);
            case UINT8 -> BigInteger.valueOf(0xFF);
            default -> BigInteger.ZERO;
        };
    }

    /** Writes the (validated) values of {@code data} into {@code into} (native order, absolute from 0). */
    static void fill(JsonNode data, DType dtype, ByteBuffer into) {
        ByteBuffer b = into.duplicate().order(ByteOrder.nativeOrder());
        for (int i = 0; i < data.size(); i++) {
            JsonNode v = data.get(i);
            int at = i * dtype.itemSize();
            switch (dtype) {
                case FLOAT64 -> b.putDouble(at, v.isTextual() ? nonFinite(v.textValue()) : v.doubleValue());
                case FLOAT32 -> b.putFloat(at, (float) (v.isTextual() ? nonFinite(v.textValue()) : v.doubleValue()));
                case INT64, UINT64 -> b.putLong(at, v.bigIntegerValue().longValue());
                case INT32, UINT32 -> b.putInt(at, (int) v.longValue());
                case INT16, UINT16 -> b.putShort(at, (short) v.longValue());
                case INT8, UINT8 -> b.put(at, (byte) v.longValue());
                case BOOL -> b.put(at, (byte) (v.booleanValue() ? 1 : 0));
                default -> throw new IllegalArgumentException("inline data: unsupported dtype " + dtype);
            }
        }
    }
}
