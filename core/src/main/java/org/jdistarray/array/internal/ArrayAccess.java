package org.jdistarray.array.internal;

import org.jdistarray.array.DistArray;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/**
 * How the operation packages (ufuncs, reductions, redistribution) reach a {@link DistArray}'s memory and make arrays
 * around new memory without widening DistArray's public API (the JDK's "shared secrets" pattern): DistArray installs
 * the bridge when its class initialises. Not API: this package is not exported.
 */
public final class ArrayAccess {
    /** What DistArray lends the kernel layer. */
    public interface Bridge {
        /** The array's local memory. */
        Storage storage(DistArray a);

        /** A new array owning {@code storage} (logically collective: every rank creates it). */
        DistArray create(Distribution dist, DType dtype, Storage storage);

        /** The array's number on its communicator (creation order). */
        long number(DistArray a);

        /** <b>Collective.</b> The array's collective call check ({@code CommContext.verify} with its number). */
        void verify(DistArray a, String operation, long... args);
    }

    private static volatile Bridge bridge;

    private ArrayAccess() {
    }

    /** <b>Not collective.</b> Called once, by DistArray's static initialiser. */
    public static void install(Bridge b) {
        if (bridge != null) {
            throw new IllegalStateException("ArrayAccess is installed once, by DistArray");
        }
        bridge = b;
    }

    /** <b>Not collective.</b> The bridge (initialising DistArray if needed). */
    public static Bridge get() {
        Bridge b = bridge;
        if (b == null) {
            try {
                Class.forName(DistArray.class.getName(), true, DistArray.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            b = bridge;
        }
        return b;
    }
}
