package org.jdistarray.ops;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.nio.DoubleBuffer;

/**
 * The template of {@link FusedFloat64}'s loops: never used as is. Its class file is defined again as a hidden class per
 * expression shape, with the shape's two element functions as class data; in each copy {@link #F} and {@link #G} are
 * constants the JIT inlines, so each loop below becomes one hand-fused loop for that expression: {@link #run} copies
 * the leaves in tiles from the operands' buffers into heap arrays, runs the element loop over the arrays and copies
 * the root's tile to the result's buffer; {@link #runDirect} reads the leaves straight from the buffers and writes the
 * root straight to the result's. No per-element call in either.
 */
final class FusedTemplate implements FusedFloat64.Loop {
    /** The element function {@code (tiles, scalars, j) -> value}: this copy's class data, element 0. */
    private static final MethodHandle F;
    /** The element function {@code (leaves, scalars, i) -> value} over the buffers: class data element 1. */
    private static final MethodHandle G;

    static {
        try {
            F = MethodHandles.classDataAt(MethodHandles.lookup(), "_", MethodHandle.class, 0);
            G = MethodHandles.classDataAt(MethodHandles.lookup(), "_", MethodHandle.class, 1);
        } catch (IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public void run(DoubleBuffer[] leaves, double[][] tiles, double[] scalars, DoubleBuffer out, int from, int to) {
        double[] o = tiles[leaves.length];
        int tile = o.length;
        try {
            for (int base = from; base < to; base += tile) {
                int m = Math.min(tile, to - base);
                for (int k = 0; k < leaves.length; k++) {
                    leaves[k].get(base, tiles[k], 0, m);
                }
                for (int j = 0; j < m; j++) {
                    o[j] = (double) F.invokeExact(tiles, scalars, j);
                }
                out.put(base, o, 0, m);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public void runDirect(DoubleBuffer[] leaves, double[] scalars, DoubleBuffer out, int from, int to) {
        try {
            for (int i = from; i < to; i++) {
                out.put(i, (double) G.invokeExact(leaves, scalars, i));
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
