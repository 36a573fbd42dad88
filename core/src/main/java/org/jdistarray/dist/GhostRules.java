package org.jdistarray.dist;

import java.util.ArrayList;
import java.util.List;

import org.jdistarray.protocol.AxisDistribution;
import org.jdistarray.protocol.Block;
import org.jdistarray.protocol.DistributionException;

/**
 * The rule a ghost plan ({@link Redistribution#ghosts}) checks, PETSc DMDA's: along every padded block axis each
 * grid position supplies its neighbours' communication padding (and, on a periodic axis, the first and last
 * positions each other's periodic images) from cells it owns and does not receive itself. A block smaller than its
 * neighbours' ghost widths is refused. Pure and deterministic: every rank computes the same and throws alike.
 */
final class GhostRules {
    /** One slab along an axis in local indices {@code [from, to)} of that axis, exchanged with {@code peerCoord}. */
    private record Slab(int peerCoord, long from, long to) {
    }

    private GhostRules() {
    }

    /** @throws DistributionException if a grid position along {@code axis} cannot supply its neighbours */
    static void check(AxisDistribution axis, int a) {
        for (int c = 0; c < axis.gridSize(); c++) {
            for (Slab s : slabs(axis, c, true)) {
                long len = axis.dimFor(c).localSize();
                for (Slab r : slabs(axis, c, false)) {
                    if (s.from() < r.to() && r.from() < s.to()) {
                        throw new DistributionException("ghost exchange on axis " + a + ": grid rank " + c
                                + " would send cells [" + s.from() + ", " + s.to() + ") that it receives itself"
                                + " ([" + r.from() + ", " + r.to() + ") of " + len + "); its block is too small for"
                                + " the padding its neighbours need");
                    }
                }
                if (s.from() < 0 || s.to() > len) {
                    throw new DistributionException("ghost exchange on axis " + a + ": grid rank " + c
                            + " owns too few cells to fill its neighbours' padding");
                }
            }
        }
    }

    /** The slabs grid position {@code c} sends ({@code send}) or receives along a block axis. */
    private static List<Slab> slabs(AxisDistribution axis, int c, boolean send) {
        List<Slab> out = new ArrayList<>();
        if (!(axis.dimFor(c) instanceof Block d)) {
            return out;
        }
        int p = axis.gridSize();
        long len = d.localSize();
        if (c > 0) {
            if (send) {
                long w = ((Block) axis.dimFor(c - 1)).commPadRight();
                long lo = d.commPadLeft();
                add(out, new Slab(c - 1, lo, lo + w));
            } else {
                add(out, new Slab(c - 1, 0, d.commPadLeft()));
            }
        }
        if (c < p - 1) {
            if (send) {
                long w = ((Block) axis.dimFor(c + 1)).commPadLeft();
                long hi = len - d.commPadRight();
                add(out, new Slab(c + 1, hi - w, hi));
            } else {
                add(out, new Slab(c + 1, len - d.commPadRight(), len));
            }
        }
        if (d.periodic()) {
            if (c == p - 1) {
                if (send) {
                    long w = ((Block) axis.dimFor(0)).padLeft();
                    long hi = len - d.padRight();
                    add(out, new Slab(0, hi - w, hi));
                } else {
                    add(out, new Slab(0, len - d.padRight(), len));
                }
            }
            if (c == 0) {
                if (send) {
                    long w = ((Block) axis.dimFor(p - 1)).padRight();
                    add(out, new Slab(p - 1, d.padLeft(), d.padLeft() + w));
                } else {
                    add(out, new Slab(p - 1, 0, d.padLeft()));
                }
            }
        }
        return out;
    }

    private static void add(List<Slab> out, Slab s) {
        if (s.to() > s.from()) {
            out.add(s);
        }
    }
}
