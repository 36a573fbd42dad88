package org.jdistarray.algo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.DistributionBuilder;
import org.jdistarray.dist.Redistribution;
import org.jdistarray.protocol.DType;

/** Work layouts (one axis block over every rank, the others undistributed) and C-order local reads and writes. */
final class Work {
    private Work() {
    }

    /**
     * <b>Collective.</b> The collective call check at an algorithm's entry ({@code CommContext.verify} with the
     * array's number and the arguments): a rank that skipped a call, or passes other arguments, makes every rank throw
     * {@code CollectiveMismatchException} instead of pairing its collectives with another call's.
     */
    static void verify(DistArray a, String operation, long... args) {
        org.jdistarray.array.internal.ArrayAccess.get().verify(a, operation, args);
    }

    /** The array's creation number (the same on every rank), for a collective call check's arguments. */
    static long number(DistArray a) {
        return org.jdistarray.array.internal.ArrayAccess.get().number(a);
    }

    /** NumPy's axis normalization, the same error on every rank (shapes are global). */
    static int axis(int axis, int ndim) {
        int a = axis < 0 ? axis + ndim : axis;
        if (a < 0 || a >= ndim) {
            throw new IllegalArgumentException("axis " + axis + " is out of bounds for array of dimension " + ndim);
        }
        return a;
    }

    /** The distribution of {@code shape}: axis {@code blockAxis} block over every rank, the others undistributed. */
    static Distribution blockAlong(Distribution like, long[] shape, int blockAxis) {
        DistributionBuilder b = Distribution.builder(like.communicator()).shape(shape);
        for (int i = 0; i < shape.length; i++) {
            if (i == blockAxis) {
                b.block(i);
            } else {
                b.undistributed(i);
            }
        }
        b.grid(gridFor(shape.length, blockAxis, like.communicator().size()));
        return b.build();
    }

    private static int[] gridFor(int ndim, int axis, int size) {
        int[] g = new int[ndim];
        java.util.Arrays.fill(g, 1);
        g[axis] = size;
        return g;
    }

    /** The axis other than {@code skip} with the most elements (the first on ties), or -1 for a 1-d array. */
    static int largestOther(long[] shape, int skip) {
        int best = -1;
        for (int i = 0; i < shape.length; i++) {
            if (i != skip && (best < 0 || shape[i] > shape[best])) {
                best = i;
            }
        }
        return best;
    }

    /** {@code a} on {@code to}: the same array (not a copy) when already there, else a redistributed copy. */
    static DistArray onto(DistArray a, Distribution to, long budget) {
        if (a.distribution().equals(to)) {
            return a;
        }
        Redistribution plan = Redistribution.plan(a.distribution(), to);
        if (budget > 0) {
            plan = plan.withBudget(budget);
        }
        return DistArrays.redistribute(a, plan);
    }

    /** The rank's elements in C order as bytes (native order). */
    static ByteBuffer bytes(DistArray a) {
        long n = a.local().elementCount() * a.dtype().itemSize();
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("local block of " + n + " bytes is above 2 GiB: use more ranks");
        }
        ByteBuffer b = ByteBuffer.allocate((int) n).order(ByteOrder.nativeOrder());
        a.local().copyTo(b);
        return b;
    }

    /** A new array on {@code d} whose local block is {@code bytes} (C order, native order). */
    static DistArray fromBytes(Distribution d, DType t, ByteBuffer bytes) {
        DistArray out = DistArrays.empty(d, t);
        out.local().copyFrom(bytes.position(0));
        return out;
    }

    /**
     * The rank's elements in C order as bytes (native order, position 0): the block's own storage when it is dense
     * (no copy; borrowed while {@code a} is open, read only), else a copy.
     */
    static ByteBuffer view(DistArray a) {
        if (a.local().isContiguous() && a.local().elementCount() > 0) {
            try {
                return a.local().asBytes();
            } catch (IllegalStateException e) {
                // storage in several chunks: copy
            }
        }
        return bytes(a);
    }

    /** A new array on {@code d}, and its local block as bytes to fill (the storage itself when possible). */
    record Fill(DistArray array, ByteBuffer bytes, boolean direct) {
        /** Copies the bytes in when they were not the storage. Returns the array. */
        DistArray done() {
            if (!direct) {
                array.local().copyFrom(bytes.position(0));
            }
            return array;
        }
    }

    static Fill fill(Distribution d, DType t) {
        DistArray out = DistArrays.empty(d, t);
        long n = out.local().elementCount() * t.itemSize();
        if (out.local().isContiguous() && n > 0) {
            try {
                return new Fill(out, out.local().asBytes(), true);
            } catch (IllegalStateException e) {
                // chunked: a heap buffer below
            }
        }
        if (n > Integer.MAX_VALUE - 16) {
            out.close();
            throw new IllegalArgumentException("local block of " + n + " bytes is above 2 GiB: use more ranks");
        }
        return new Fill(out, ByteBuffer.allocate((int) n).order(ByteOrder.nativeOrder()), false);
    }
}
