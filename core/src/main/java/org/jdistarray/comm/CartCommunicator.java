package org.jdistarray.comm;

import java.nio.Buffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jdistarray.protocol.ProcessGrid;

/**
 * A communicator whose ranks form a Cartesian process grid, in C order (last coordinate fastest), as
 * {@code MPI_Cart_create} with {@code reorder = false}: the grid keeps exactly the dims it was created with. Built on
 * {@link Communicator#split} so that every communicator gets it; {@link #sub} works like {@code MPI_Cart_sub}.
 * Owns the communicator it wraps and closes it.
 */
public final class CartCommunicator implements Communicator {
    private final Communicator comm;
    private final ProcessGrid grid;
    private final int[] coords;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Attributes attributes = new Attributes();

    private CartCommunicator(Communicator comm, ProcessGrid grid) {
        if (comm.size() != grid.size()) {
            throw new IllegalStateException("grid of " + grid.size() + " ranks on a communicator of " + comm.size());
        }
        this.comm = comm;
        this.grid = grid;
        this.coords = coordsOf(grid, comm.rank());
    }

    static CartCommunicator create(Communicator parent, int[] dims) {
        ProcessGrid grid = new ProcessGrid(dims);
        if (grid.size() > parent.size()) {
            throw new IllegalArgumentException("grid " + Arrays.toString(dims) + " needs " + grid.size()
                    + " ranks, the communicator has " + parent.size());
        }
        boolean member = parent.rank() < grid.size();
        Communicator c = parent.split(member ? 0 : UNDEFINED, parent.rank());
        return c == null ? null : new CartCommunicator(c, grid);
    }

    /** <b>Not collective.</b> The grid dims (a copy). */
    public int[] dims() {
        return grid.shape();
    }

    /** <b>Not collective.</b> The process grid. */
    public ProcessGrid grid() {
        return grid;
    }

    /** <b>Not collective.</b> This rank's grid coordinates (a copy; {@code MPI_Cart_coords}). */
    public int[] coords() {
        return coords.clone();
    }

    /** <b>Not collective.</b> Grid coordinates of {@code rank}. */
    public int[] coords(int rank) {
        return coordsOf(grid, rank);
    }

    /** <b>Not collective.</b> Rank at grid coordinates {@code coords} ({@code MPI_Cart_rank}). */
    public int rankOf(int... coords) {
        return grid.rankOf(coords);
    }

    /**
     * <b>Collective.</b> The sub-grid through this rank that keeps the axes with {@code keepAxes[i] == true}, as
     * {@code MPI_Cart_sub}: ranks that differ only in kept coordinates share a sub-communicator. Caller must close it.
     */
    public CartCommunicator sub(boolean... keepAxes) {
        int[] dims = grid.shape();
        if (keepAxes.length != dims.length) {
            throw new IllegalArgumentException("sub: " + keepAxes.length + " flags for a grid of " + dims.length + " axes");
        }
        int color = 0;
        int key = 0;
        int kept = 0;
        for (int i = 0; i < dims.length; i++) {
            if (keepAxes[i]) {
                key = key * dims[i] + coords[i];
                kept++;
            } else {
                color = color * dims[i] + coords[i];
            }
        }
        int[] subDims = new int[kept];
        for (int i = 0, k = 0; i < dims.length; i++) {
            if (keepAxes[i]) {
                subDims[k++] = dims[i];
            }
        }
        return new CartCommunicator(comm.split(color, key), new ProcessGrid(subDims));
    }

    private static int[] coordsOf(ProcessGrid grid, int rank) {
        if (rank < 0 || rank >= grid.size()) {
            throw new IndexOutOfBoundsException("rank " + rank + " not in a grid of " + grid.size());
        }
        int[] dims = grid.shape();
        int[] c = new int[dims.length];
        for (int i = dims.length - 1; i >= 0; i--) {
            c[i] = rank % dims[i];
            rank /= dims[i];
        }
        return c;
    }

    @Override
    public int rank() {
        return comm.rank();
    }

    @Override
    public int size() {
        return comm.size();
    }

    @Override
    public void barrier() {
        comm.barrier();
    }

    @Override
    public void broadcast(Buffer buffer, int root) {
        comm.broadcast(buffer, root);
    }

    @Override
    public void allReduce(Buffer send, Buffer recv, ReduceOp op) {
        comm.allReduce(send, recv, op);
    }

    @Override
    public void allReduce(Buffer buffer, ReduceOp op) {
        comm.allReduce(buffer, op);
    }

    @Override
    public void reduce(Buffer send, Buffer recv, ReduceOp op, int root) {
        comm.reduce(send, recv, op, root);
    }

    @Override
    public void allGather(Buffer send, Buffer recv) {
        comm.allGather(send, recv);
    }

    @Override
    public void allGatherV(Buffer send, Buffer recv, int[] counts, int[] displs) {
        comm.allGatherV(send, recv, counts, displs);
    }

    @Override
    public void gather(Buffer send, Buffer recv, int root) {
        comm.gather(send, recv, root);
    }

    @Override
    public void gatherV(Buffer send, Buffer recv, int[] counts, int[] displs, int root) {
        comm.gatherV(send, recv, counts, displs, root);
    }

    @Override
    public void scatter(Buffer send, Buffer recv, int root) {
        comm.scatter(send, recv, root);
    }

    @Override
    public void scatterV(Buffer send, int[] counts, int[] displs, Buffer recv, int root) {
        comm.scatterV(send, counts, displs, recv, root);
    }

    @Override
    public void allToAll(Buffer send, Buffer recv) {
        comm.allToAll(send, recv);
    }

    @Override
    public void allToAllV(Buffer send, int[] sendCounts, int[] sendDispls, Buffer recv, int[] recvCounts, int[] recvDispls) {
        comm.allToAllV(send, sendCounts, sendDispls, recv, recvCounts, recvDispls);
    }

    @Override
    public void send(Buffer buffer, int dest, int tag) {
        comm.send(buffer, dest, tag);
    }

    @Override
    public Status recv(Buffer buffer, int source, int tag) {
        return comm.recv(buffer, source, tag);
    }

    @Override
    public Status sendRecv(Buffer send, int dest, int sendTag, Buffer recv, int source, int recvTag) {
        return comm.sendRecv(send, dest, sendTag, recv, source, recvTag);
    }

    @Override
    public Request iSend(Buffer buffer, int dest, int tag) {
        return comm.iSend(buffer, dest, tag);
    }

    @Override
    public Request iRecv(Buffer buffer, int source, int tag) {
        return comm.iRecv(buffer, source, tag);
    }

    @Override
    public Communicator split(int color, int key) {
        return comm.split(color, key);
    }

    @Override
    public Communicator dup() {
        return comm.dup();
    }

    /** <b>Collective.</b> Frees the wrapped communicator. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                attributes.close();
            } finally {
                comm.close();
            }
        }
    }

    @Override
    public Attributes attributes() {
        return attributes;
    }

    @Override
    public String toString() {
        return "CartCommunicator" + Arrays.toString(grid.shape()) + " rank " + rank() + " at " + Arrays.toString(coords);
    }
}
