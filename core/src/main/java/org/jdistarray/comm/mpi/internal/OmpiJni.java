package org.jdistarray.comm.mpi.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.Buffer;

import org.jdistarray.comm.ElementType;

/**
 * Open MPI's own Java bindings ({@code mpi.jar}, built by {@code bin/build-mpi-java}, and Debian's
 * {@code libmpi_java.so}) as the JNI path of {@link MpiBinding}: the private {@code native} methods of
 * {@code mpi.Comm} are called directly through method handles, with the C handles (communicator, datatype,
 * operation) that the JNA binding already knows, on direct buffers (passed by address, no copies). So the Java side
 * of Open MPI's bindings adds no checks, no objects and no {@code MPI.check()}; what remains is one JNI call
 * ({@code GetDirectBufferAddress} plus the MPI function). The jar is found on the class path at run time: core
 * does not depend on it at compile time, so it builds and works without it (JNA only).
 *
 * <p>Error codes: Open MPI's stub throws {@code mpi.MPIException}; {@link MpiBinding} turns its code into the same
 * {@link org.jdistarray.comm.MpiException} as on the JNA path. The stub's exception classes are looked up only by
 * {@code MPI.Init}/{@code MPI.InitThread} of the Java bindings, so this path is used only when MPI was initialised
 * through them ({@link #initThread} or the application's own {@code MPI.Init}); see {@link #javaSideInitialized()}.
 */
final class OmpiJni {
    private static final int NULL_BASE = 0;

    /** Open MPI's Java base-type codes ({@code mpi.Datatype}), by {@link ElementType} ordinal. */
    private static final int[] BASE_TYPES = new int[ElementType.values().length];

    static {
        BASE_TYPES[ElementType.DOUBLE.ordinal()] = 8;
        BASE_TYPES[ElementType.FLOAT.ordinal()] = 7;
        BASE_TYPES[ElementType.LONG.ordinal()] = 6;
        BASE_TYPES[ElementType.INT.ordinal()] = 5;
        BASE_TYPES[ElementType.BYTE.ordinal()] = 1;
    }

    private static final ClassLoader LOADER = OmpiJni.class.getClassLoader();
    private static final Class<?> MPI = load("mpi.MPI"); // loads libmpi_java.so
    private static final Class<?> COMM = load("mpi.Comm");
    private static final Class<?> OP = load("mpi.Op");
    private static final Class<?> EXCEPTION = load("mpi.MPIException");
    private static final MethodHandles.Lookup IN_COMM = lookupIn(COMM);
    private static final Class<?> O = Object.class;
    private static final Class<?> L = long.class;
    private static final Class<?> I = int.class;
    private static final Class<?> Z = boolean.class;
    private static final Class<?> IA = int[].class;

    // static finals: constants to the JIT, so each invokeExact compiles to the direct JNI call
    static final MethodHandle BARRIER = natives("barrier", L);
    static final MethodHandle BCAST = natives("bcast", L, O, Z, I, I, L, I, I);
    static final MethodHandle ALL_REDUCE = natives("allReduce", L, O, Z, I, O, Z, I, I, L, I, OP, L);
    static final MethodHandle REDUCE = natives("reduce", L, O, Z, I, O, Z, I, I, L, I, OP, L, I);
    static final MethodHandle ALL_GATHER = natives("allGather", L, O, Z, I, I, L, I, O, Z, I, I, L, I);
    static final MethodHandle ALL_GATHERV = natives("allGatherv", L, O, Z, I, I, L, I, O, Z, I, IA, IA, L, I);
    static final MethodHandle GATHER = natives("gather", L, O, Z, I, I, L, I, O, Z, I, I, L, I, I);
    static final MethodHandle GATHERV = natives("gatherv", L, O, Z, I, I, L, I, O, Z, I, IA, IA, L, I, I);
    static final MethodHandle SCATTER = natives("scatter", L, O, Z, I, I, L, I, O, Z, I, I, L, I, I);
    static final MethodHandle SCATTERV = natives("scatterv", L, O, Z, I, IA, IA, L, I, O, Z, I, I, L, I, I);
    static final MethodHandle ALL_TO_ALL = natives("allToAll", L, O, Z, I, I, L, I, O, Z, I, I, L, I);
    static final MethodHandle ALL_TO_ALLV = natives("allToAllv", L, O, Z, I, IA, IA, L, I, O, Z, I, IA, IA, L, I);
    static final MethodHandle SEND = natives("send", L, O, Z, I, I, L, I, I, I);
    static final MethodHandle RECV = natives("recv", L, O, Z, I, I, L, I, I, I, long[].class);
    static final MethodHandle SEND_RECV = natives("sendRecv", L, O, Z, I, I, L, I, I, I, O, Z, I, I, L, I, I, I,
            long[].class);
    static final MethodHandle I_SEND = find(long.class, "iSend", L, Buffer.class, I, L, I, I);
    static final MethodHandle I_RECV = find(long.class, "iRecv", L, Buffer.class, I, L, I, I);
    /** The receiver of the instance natives (they do not use it): {@code MPI.COMM_SELF}. */
    static final Object RECEIVER = staticField(MPI, "COMM_SELF");

    private static final MethodHandle ERROR_CODE = errorCodeHandle();
    private static final MethodHandle INIT_THREAD = mpiStatic("InitThread", int.class, String[].class, I);
    private static final MethodHandle FINALIZE = mpiStatic("Finalize", void.class);
    private static final Field INITIALIZED = declared(MPI, "initialized");
    private static final Field FINALIZED = declared(MPI, "finalized");
    private static final Field HANDLE = declared(COMM, "handle");
    static final OmpiJni INSTANCE = new OmpiJni();

    private OmpiJni() {
    }

    /** Whether MPI was initialised through the Java bindings ({@code MPI.initialized} and not finalised). */
    boolean javaSideInitialized() {
        try {
            return INITIALIZED.getBoolean(null) && !FINALIZED.getBoolean(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code MPI.InitThread(new String[0], required)}: {@code MPI_Init_thread} through the bindings. */
    int initThread(int required) throws Throwable {
        return (int) INIT_THREAD.invokeExact(new String[0], required);
    }

    /** {@code MPI.Finalize()}: {@code MPI_Finalize} through the bindings. */
    void finalizeMpi() throws Throwable {
        FINALIZE.invokeExact();
    }

    /** The C handle of an {@code mpi.Comm}. */
    long handleOf(Object comm) {
        if (!COMM.isInstance(comm)) {
            throw new IllegalArgumentException("not an mpi.Comm of Open MPI's Java bindings: "
                    + (comm == null ? "null" : comm.getClass().getName()));
        }
        try {
            return HANDLE.getLong(comm);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An {@code mpi.Intracomm} (or the {@code type} asked for) on the C handle {@code comm}, not owning it. */
    <T> T wrap(long comm, Class<T> type) throws ReflectiveOperationException {
        for (String name : new String[] {"COMM_WORLD", "COMM_SELF"}) {
            Object c = staticField(MPI, name);
            if (HANDLE.getLong(c) == comm && type.isInstance(c)) {
                return type.cast(c); // the bindings' own object, not a second world
            }
        }
        Class<?> intracomm = load("mpi.Intracomm");
        if (!type.isAssignableFrom(intracomm)) {
            throw new IllegalArgumentException(type.getName() + " cannot hold an mpi.Intracomm");
        }
        var c = intracomm.getDeclaredConstructor(long.class);
        c.setAccessible(true);
        return type.cast(c.newInstance(comm));
    }

    /** Whether {@code t} is an {@code mpi.MPIException}; its MPI error code. */
    boolean isMpiException(Throwable t) {
        return EXCEPTION.isInstance(t);
    }

    int errorCode(Throwable t) {
        try {
            return (int) ERROR_CODE.invokeExact(t);
        } catch (Throwable e) {
            return -1;
        }
    }

    /** Open MPI's Java base-type code of {@code t}. */
    static int baseType(ElementType t) {
        return t == null ? NULL_BASE : BASE_TYPES[t.ordinal()];
    }

    /** The buffer as the stub wants it: its address is the element at the position (so a slice unless at 0). */
    static Buffer at(Buffer b) {
        return b == null || b.position() == 0 ? b : b.slice();
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, true, LOADER);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " not found", e);
        }
    }

    private static MethodHandles.Lookup lookupIn(Class<?> c) {
        OmpiJni.class.getModule().addReads(c.getModule());
        try {
            return MethodHandles.privateLookupIn(c, MethodHandles.lookup());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("no access to " + c.getName(), e);
        }
    }

    private static MethodHandle natives(String name, Class<?>... params) {
        return find(void.class, name, params);
    }

    /** A private instance method of {@code mpi.Comm}, erased: receiver and {@code mpi.*} parameters become Object. */
    private static MethodHandle find(Class<?> result, String name, Class<?>... params) {
        try {
            MethodHandle h = IN_COMM.findVirtual(COMM, name, MethodType.methodType(result, params));
            MethodType t = h.type();
            for (int k = 0; k < t.parameterCount(); k++) {
                Class<?> p = t.parameterType(k);
                if (!p.isPrimitive() && p != Buffer.class && !p.isArray()) {
                    t = t.changeParameterType(k, Object.class);
                }
            }
            return h.asType(t);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("mpi.Comm." + name + " not found", e);
        }
    }

    private static MethodHandle mpiStatic(String name, Class<?> result, Class<?>... params) {
        try {
            return lookupIn(MPI).findStatic(MPI, name, MethodType.methodType(result, params));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("mpi.MPI." + name + " not found", e);
        }
    }

    private static MethodHandle errorCodeHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(EXCEPTION, "getErrorCode", MethodType.methodType(int.class))
                    .asType(MethodType.methodType(int.class, Throwable.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("mpi.MPIException.getErrorCode not found", e);
        }
    }

    private static Object staticField(Class<?> c, String name) {
        try {
            return c.getField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(c.getName() + "." + name + " not found", e);
        }
    }

    private static Field declared(Class<?> c, String name) {
        try {
            Field f = c.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(c.getName() + "." + name + " not accessible", e);
        }
    }
}
