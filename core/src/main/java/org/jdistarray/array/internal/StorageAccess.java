package org.jdistarray.array.internal;

import java.util.function.Function;

/**
 * The memory of a {@code DistArray} for the kernels of other core packages (random arrays; later the ops): the
 * JDK's shared-secrets pattern, so that {@code DistArray} need not publish its storage. {@code DistArray} registers
 * the accessor in its static initializer; every caller holds a {@code DistArray}, so the class is initialized.
 */
public final class StorageAccess {
    private static volatile Function<Object, Storage> accessor;

    private StorageAccess() {
    }

    /** <b>Not collective.</b> Called once, by {@code DistArray}'s static initializer. */
    public static void register(Function<Object, Storage> f) {
        accessor = f;
    }

    /** <b>Not collective.</b> The storage of {@code array} (a {@code DistArray}). */
    public static Storage of(Object array) {
        return accessor.apply(array);
    }
}
