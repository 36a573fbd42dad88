package org.jdistarray.client;

import java.lang.ref.Cleaner;
import java.util.Arrays;

import org.jdistarray.client.internal.FreeQueue;
import org.jdistarray.protocol.DType;

/**
 * The client's proxy of a {@link org.jdistarray.array.DistArray} that lives on the engines, under an id that is the
 * same on every engine. Shape and dtype are known locally (they came back with the reply that made the array).
 * {@link #close()} frees the engines' array (batched into the next command); a proxy that becomes unreachable
 * without close is freed by the leak net ({@link Context#leaks()} counts those). Not thread-safe: use a proxy from
 * the client thread of its context.
 */
public final class RemoteArray extends RemoteArrayOps implements AutoCloseable {
    private final Context context;
    private final long id;
    private final long[] shape;
    private final DType dtype;
    private final FreeQueue.Free free;
    private final Cleaner.Cleanable cleanable;
    private volatile boolean closed;
    /** Why the command that was to make this array failed (a deferred command), or null. */
    private volatile String failure;

    RemoteArray(Context context, long id, long[] shape, DType dtype, FreeQueue queue) {
        this.context = context;
        this.id = id;
        this.shape = shape;
        this.dtype = dtype;
        this.free = new FreeQueue.Free(queue, id);
        this.cleanable = FreeQueue.CLEANER.register(this, free); // the action holds the queue and the id only
    }

    @Override
    protected Context context() {
        return context;
    }

    /** <b>Not collective.</b> The id of the engines' array (the same on every engine). */
    public long id() {
        return id;
    }

    /** <b>Not collective.</b> The global shape (a copy). */
    public long[] shape() {
        return shape.clone();
    }

    /** The shape itself, not a copy (for the context). */
    long[] shapeView() {
        return shape;
    }

    /**
     * Marks the proxy of a command that failed after the call had returned it (a deferred command, see
     * {@link Context#sync()}): closed (its free reaches the engines that made the array), and later uses say why.
     */
    void failed(String why) {
        failure = why;
        close();
    }

    /** Why this proxy's array was never made (its command failed after the call returned), or null. */
    String failure() {
        return failure;
    }

    /** <b>Not collective.</b> The number of dimensions. */
    public int ndim() {
        return shape.length;
    }

    /** <b>Not collective.</b> The global number of elements. */
    public long size() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    /** <b>Not collective.</b> The element type. */
    public DType dtype() {
        return dtype;
    }

    /** <b>Not collective.</b> Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * <b>Collective</b> (one command). Gathers the whole array to the client as a C-order double array
     * ({@code DistArray.toDoubleArray}).
     */
    public double[] toDoubleArray() {
        return context.callValue("array", "toDoubleArray", double[].class, this, 0);
    }

    /** <b>Collective</b> (one command). As {@link #toDoubleArray()}, as longs ({@code DistArray.toLongArray}). */
    public long[] toLongArray() {
        return context.callValue("array", "toLongArray", long[].class, this, 0);
    }

    /**
     * <b>Not collective.</b> Frees the engines' array: the free travels with the next command. Idempotent. The proxy
     * can no longer be used (an argument that was closed is refused on the client).
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            free.closing();
            cleanable.clean();
        }
    }

    @Override
    public String toString() {
        return "RemoteArray#" + id + "(shape=" + Arrays.toString(shape) + ", dtype=" + dtype.typeString()
                + (failure != null ? ", failed" : closed ? ", closed" : "") + ")";
    }
}
