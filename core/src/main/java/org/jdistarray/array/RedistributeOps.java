package org.jdistarray.array;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jdistarray.comm.CollectiveErrors;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.Redistribution;
import org.jdistarray.protocol.AxisDistribution;
import org.jdistarray.protocol.DistArrayException;
import org.jdistarray.protocol.DistKind;
import org.jdistarray.protocol.GlobalLayout;

/** The array side of redistribution, reshape and transpose (the public forms are in {@link DistArrays}). */
final class RedistributeOps {
    private RedistributeOps() {
    }

    /** <b>Collective.</b> Executes {@code plan} from {@code a} into {@code out} (a new array when null). */
    static DistArray run(DistArray a, Redistribution plan, DistArray out) {
        if (a == null || plan == null) {
            throw new IllegalArgumentException("redistribute: the array and the plan are required");
        }
        if (a.isView()) { // a slicing view moves through its dense copy (the same layout: the plan applies)
            try (DistArray dense = a.copy()) {
                return run(dense, plan, out);
            }
        }
        if (out != null && out.isView()) { // into a dense twin of the view's layout, then assigned into the view
            try (DistArray twin = run(a, plan, null)) {
                out.set(new Index[] {Index.ellipsis()}, twin);
            }
            return out;
        }
        verifyAndCheck(a, plan, out);
        DistArray target = out != null ? out : DistArrays.empty(plan.to(), a.dtype());
        try {
            Redistributor.run(plan, a.storage(), target.storage(), a.distribution().context().comm());
            if (plan.ghostExchangeAfter()) {
                long[] moved = Redistributor.LAST.get().clone(); // the figures of the move, not of the ghost plan
                target.exchangeGhosts();
                System.arraycopy(moved, 0, Redistributor.LAST.get(), 0, moved.length);
            }
        } catch (RuntimeException | Error e) {
            if (out == null) {
                target.close();
            }
            throw e;
        }
        return target;
    }

    /** <b>Collective.</b> Runs a ghost plan on {@code a} in place. */
    static DistArray exchangeGhosts(DistArray a, Redistribution plan) {
        if (a == null || plan == null) {
            throw new IllegalArgumentException("exchangeGhosts: the array and the plan are required");
        }
        a.verify("exchangeGhosts(plan)", plan.from().layout().hashCode());
        CollectiveErrors.agree(a.distribution().context().comm(), () -> {
            a.checkOpen();
            if (!plan.from().equals(a.distribution()) || !plan.to().equals(a.distribution())
                    || !plan.kind().equals("ghosts")) {
                throw new DistArrayException("exchangeGhosts: " + plan + " is not the ghost plan of " + a);
            }
            return null;
        });
        Redistributor.run(plan, a.storage(), a.storage(), a.distribution().context().comm());
        return a;
    }

    /**
     * One all-reduce: the cross-rank call check carries whether this rank's own checks failed. A failure on every rank
     * (the usual, deterministic case) then passes the check and each rank throws its own exception; a failure on some
     * ranks is a mismatch, after which every rank agrees on the failing rank's message.
     */
    private static void verifyAndCheck(DistArray a, Redistribution plan, DistArray out) {
        RuntimeException mine = null;
        try {
            check(a, plan, out);
        } catch (RuntimeException e) {
            mine = e;
        }
        try {
            a.verify("redistribute", out == null ? -1 : out.number(), plan.from().layout().hashCode(),
                    plan.to().layout().hashCode(), mine == null ? 0 : 1);
        } catch (org.jdistarray.comm.CollectiveMismatchException different) {
            CollectiveErrors.agree(a.distribution().context().comm(), mine);
            throw different;
        }
        if (mine != null) {
            throw mine;
        }
    }

    private static void check(DistArray a, Redistribution plan, DistArray out) {
        a.checkOpen();
        if (!plan.from().equals(a.distribution())) {
            throw new DistArrayException("redistribute: the plan's source distribution " + plan.from()
                    + " is not the array's " + a.distribution());
        }
        if (out != null) {
            out.checkOpen();
            if (out == a) {
                throw new DistArrayException("redistribute: the output is the input array; give another array");
            }
            if (out.dtype() != a.dtype()) {
                throw new DistArrayException("redistribute: the output's dtype " + out.dtype().numpyName()
                        + " differs from the array's " + a.dtype().numpyName() + " (convert with astype first)");
            }
            if (!plan.to().equals(out.distribution())) {
                throw new DistArrayException("redistribute: the output's distribution " + out.distribution()
                        + " is not the plan's target " + plan.to());
            }
        }
    }

    /** <b>Collective.</b> Plans and runs {@code a -> to}. */
    static DistArray redistribute(DistArray a, Distribution to) {
        if (a == null) {
            throw new IllegalArgumentException("redistribute: the array is null");
        }
        return run(a, Redistribution.plan(a.distribution(), to), null);
    }

    /** <b>Collective.</b> Reshape into {@code to} (same size). */
    static DistArray reshape(DistArray a, Distribution to) {
        if (a == null) {
            throw new IllegalArgumentException("reshape: the array is null");
        }
        return run(a, Redistribution.reshape(a.distribution(), to), null);
    }

    /** <b>Collective.</b> Reshape into the block distribution of {@code newShape} (one entry may be -1). */
    static DistArray reshape(DistArray a, long... newShape) {
        if (a == null || newShape == null) {
            throw new IllegalArgumentException("reshape: the array and the new shape are required");
        }
        long[] shape = inferShape(a, newShape);
        List<DistKind> kinds = new ArrayList<>();
        for (int i = 0; i < shape.length; i++) {
            kinds.add(DistKind.BLOCK);
        }
        return reshape(a, Distribution.fromShape(a.distribution().communicator(), shape, kinds));
    }

    private static long[] inferShape(DistArray a, long[] newShape) {
        long[] s = newShape.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1 && unknown < 0) {
                unknown = i;
            } else if (s[i] < 0) {
                throw new DistArrayException(s[i] == -1 ? "can only specify one unknown dimension"
                        : "negative dimensions not allowed");
            } else {
                known = Math.multiplyExact(known, s[i]);
            }
        }
        long size = a.globalSize();
        if (unknown >= 0) {
            if (known == 0 || size % known != 0) {
                throw new DistArrayException("cannot reshape array of size " + size + " into shape "
                        + shapeString(newShape));
            }
            s[unknown] = size / known;
        }
        return s;
    }

    private static String shapeString(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /**
     * <b>Not collective.</b> The permuted layout: target axis {@code k} is source axis {@code axes[k]}, with its
     * distribution (grid dimension included).
     */
    static Distribution permuted(Distribution d, int[] axes) {
        List<AxisDistribution> ax = new ArrayList<>();
        for (int k = 0; k < axes.length; k++) {
            if (axes[k] < 0 || axes[k] >= d.ndim()) {
                throw new DistArrayException("axis " + axes[k] + " is out of bounds for array of dimension "
                        + d.ndim());
            }
            ax.add(d.axes().get(axes[k]));
        }
        return Distribution.of(d.communicator(), GlobalLayout.fromAxes(ax));
    }

    /**
     * <b>Collective.</b> {@code numpy.transpose(a, axes)} into the permuted layout (no axes: reversed): a strided view
     * of {@code a}'s memory when no element changes rank (one-rank grids, a grid whose distributed axes keep their
     * order, undistributed arrays), as NumPy's transpose is a view; otherwise a redistribution into a new array.
     */
    static DistArray transpose(DistArray a, int... axes) {
        if (a == null) {
            throw new IllegalArgumentException("transpose: the array is null");
        }
        int n = a.ndim();
        int[] perm = axes == null || axes.length == 0 ? reversed(n) : normalize(axes, n);
        if (n == 0) {
            return a.copy();
        }
        Distribution to = permuted(a.distribution(), perm);
        Redistribution plan = Redistribution.transpose(a.distribution(), to, perm);
        if (plan.isLocal() && !a.distribution().isPadded()) { // every element stays on its rank (the same decision on
            // every rank: the plan's global matrix); padded arrays keep the copy, so that ghost exchanges stay dense
            return Views.permuted(a, to, perm);
        }
        return run(a, plan, null);
    }

    /** <b>Collective.</b> Transpose into a given target distribution of the permuted shape. */
    static DistArray transpose(DistArray a, Distribution to, int... axes) {
        if (a == null) {
            throw new IllegalArgumentException("transpose: the array is null");
        }
        return run(a, Redistribution.transpose(a.distribution(), to, normalize(axes, a.ndim())), null);
    }

    /** <b>Collective.</b> {@code numpy.swapaxes(a, i, j)}. */
    static DistArray swapaxes(DistArray a, int i, int j) {
        if (a == null) {
            throw new IllegalArgumentException("swapaxes: the array is null");
        }
        int n = a.ndim();
        int[] perm = reversed(n);
        for (int k = 0; k < n; k++) {
            perm[k] = k;
        }
        int ii = normalizeAxis(i, n);
        int jj = normalizeAxis(j, n);
        perm[ii] = jj;
        perm[jj] = ii;
        return transpose(a, perm);
    }

    private static int[] reversed(int n) {
        int[] p = new int[n];
        for (int k = 0; k < n; k++) {
            p[k] = n - 1 - k;
        }
        return p;
    }

    private static int[] normalize(int[] axes, int n) {
        if (axes == null) {
            throw new IllegalArgumentException("transpose: axes is null");
        }
        int[] p = new int[axes.length];
        for (int k = 0; k < axes.length; k++) {
            p[k] = axes[k] < 0 && axes[k] >= -n ? axes[k] + n : axes[k];
        }
        boolean[] seen = new boolean[n];
        boolean ok = p.length == n;
        for (int k = 0; ok && k < n; k++) {
            ok = p[k] >= 0 && p[k] < n && !seen[p[k]];
            if (ok) {
                seen[p[k]] = true;
            }
        }
        if (!ok) {
            throw new DistArrayException("axes don't match array: " + Arrays.toString(axes) + " is not a permutation"
                    + " of the axes of an array of " + n + " dimensions");
        }
        return p;
    }

    private static int normalizeAxis(int axis, int n) {
        int x = axis < 0 ? axis + n : axis;
        if (x < 0 || x >= n) {
            throw new DistArrayException("axis " + axis + " is out of bounds for array of dimension " + n);
        }
        return x;
    }
}
