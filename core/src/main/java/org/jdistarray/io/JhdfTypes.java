package org.jdistarray.io;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.object.datatype.BitField;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.EnumDataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;

import org.jdistarray.protocol.DType;

/** HDF5 element types as jHDF sees them, and Java arrays (jHDF's data) to and from native bytes. Not collective. */
final class JhdfTypes {
    /** Attribute with NumPy's dtype name, written on every dataset we write (bool is stored as 8-bit unsigned). */
    static final String DTYPE_ATTR = "jdistarray_dtype";
    static final String DIST_ATTR = "jdistarray_dist";
    static final String GRID_ATTR = "jdistarray_grid";
    static final String RANKS_ATTR = "jdistarray_ranks";

    private JhdfTypes() {
    }

    /** The DType of a dataset's elements, or null if none fits. */
    static DType dtypeOf(Dataset d) {
        DataType t = d.getDataType();
        if (t instanceof FloatingPoint f) {
            return f.getSize() == 8 ? DType.FLOAT64 : f.getSize() == 4 ? DType.FLOAT32 : null;
        }
        if (t instanceof FixedPoint f) {
            DType base = fixed(f.getSize(), f.isSigned());
            if (base == DType.UINT8 && "bool".equals(stringAttr(d, DTYPE_ATTR))) {
                return DType.BOOL;
            }
            return base;
        }
        if (t instanceof BitField b) {
            if (b.getSize() == 1 && "bool".equals(stringAttr(d, DTYPE_ATTR))) {
                return DType.BOOL;
            }
            return fixed(b.getSize(), false);
        }
        if (t instanceof EnumDataType e && e.getBaseType() instanceof FixedPoint f && f.getSize() == 1) {
            Map<Integer, String> m = e.getEnumMapping();
            if (m.size() == 2 && "FALSE".equals(m.get(0)) && "TRUE".equals(m.get(1))) {
                return DType.BOOL; // h5py's bool
            }
        }
        return null;
    }

    private static DType fixed(int size, boolean signed) {
        return switch (size) {
            case 1 -> signed ? DType.INT8 : DType.UINT8;
            case 2 -> signed ? DType.INT16 : DType.UINT16;
            case 4 -> signed ? DType.INT32 : DType.UINT32;
            case 8 -> signed ? DType.INT64 : DType.UINT64;
            default -> null;
        };
    }

    /** NumPy-like name of a dataset's type, also for types we cannot hold. */
    static String describe(Dataset d) {
        DType t = dtypeOf(d);
        if (t != null) {
            return t.numpyName();
        }
        DataType dt = d.getDataType();
        String cls = dt.getClass().getSimpleName();
        return switch (cls) {
            case "FloatingPoint" -> "float" + dt.getSize() * 8;
            case "FixedPoint" -> "int" + dt.getSize() * 8;
            case "StringData", "VariableLength" -> "string";
            case "CompoundDataType" -> "compound";
            case "EnumDataType" -> "enum";
            case "ArrayDataType" -> "array";
            case "Reference" -> "reference";
            default -> cls.toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Whether the stored bytes are big-endian (single-byte types: no). */
    static boolean bigEndian(Dataset d) {
        DataType t = d.getDataType();
        if (t instanceof EnumDataType e) {
            t = e.getBaseType();
        }
        ByteOrder o = null;
        if (t instanceof FixedPoint f) {
            o = f.getByteOrder();
        } else if (t instanceof FloatingPoint f) {
            o = f.getByteOrder();
        } else if (t instanceof BitField b) {
            o = b.getByteOrder();
        }
        return t.getSize() > 1 && o == ByteOrder.BIG_ENDIAN;
    }

    static String stringAttr(io.jhdf.api.Node n, String name) {
        Attribute a = n.getAttributes().get(name);
        if (a == null) {
            return null;
        }
        Object v = a.getData();
        return v instanceof String s ? s : null;
    }

    /** A flat Java array (jHDF's {@code getDataFlat}) as native-order bytes of {@code dtype}. */
    static ByteBuffer flatToBytes(Object flat, DType dtype) {
        int n = Array.getLength(flat);
        int item = dtype.itemSize();
        ByteBuffer b = ByteBuffer.allocate(n * item).order(ByteOrder.nativeOrder());
        Class<?> c = flat.getClass().getComponentType();
        if (c.isPrimitive() && c != boolean.class && elementBytes(flat) == item) {
            if (flat instanceof double[] a) {
                b.asDoubleBuffer().put(a);
            } else if (flat instanceof float[] a) {
                b.asFloatBuffer().put(a);
            } else if (flat instanceof long[] a) {
                b.asLongBuffer().put(a);
            } else if (flat instanceof int[] a) {
                b.asIntBuffer().put(a);
            } else if (flat instanceof short[] a) {
                b.asShortBuffer().put(a);
            } else {
                b.put(0, (byte[]) flat);
            }
            return b;
        }
        for (int i = 0; i < n; i++) { // booleans, unsigned types widened by jHDF (uint64 as BigInteger)
            Object v = Array.get(flat, i);
            long x;
            if (v instanceof Boolean z) {
                x = z ? 1 : 0;
            } else if (v instanceof String e && dtype == DType.BOOL && (e.equals("TRUE") || e.equals("FALSE"))) {
                x = e.equals("TRUE") ? 1 : 0; // h5py's bool enum, as jHDF names its values
            } else if (v instanceof java.math.BigInteger big) {
                x = big.longValue();
            } else if (v instanceof Number num) {
                if (dtype == DType.FLOAT64) {
                    b.putDouble(i * item, num.doubleValue());
                    continue;
                }
                if (dtype == DType.FLOAT32) {
                    b.putFloat(i * item, num.floatValue());
                    continue;
                }
                x = num.longValue();
            } else {
                throw new ArrayFileException("jHDF returned " + c.getSimpleName() + " data for dtype "
                        + dtype.numpyName());
            }
            putInt(b, i * item, item, x);
        }
        return b;
    }

    private static int elementBytes(Object flat) {
        Class<?> c = flat.getClass().getComponentType();
        if (c == double.class || c == long.class) {
            return 8;
        }
        if (c == float.class || c == int.class) {
            return 4;
        }
        return c == short.class ? 2 : 1;
    }

    private static void putInt(ByteBuffer b, int at, int size, long x) {
        switch (size) {
            case 1 -> b.put(at, (byte) x);
            case 2 -> b.putShort(at, (short) x);
            case 4 -> b.putInt(at, (int) x);
            default -> b.putLong(at, x);
        }
    }

    /**
     * A nested Java array of {@code shape} (a boxed scalar for 0-d) holding the C-order native bytes {@code data},
     * as jHDF's writer takes it: the signed Java type of the same width (unsigned types are written with
     * {@code unsigned()}), bool as {@code boolean[]}.
     */
    static Object nested(ByteBuffer data, DType dtype, long[] shape) {
        ByteBuffer b = data.duplicate().order(ByteOrder.nativeOrder());
        b.position(0);
        if (shape.length == 0) {
            return switch (dtype) {
                case FLOAT64 -> b.getDouble(0);
                case FLOAT32 -> b.getFloat(0);
                case INT64, UINT64 -> b.getLong(0);
                case INT32, UINT32 -> b.getInt(0);
                case INT16, UINT16 -> b.getShort(0);
                case BOOL -> b.get(0) != 0;
                default -> b.get(0);
            };
        }
        int[] dims = new int[shape.length];
        for (int i = 0; i < dims.length; i++) {
            if (shape[i] > Integer.MAX_VALUE - 8) {
                throw new ArrayFileException("jHDF engine: axis " + i + " of length " + shape[i]
                        + " exceeds a Java array's length");
            }
            dims[i] = (int) shape[i];
        }
        Class<?> elem = switch (dtype) {
            case FLOAT64 -> double.class;
            case FLOAT32 -> float.class;
            case INT64, UINT64 -> long.class;
            case INT32, UINT32 -> int.class;
            case INT16, UINT16 -> short.class;
            case BOOL -> boolean.class;
            default -> byte.class;
        };
        Object root = Array.newInstance(elem, dims);
        int row = dims[dims.length - 1];
        long[] at = {0};
        fill(root, 0, dims.length, b, dtype, row, at);
        return root;
    }

    private static void fill(Object arr, int depth, int ndim, ByteBuffer b, DType dtype, int row, long[] at) {
        if (depth == ndim - 1) {
            int item = dtype.itemSize();
            ByteBuffer s = b.slice((int) (at[0] * item), row * item).order(ByteOrder.nativeOrder());
            switch (dtype) {
                case FLOAT64 -> s.asDoubleBuffer().get((double[]) arr);
                case FLOAT32 -> s.asFloatBuffer().get((float[]) arr);
                case INT64, UINT64 -> s.asLongBuffer().get((long[]) arr);
                case INT32, UINT32 -> s.asIntBuffer().get((int[]) arr);
                case INT16, UINT16 -> s.asShortBuffer().get((short[]) arr);
                case BOOL -> {
                    boolean[] z = (boolean[]) arr;
                    for (int i = 0; i < row; i++) {
                        z[i] = s.get(i) != 0;
                    }
                }
                default -> s.get((byte[]) arr);
            }
            at[0] += row;
            return;
        }
        Object[] sub = (Object[]) arr;
        for (Object o : sub) {
            fill(o, depth + 1, ndim, b, dtype, row, at);
        }
    }
}
