package org.jdistarray.array;

import java.nio.ByteBuffer;
import java.util.List;

import org.jdistarray.array.internal.LocalBox;
import org.jdistarray.array.internal.Storage;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DimDistribution;

/**
 * Whole-array moves between one root and every rank, point to point in pieces of at most {@code 2^30} bytes (so
 * neither a message nor a displacement overflows an {@code int}): gathering the owned elements to the root and
 * scattering a global array from the root into every rank's block.
 */
final class Transfers {
    static final int TAG_GATHER = 30_001;
    static final int TAG_SCATTER = 30_002;
    static final int PIECE = 1 << 30;

    /** Receives one gathered element: its global flat index and where its bytes (array dtype) are. */
    @FunctionalInterface
    interface ElementSink {
        void accept(long flat, ByteBuffer b, int pos);
    }

    /** Writes the element of global flat index {@code flat}, in dtype {@code t}, at {@code pos} of {@code b}. */
    @FunctionalInterface
    interface ElementSource {
        void write(long flat, ByteBuffer b, int pos);
    }

    private Transfers() {
    }

    /** <b>Collective.</b> Every rank's owned elements to {@code sink} on the root. */
    static void gather(DistArray a, Storage st, int root, ElementSink sink) {
        Distribution dist = a.distribution();
        Communicator comm = dist.context().comm();
        int item = st.dtype().itemSize();
        // one copy of every element: all ranks of a partition, the root's own copy of a replicated array
        int[] sources = dist.blockSources(root);
        if (dist.rank() != root) {
            if (java.util.Arrays.stream(sources).noneMatch(r -> r == dist.rank())) {
                return;
            }
            LocalBox box = LocalBox.owned(dist.dimData());
            PieceWriter w = new PieceWriter(comm, root, TAG_GATHER, box.cellCount() * item);
            box.forEachRow((local, offset, length) -> {
                long done = 0;
                while (done < length) {
                    int n = (int) Math.min(length - done, w.room() / item);
                    st.copyOut(offset + done, n, w.buffer(), w.position());
                    w.advance(n * item);
                    done += n;
                }
            });
            w.finish();
            return;
        }
        long[] shape = dist.shape();
        for (int r : sources) {
            List<DimDistribution> dims = dist.mapOf(r).dims();
            LocalBox box = LocalBox.owned(dims);
            if (r == root) {
                box.forEachCell(dims, shape, (g, flat, off) -> sink.accept(flat, st.chunkOf(off), st.posOf(off)));
            } else {
                PieceReader in = new PieceReader(comm, r, TAG_GATHER, box.cellCount() * item);
                box.forEachCell(dims, shape, (g, flat, off) -> {
                    int pos = in.next(item);
                    sink.accept(flat, in.buffer(), pos);
                });
            }
        }
    }

    /** <b>Collective.</b> Fills every rank's whole block (padding included) from {@code source} on the root. */
    static void scatter(Distribution dist, Storage st, int root, ElementSource source) {
        Communicator comm = dist.context().comm();
        int item = st.dtype().itemSize();
        if (dist.rank() != root) {
            long total = dist.localElementCount() * item;
            long offset = 0;
            for (long done = 0; done < total; ) {
                int n = (int) Math.min(PIECE, total - done);
                ByteBuffer piece = DirectBuffers.bytes(n);
                comm.recv(piece, root, TAG_SCATTER);
                st.copyIn(piece, 0, offset, n / item);
                offset += n / item;
                done += n;
            }
            return;
        }
        long[] shape = dist.shape();
        for (int r = 0; r < comm.size(); r++) {
            if (dist.mapOf(r).holdsNothing()) {
                continue; // a rank without a part of a 0-d array held elsewhere
            }
            List<DimDistribution> dims = dist.mapOf(r).dims();
            long[] localShape = dist.localShapeOf(r);
            LocalBox box = LocalBox.all(localShape);
            if (r == root) {
                box.forEachCell(dims, shape, (g, flat, off) -> source.write(flat, st.chunkOf(off), st.posOf(off)));
            } else {
                PieceWriter w = new PieceWriter(comm, r, TAG_SCATTER, box.cellCount() * item);
                box.forEachCell(dims, shape, (g, flat, off) -> {
                    source.write(flat, w.buffer(), w.position());
                    w.advance(item);
                });
                w.finish();
            }
        }
    }

    /** <b>Not collective.</b> Fills this rank's whole block from a source every rank has. */
    static void fillLocal(Distribution dist, Storage st, ElementSource source) {
        if (dist.localMap().holdsNothing()) {
            return;
        }
        LocalBox.all(dist.localShape()).forEachCell(dist.dimData(), dist.shape(),
                (g, flat, off) -> source.write(flat, st.chunkOf(off), st.posOf(off)));
    }

    /** Sends {@code total} bytes in pieces of at most {@link #PIECE}, each sent when full. */
    private static final class PieceWriter {
        private final Communicator comm;
        private final int dest;
        private final int tag;
        private long remaining;
        private ByteBuffer piece;
        private int pos;

        PieceWriter(Communicator comm, int dest, int tag, long total) {
            this.comm = comm;
            this.dest = dest;
            this.tag = tag;
            this.remaining = total;
            next();
        }

        private void next() {
            piece = remaining > 0 ? DirectBuffers.bytes((int) Math.min(PIECE, remaining)) : null;
            pos = 0;
        }

        ByteBuffer buffer() {
            return piece;
        }

        int position() {
            return pos;
        }

        int room() {
            return piece.capacity() - pos;
        }

        void advance(int bytes) {
            pos += bytes;
            if (pos == piece.capacity()) {
                comm.send(piece, dest, tag);
                remaining -= pos;
                next();
            }
        }

        void finish() {
            if (remaining != 0) {
                throw new IllegalStateException("internal: " + remaining + " bytes were never sent to rank " + dest);
            }
        }
    }

    /** Receives {@code total} bytes in the pieces a {@link PieceWriter} sends. */
    private static final class PieceReader {
        private final Communicator comm;
        private final int source;
        private final int tag;
        private long remaining;
        private ByteBuffer piece;
        private int pos;

        PieceReader(Communicator comm, int source, int tag, long total) {
            this.comm = comm;
            this.source = source;
            this.tag = tag;
            this.remaining = total;
        }

        ByteBuffer buffer() {
            return piece;
        }

        /** The position of the next element of {@code item} bytes, receiving a piece when needed. */
        int next(int item) {
            if (piece == null || pos == piece.capacity()) {
                piece = DirectBuffers.bytes((int) Math.min(PIECE, remaining));
                comm.recv(piece, source, tag);
                remaining -= piece.capacity();
                pos = 0;
            }
            int p = pos;
            pos += item;
            return p;
        }
    }
}
