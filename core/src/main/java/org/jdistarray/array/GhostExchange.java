package org.jdistarray.array;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.jdistarray.array.internal.LocalBox;
import org.jdistarray.array.internal.Storage;
import org.jdistarray.array.internal.StridedCopy;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.comm.Request;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.AxisDistribution;
import org.jdistarray.protocol.Block;
import org.jdistarray.protocol.DimDistribution;
import org.jdistarray.protocol.DistributionException;
import org.jdistarray.protocol.GlobalLayout;

/**
 * The ghost-cell exchange of one distribution: which slabs this rank sends and receives along each padded block axis,
 * planned once, with reusable message buffers.
 *
 * <p>Along axis {@code a}, a rank receives into its communication padding from the neighbour that owns those cells
 * and sends its own edge cells into the neighbours' padding. On a periodic axis the first grid rank's left boundary
 * padding ({@code bL} cells) receives the last {@code bL} interior cells of the last grid rank, and the last grid
 * rank's right boundary padding ({@code bR} cells) the first {@code bR} interior cells of the first grid rank: the
 * axis' interior {@code [bL, size - bR)} repeats with period {@code size - bL - bR}. Slabs span the whole local
 * extent of every other axis, padding included, and axes are exchanged one after another, so corner cells arrive
 * after the last axis (PETSc DMDA box stencils).
 *
 * <p>Tags: {@code 31000 + 2 * axis} for data moving toward lower grid coordinates, {@code + 1} toward higher ones.
 */
final class GhostExchange {
    static final int TAG_BASE = 31_000;

    /** One slab to send or receive: the peer rank, the tag, the cells, and a reusable buffer. */
    private record Transfer(int peer, int tag, LocalBox box, ByteBuffer buffer) {
    }

    /** One slab along an axis in local indices {@code [from, to)} of that axis. */
    private record Slab(int peerCoord, int tag, long from, long to) {
    }

    private final Communicator comm;
    private final int itemSize;
    private final List<List<Transfer>> sends = new ArrayList<>();
    private final List<List<Transfer>> recvs = new ArrayList<>();

    GhostExchange(Distribution dist, int itemSize) {
        this.comm = dist.context().comm(); // the private duplicate: tags never meet the user's messages
        this.itemSize = itemSize;
        GlobalLayout layout = dist.layout();
        int[] coords = dist.gridCoords();
        LocalBox all = LocalBox.all(dist.localShape());
        for (int a = 0; a < dist.ndim(); a++) {
            AxisDistribution axis = layout.axes().get(a);
            checkAxis(axis, a);
            List<Transfer> s = new ArrayList<>();
            List<Transfer> r = new ArrayList<>();
            if (dist.dim(a) instanceof Block) {
                for (Slab slab : slabs(axis, coords[a], true, a)) {
                    s.add(transfer(layout, coords, a, slab, all));
                }
                for (Slab slab : slabs(axis, coords[a], false, a)) {
                    r.add(transfer(layout, coords, a, slab, all));
                }
            }
            sends.add(s);
            recvs.add(r);
        }
    }

    private Transfer transfer(GlobalLayout layout, int[] coords, int a, Slab slab, LocalBox all) {
        int[] peer = coords.clone();
        peer[a] = slab.peerCoord();
        LocalBox box = all.withAxis(a, slab.from(), slab.to());
        long bytes = box.cellCount() * itemSize;
        if (bytes > Integer.MAX_VALUE) {
            throw new DistributionException("ghost exchange on axis " + a + ": a slab of " + bytes
                    + " bytes exceeds one message (2^31 - 1 bytes)");
        }
        // a replicated array has one grid position, held by every rank: each rank's peer is itself
        int peerRank = layout.rankCount() == 1 ? comm.rank() : layout.grid().rankOf(peer);
        return new Transfer(peerRank, slab.tag(), box, DirectBuffers.bytes((int) bytes));
    }

    /** The sends ({@code send}) or receives of grid position {@code c} along a block axis. */
    private static List<Slab> slabs(AxisDistribution axis, int c, boolean send, int a) {
        List<Slab> out = new ArrayList<>();
        if (!(axis.dimFor(c) instanceof Block d)) {
            return out;
        }
        int p = axis.gridSize();
        int toLower = TAG_BASE + 2 * a;
        int toHigher = toLower + 1;
        long len = d.localSize();
        if (c > 0) {
            if (send) {
                long w = ((Block) axis.dimFor(c - 1)).commPadRight();
                long lo = d.commPadLeft();
                add(out, new Slab(c - 1, toLower, lo, lo + w));
            } else {
                add(out, new Slab(c - 1, toHigher, 0, d.commPadLeft()));
            }
        }
        if (c < p - 1) {
            if (send) {
                long w = ((Block) axis.dimFor(c + 1)).commPadLeft();
                long hi = len - d.commPadRight();
                add(out, new Slab(c + 1, toHigher, hi - w, hi));
            } else {
                add(out, new Slab(c + 1, toLower, len - d.commPadRight(), len));
            }
        }
        if (d.periodic()) {
            if (c == p - 1) {
                if (send) {
                    long w = ((Block) axis.dimFor(0)).padLeft();
                    long hi = len - d.padRight();
                    add(out, new Slab(0, toHigher, hi - w, hi));
                } else {
                    add(out, new Slab(0, toLower, len - d.padRight(), len));
                }
            }
            if (c == 0) {
                if (send) {
                    long w = ((Block) axis.dimFor(p - 1)).padRight();
                    add(out, new Slab(p - 1, toLower, d.padLeft(), d.padLeft() + w));
                } else {
                    add(out, new Slab(p - 1, toHigher, 0, d.padLeft()));
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

    /**
     * Every grid position along the axis must send only cells it does not receive in the same step: a block smaller
     * than its neighbours' ghost widths cannot supply them. Checked for all positions, so every rank agrees.
     */
    private static void checkAxis(AxisDistribution axis, int a) {
        for (int c = 0; c < axis.gridSize(); c++) {
            for (Slab s : slabs(axis, c, true, a)) {
                long len = axis.dimFor(c).localSize();
                for (Slab r : slabs(axis, c, false, a)) {
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

    /** <b>Collective.</b> Runs the exchange, axis by axis. */
    void exchange(Storage st) {
        for (int a = 0; a < sends.size(); a++) {
            List<Transfer> r = recvs.get(a);
            List<Transfer> s = sends.get(a);
            if (r.isEmpty() && s.isEmpty()) {
                continue;
            }
            Request[] pending = new Request[r.size() + s.size()];
            int k = 0;
            for (Transfer t : r) {
                pending[k++] = comm.iRecv(t.buffer(), t.peer(), t.tag());
            }
            for (Transfer t : s) {
                StridedCopy.pack(st, t.box(), t.buffer(), 0);
                pending[k++] = comm.iSend(t.buffer(), t.peer(), t.tag());
            }
            Request.awaitAll(pending);
            for (Transfer t : r) {
                StridedCopy.unpack(t.buffer(), 0, st, t.box());
            }
        }
    }
}
