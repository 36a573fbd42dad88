package org.jdistarray.ops;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.nio.DoubleBuffer;

/**
 * The template of {@link FusedFloat64}'s loops: never used as is. Its class file is defined again as a hidden class per
 * expression shape, with the shape's element function as class data; in each copy {@link #F} is a constant the JIT
 * inlines, so the loop below becomes one hand-fused loop for that expression (leaves read straight from the operands'
 * buffers, the root written straight to the result's, no tiles, no per-element call).
 */
final class FusedTemplate implements FusedFloat64.Loop {
    /** The element function {@code (leaves, scalars, i) -> value}: this copy's class data. */
    private static final MethodHandle F;

    static {
        try {
            F = MethodHandles.classData(MethodHandles.lookup(), "_", MethodHandle.class);
        } catch (IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public void run(DoubleBuffer[] leaves, double[] scalars, DoubleBuffer out, int from, int to) {
        try {
            for (int i = from; i < to; i++) {
                out.put(i, (double) F.invokeExact(leaves, scalars, i));
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
