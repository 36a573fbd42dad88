package org.jdistarray.comm.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The native address of a direct buffer, for every part of the library that hands buffers to native code (the MPI
 * binding, array storage, the native loops). Not API.
 */
public final class DirectAddress {
    /** {@code sun.misc.Unsafe.getLong(Object, long)}, bound; null if unavailable (then JNA's call is used). */
    private static final MethodHandle GET_LONG;
    /** Offset of {@code java.nio.Buffer.address}. */
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
            getLong = lookup.findVirtual(unsafeClass, "getLong", MethodType.methodType(long.class, Object.class,
                    long.class)).bindTo(unsafe);
            ByteBuffer probe = ByteBuffer.allocateDirect(16);
            if ((long) getLong.invokeExact((Object) probe, offset) != Pointer.nativeValue(Native.getDirectBufferPointer(probe))) {
                getLong = null;
            }
        } catch (Throwable t) {
            getLong = null;
        }
        GET_LONG = getLong;
        ADDRESS_OFFSET = offset;
    }

    private DirectAddress() {
    }

    /**
     * The native address of element 0 of direct buffer {@code b} (not of its position), on the
     * hot path of every MPI call and every array wrap. JNA's {@link Native#getDirectBufferPointer} is a JNI call that
     * also allocates a {@link Pointer} (about 0.1 µs); reading the buffer's {@code address} field, as Netty does,
     * costs a nanosecond. The field is read through {@code sun.misc.Unsafe} (module {@code jdk.unsupported}, no flags
     * needed on Java 17) via a constant method handle, checked once against JNA's answer; if that is unavailable,
     * JNA's call is used.
     *
     * @throws IllegalArgumentException if {@code b} is null or not direct
     */
    public static long of(Buffer b) {
        if (b == null || !b.isDirect()) {
            throw new IllegalArgumentException("not a direct buffer: " + b);
        }
        if (GET_LONG != null) {
            try {
                return (long) GET_LONG.invokeExact((Object) b, ADDRESS_OFFSET);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
        return Pointer.nativeValue(Native.getDirectBufferPointer(b));
    }

    /** Whether {@link #of} reads the field (true) or asks JNA. */
    public static boolean fast() {
        return GET_LONG != null;
    }
}
