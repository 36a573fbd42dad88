package org.jdistarray.ops;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.Redistribution;
import org.jdistarray.protocol.AxisDistribution;
import org.jdistarray.protocol.UndistributedAxis;

/**
 * The operands of an element-wise expression that need elements from other ranks, brought to a layout the result can
 * read locally, with {@link Redistribution}'s plans: an operand of the result's shape goes to the result's layout;
 * one that broadcasts goes to the result's layout along the axes they share (its size-1 and missing axes
 * undistributed) when the result distributes none of those, else it is replicated (one all-gather). Decided from
 * the layouts alone, so every rank moves the same operands in the same order.
 */
final class OperandMoves implements AutoCloseable {
    final Map<DistArray, DistArray> moved = new IdentityHashMap<>();

    private OperandMoves() {
    }

    /** The layout {@code op} must have for a result laid out as {@code out}, or null if it is readable as it is. */
    static Distribution target(DistArray op, Distribution out) {
        if (Broadcast.readable(op, out)) {
            return null;
        }
        Distribution d = op.distribution();
        if (java.util.Arrays.equals(d.shape(), out.shape())) {
            return out;
        }
        long[] s = d.shape();
        int shift = out.ndim() - s.length;
        int[] og = out.gridShape();
        boolean aligned = true;
        for (int k = 0; k < out.ndim(); k++) {
            int j = k - shift;
            if (og[k] > 1 && (j < 0 || s[j] != out.shape()[k])) {
                aligned = false;
            }
        }
        List<AxisDistribution> axes = new ArrayList<>();
        for (int j = 0; j < s.length; j++) {
            int k = j + shift;
            axes.add(aligned && og[k] > 1 ? out.axes().get(k) : new UndistributedAxis(s[j]));
        }
        return Distribution.fromGlobalDimData(out.communicator(), axes);
    }

    /** <b>Collective.</b> Moves every operand of {@code arrays} that {@link #target} says must move. */
    static OperandMoves bring(List<DistArray> arrays, Distribution out) {
        OperandMoves m = new OperandMoves();
        try {
            for (DistArray a : arrays) {
                if (m.moved.containsKey(a)) {
                    continue;
                }
                // a slicing view is read through its dense copy (same layout), moved on from there if need be
                DistArray src = a.isView() ? a.copy() : a;
                try {
                    Distribution t = target(src, out);
                    if (t != null) {
                        m.moved.put(a, DistArrays.redistribute(src, t));
                    } else if (src != a) {
                        m.moved.put(a, src);
                        src = a;
                    }
                } finally {
                    if (src != a) {
                        src.close();
                    }
                }
            }
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        return m;
    }

    /** <b>Collective</b> (plans every move). What evaluating over {@code out} communicates, operand by operand. */
    static String explain(List<DistArray> arrays, Distribution out) {
        StringBuilder b = new StringBuilder();
        b.append("result ").append(Broadcast.format(out.shape())).append(" layout ").append(out.axes()).append(" grid ")
                .append(java.util.Arrays.toString(out.gridShape())).append('\n');
        int i = 0;
        for (DistArray a : arrays) {
            Distribution t = target(a, out);
            b.append("operand ").append(i++).append(' ').append(a.dtype().numpyName())
                    .append(Broadcast.format(a.shape())).append(": ");
            if (t == null) {
                b.append("read in place (no communication)\n");
            } else {
                b.append(t.isReplicated() ? "replicated" : "redistributed to " + t.axes()).append('\n')
                        .append(Redistribution.plan(a.distribution(), t).explain(a.dtype())).append('\n');
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        moved.values().forEach(DistArray::close);
        moved.clear();
    }
}
