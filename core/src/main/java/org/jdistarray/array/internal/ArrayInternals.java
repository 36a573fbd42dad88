package org.jdistarray.array.internal;

import org.jdistarray.array.DistArray;

/**
 * The operation packages' access to a {@link DistArray}'s memory and call checks, which are not public API (the JDK's
 * {@code SharedSecrets} pattern): {@code DistArray} installs the one {@link Access} when its class initialises.
 */
public final class ArrayInternals {
    /** What the operation packages may do with an array beyond its public API. */
    public interface Access {
        /** The array's local block memory (kernels only; never hand it out). */
        Storage storage(DistArray a);

        /** <b>Collective.</b> The array's collective call check ({@code CommContext.verify} with its number). */
        void verify(DistArray a, String operation, long... args);
    }

    private static volatile Access access;

    private ArrayInternals() {
    }

    /** <b>Not collective.</b> Installs the access (once, by {@code DistArray}). */
    public static void install(Access a) {
        access = a;
    }

    /** <b>Not collective.</b> The access, initialising {@code DistArray} first if needed. */
    public static Access get() {
        Access a = access;
        if (a == null) {
            try {
                Class.forName(DistArray.class.getName(), true, DistArray.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = access;
        }
        return a;
    }
}
