package org.jdistarray.ops;

import java.util.List;

import org.jdistarray.array.DistArray;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.AxisDistribution;
import org.jdistarray.protocol.DistributionException;

/**
 * NumPy's broadcasting rules over distributed layouts. Shapes broadcast as in NumPy (align from the right; an axis of
 * size 1 or a missing axis stretches). An operand whose layout is the result's is read in place; one that broadcasts
 * and whose needed elements are on this rank already (replicated, or distributed along the same axes exactly as the
 * result, with its size-1 and missing axes undistributed) is read through per-axis offset tables (stride 0 along
 * broadcast axes), never materialised. Any other operand needs data from other ranks: {@link OperandMoves} brings
 * it to a readable layout with a redistribution plan first.
 */
final class Broadcast {
    private Broadcast() {
    }

    /**
     * The broadcast shape of {@code shapes}.
     *
     * @throws IllegalArgumentException with NumPy's message naming every shape
     */
    static long[] shape(long[]... shapes) {
        int nd = 0;
        for (long[] s : shapes) {
            nd = Math.max(nd, s.length);
        }
        long[] out = new long[nd];
        java.util.Arrays.fill(out, 1);
        for (long[] s : shapes) {
            for (int j = 0; j < s.length; j++) {
                int k = j + nd - s.length;
                if (s[j] == out[k] || s[j] == 1) {
                    continue;
                }
                if (out[k] == 1) {
                    out[k] = s[j];
                } else {
                    StringBuilder m = new StringBuilder("operands could not be broadcast together with shapes ");
                    for (long[] t : shapes) {
                        m.append(format(t)).append(' ');
                    }
                    throw new IllegalArgumentException(m.toString());
                }
            }
        }
        return out;
    }

    /** A shape as Python prints a tuple: {@code (3,4)}, {@code (5,)}, {@code ()}. */
    static String format(long[] s) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) {
            b.append(i > 0 ? "," : "").append(s[i]);
        }
        return b.append(s.length == 1 ? ",)" : ")").toString();
    }

    /**
     * How {@code op} is read for a result laid out as {@code out}: null when the layouts are the same (local offsets
     * equal), else per result axis the local offset each local index contributes (0 along broadcast axes).
     *
     * @throws DistributionException from {@link #needsRedistribution} when some needed element is on another rank
     */
    static long[][] offsets(DistArray op, Distribution out) {
        Distribution d = op.distribution();
        long[] outShape = out.shape();
        if (java.util.Arrays.equals(d.shape(), outShape) && d.isCompatible(out)) {
            return null;
        }
        if (!isLocal(d, out)) {
            throw needsRedistribution(op, out);
        }
        int nd = outShape.length;
        int shift = nd - d.ndim();
        long[] opLocal = d.localShape();
        long[] strides = new long[d.ndim()];
        long st = 1;
        for (int j = d.ndim() - 1; j >= 0; j--) {
            strides[j] = st;
            st *= opLocal[j];
        }
        long[] outLocal = out.localShape();
        long[][] contrib = new long[nd][];
        for (int k = 0; k < nd; k++) {
            contrib[k] = new long[(int) outLocal[k]];
            int j = k - shift;
            if (j < 0 || d.shape()[j] == 1) {
                continue;
            }
            boolean same = d.gridShape()[j] > 1;
            for (int i = 0; i < contrib[k].length; i++) {
                long local = same ? i : d.dim(j).localFromGlobal(out.dim(k).globalFromLocal(i));
                contrib[k][i] = local * strides[j];
            }
        }
        return contrib;
    }

    /** Whether {@code op} can be read for a result laid out as {@code out} without data from other ranks. */
    static boolean readable(DistArray op, Distribution out) {
        Distribution d = op.distribution();
        return java.util.Arrays.equals(d.shape(), out.shape()) && d.isCompatible(out) || isLocal(d, out);
    }

    /**
     * Whether every element {@code op} must supply to this rank's part of {@code out} is held here: on one rank, a
     * replicated operand, or an operand whose distributed axes are exactly the result's distributed axes with equal
     * axis distributions (its other axes undistributed). Decided from the layouts alone, so every rank agrees.
     */
    private static boolean isLocal(Distribution d, Distribution out) {
        if (d.communicator().size() == 1 || d.isReplicated()) {
            return true;
        }
        if (d.ndim() == 0) {
            return false;
        }
        int shift = out.ndim() - d.ndim();
        int[] og = out.gridShape();
        int[] dg = d.gridShape();
        List<AxisDistribution> oa = out.axes();
        List<AxisDistribution> da = d.axes();
        for (int k = 0; k < out.ndim(); k++) {
            int j = k - shift;
            boolean opDistributed = j >= 0 && dg[j] > 1;
            if (opDistributed != og[k] > 1) {
                return false;
            }
            if (opDistributed && !(dg[j] == og[k] && da.get(j).equals(oa.get(k)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The hook for operands that need data from other ranks. Today: an exception naming both layouts; with
     * Redistribution's plans, the operand will be brought to {@code out}'s layout here.
     */
    static DistributionException needsRedistribution(DistArray op, Distribution out) {
        Distribution d = op.distribution();
        return new DistributionException("element-wise operation: an operand of shape " + format(d.shape())
                + " with layout " + d.axes() + " on grid " + java.util.Arrays.toString(d.gridShape())
                + " needs elements from other ranks for a result of shape " + format(out.shape()) + " with layout "
                + out.axes() + " on grid " + java.util.Arrays.toString(out.gridShape())
                + "; redistribute it to the result's layout first");
    }
}
