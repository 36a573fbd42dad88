package org.jdistarray.comm.mpi.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.Buffer;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The native address of a direct buffer, on the hot path of every MPI call. JNA's
 * {@link Native#getDirectBufferPointer} is a JNI call that also allocates a {@link Pointer} (about 0.1 µs each, two
 * per all-reduce); reading the buffer's {@code address} field, as Netty does, costs a nanosecond. The field is read
 * through {@code sun.misc.Unsafe} (module {@code jdk.unsupported}, no flags needed on Java 17) via a constant method
 * handle; if that is unavailable, JNA's call is used.
 */
final class BufferAddress {
    private static final MethodHandle GET_LONG;
    private static final long ADDRESS_OFFSET;

    static {
        MethodHandle getLong = null;
        long offset = -1;
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            Object unsafe = theUnsafe.get(null);
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle fieldOffset = lookup.findVirtual(unsafeClass, "objectFieldOffset",
                    MethodType.methodType(long.class, Field.class)).bindTo(unsafe);
            offset = (long) fieldOffset.invoke(Buffer.class.getDeclaredField("address"));
            getLong = lookup.findVirtual(unsafeClass, "getLong", MethodType.methodType(long.class, Object.class, long.class))
                    .bindTo(unsafe);
            java.nio.ByteBuffer probe = java.nio.ByteBuffer.allocateDirect(16);
            if ((long) getLong.invokeExact((Object) probe, offset) != Pointer.nativeValue(Native.getDirectBufferPointer(probe))) {
                getLong = null;
            }
        } catch (Throwable t) {
            getLong = null;
        }
        GET_LONG = getLong;
        ADDRESS_OFFSET = offset;
    }

    private BufferAddress() {
    }

    /** Address of element 0 of direct buffer {@code b} (not of its position). */
    static long base(Buffer b) {
        if (GET_LONG != null) {
            try {
                return (long) GET_LONG.invokeExact((Object) b, ADDRESS_OFFSET);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
        return Pointer.nativeValue(Native.getDirectBufferPointer(b));
    }

    static boolean fast() {
        return GET_LONG != null;
    }
}
