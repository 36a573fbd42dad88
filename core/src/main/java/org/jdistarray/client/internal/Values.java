package org.jdistarray.client.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jdistarray.protocol.DType;

/**
 * The tagged value codec of the wire (no Java serialisation): one tag byte, then the value. Tags: null, boolean, int,
 * long, double, String, boolean[], int[], long[], double[], long[][], String[], {@link DType}, any enum (class name +
 * constant), {@link Path} (as its string), List of values; and the client-side kinds that the two ends translate
 * through a {@link Client} or {@link Engine} hook: a remote object (its id), an array of remote arrays, a recipe,
 * the engine communicator.
 */
public final class Values {
    public static final byte NULL = 0;
    public static final byte BOOL = 1;
    public static final byte INT = 2;
    public static final byte LONG = 3;
    public static final byte DOUBLE = 4;
    public static final byte STRING = 5;
    public static final byte BOOLS = 6;
    public static final byte INTS = 7;
    public static final byte LONGS = 8;
    public static final byte DOUBLES = 9;
    public static final byte LONGS2D = 10;
    public static final byte STRINGS = 11;
    public static final byte DTYPE = 12;
    public static final byte ENUM = 13;
    public static final byte PATH = 14;
    public static final byte LIST = 15;
    public static final byte FLOAT = 16;
    public static final byte DOUBLES2D = 17;
    /** A remote object by id (a RemoteArray or RemoteObject): the engine's object. */
    public static final byte REF = 20;
    /** An array of remote arrays: a DistArray[] on the engines. */
    public static final byte REFS = 21;
    /** A recipe: replayed on the engines. */
    public static final byte RECIPE = 22;
    /** The engine communicator. */
    public static final byte COMM = 23;

    private static final List<String> KINDS = List.of("null", "Boolean", "Integer", "Long", "Double", "Float",
            "String", "Path", "boolean[]", "int[]", "long[]", "double[]", "long[][]", "double[][]", "String[]",
            "DType", "an enum constant", "List", "RemoteArray", "RemoteArray[]", "RemoteObject", "Recipe",
            "Recipe.ENGINE_COMM");

    /** The client side's translation of its own kinds (remote objects, recipes). */
    public interface Client {
        /** Writes {@code v} (tag included) and returns true, or returns false when {@code v} is not a client kind. */
        boolean write(WireBuffer out, Object v);
    }

    /** The engine side's translation of the client kinds. */
    public interface Engine {
        Object ref(long id);

        Object refs(long[] ids);

        Object recipe(WireBuffer in);

        Object comm();
    }

    private Values() {
    }

    /** The kinds of values that can travel, for messages. */
    public static String kinds() {
        return String.join(", ", KINDS);
    }

    /**
     * Writes one tagged value.
     *
     * @throws IllegalArgumentException naming the value's type if it cannot travel
     */
    public static void write(WireBuffer out, Object v, Client client) {
        if (v == null) {
            out.putByte(NULL);
        } else if (v instanceof Double d) {
            out.putByte(DOUBLE).putDouble(d);
        } else if (v instanceof Long l) {
            out.putByte(LONG).putLong(l);
        } else if (v instanceof Integer i) {
            out.putByte(INT).putInt(i);
        } else if (v instanceof Boolean b) {
            out.putByte(BOOL).putByte(b ? 1 : 0);
        } else if (v instanceof String s) {
            out.putByte(STRING).putString(s);
        } else if (v instanceof Float f) {
            out.putByte(FLOAT).putInt(Float.floatToRawIntBits(f));
        } else if (v instanceof double[] a) {
            out.putByte(DOUBLES).putDoubles(a);
        } else if (v instanceof long[] a) {
            out.putByte(LONGS).putLongs(a);
        } else if (v instanceof int[] a) {
            out.putByte(INTS).putInts(a);
        } else if (v instanceof boolean[] a) {
            out.putByte(BOOLS).putInt(a.length);
            for (boolean b : a) {
                out.putByte(b ? 1 : 0);
            }
        } else if (v instanceof long[][] a) {
            out.putByte(LONGS2D).putInt(a.length);
            for (long[] row : a) {
                if (row == null) {
                    throw new IllegalArgumentException("a long[][] argument has a null row");
                }
                out.putLongs(row);
            }
        } else if (v instanceof double[][] a) {
            out.putByte(DOUBLES2D).putInt(a.length);
            for (double[] row : a) {
                if (row == null) {
                    throw new IllegalArgumentException("a double[][] argument has a null row");
                }
                out.putDoubles(row);
            }
        } else if (v instanceof String[] a) {
            out.putByte(STRINGS).putInt(a.length);
            for (String s : a) {
                out.putString(s);
            }
        } else if (v instanceof DType t) {
            out.putByte(DTYPE).putByte(t.ordinal());
        } else if (v instanceof Path p) {
            out.putByte(PATH).putString(p.toString());
        } else if (client != null && client.write(out, v)) {
            return;
        } else if (v instanceof Enum<?> e) {
            out.putByte(ENUM).putString(e.getDeclaringClass().getName()).putString(e.name());
        } else if (v instanceof List<?> list) {
            out.putByte(LIST).putInt(list.size());
            for (Object o : list) {
                write(out, o, client);
            }
        } else {
            throw new IllegalArgumentException("a value of type " + v.getClass().getName()
                    + " cannot travel between the client and the engines (supported: " + kinds() + ")");
        }
    }

    /** Whether {@code v} can be written without a client hook (for engine results). */
    public static boolean isPlain(Object v) {
        if (v == null || v instanceof Double || v instanceof Long || v instanceof Integer || v instanceof Boolean
                || v instanceof String || v instanceof Float || v instanceof double[] || v instanceof long[]
                || v instanceof int[] || v instanceof boolean[] || v instanceof String[] || v instanceof DType
                || v instanceof Path || v instanceof Enum<?>) {
            return true;
        }
        if (v instanceof long[][] a) {
            for (long[] r : a) {
                if (r == null) {
                    return false;
                }
            }
            return true;
        }
        if (v instanceof double[][] a) {
            for (double[] r : a) {
                if (r == null) {
                    return false;
                }
            }
            return true;
        }
        if (v instanceof List<?> list) {
            for (Object o : list) {
                if (!isPlain(o)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** Reads one tagged value; {@code engine} translates the client kinds (null on the client: they cannot occur). */
    public static Object read(WireBuffer in, Engine engine) {
        byte tag = in.getByte();
        switch (tag) {
            case NULL:
                return null;
            case BOOL:
                return in.getByte() != 0;
            case INT:
                return in.getInt();
            case LONG:
                return in.getLong();
            case DOUBLE:
                return in.getDouble();
            case FLOAT:
                return Float.intBitsToFloat(in.getInt());
            case STRING:
                return in.getString();
            case DOUBLES:
                return in.getDoubles();
            case LONGS:
                return in.getLongs();
            case INTS:
                return in.getInts();
            case BOOLS: {
                boolean[] a = new boolean[in.getInt()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.getByte() != 0;
                }
                return a;
            }
            case LONGS2D: {
                long[][] a = new long[in.getInt()][];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.getLongs();
                }
                return a;
            }
            case DOUBLES2D: {
                double[][] a = new double[in.getInt()][];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.getDoubles();
                }
                return a;
            }
            case STRINGS: {
                String[] a = new String[in.getInt()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.getString();
                }
                return a;
            }
            case DTYPE:
                return DType.values()[in.getByte()];
            case PATH:
                return Path.of(in.getString());
            case ENUM:
                return enumConstant(in.getString(), in.getString());
            case LIST: {
                int n = in.getInt();
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(read(in, engine));
                }
                return Collections.unmodifiableList(list);
            }
            case REF:
                return engine(engine, tag).ref(in.getLong());
            case REFS:
                return engine(engine, tag).refs(in.getLongs());
            case RECIPE:
                return engine(engine, tag).recipe(in);
            case COMM:
                return engine(engine, tag).comm();
            default:
                throw new IllegalStateException("corrupt command: unknown value tag " + tag);
        }
    }

    private static Engine engine(Engine engine, byte tag) {
        if (engine == null) {
            throw new IllegalStateException("corrupt reply: value tag " + tag + " is for commands only");
        }
        return engine;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(String className, String name) {
        try {
            Class<?> c = Class.forName(className, true, classLoader());
            if (!c.isEnum()) {
                throw new IllegalArgumentException(className + " is not an enum");
            }
            return Enum.valueOf((Class) c, name);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("enum class " + className + " is not on this process's class path", e);
        }
    }

    /** The loader for classes named on the wire (enums, engine functions): the context loader, else this one's. */
    public static ClassLoader classLoader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : Values.class.getClassLoader();
    }
}
