package org.jdistarray.client;

import java.lang.ref.Cleaner;

import org.jdistarray.client.internal.FreeQueue;

/**
 * The client's proxy of any other object held by the engines (a generator, a distribution, a plan), made by
 * {@link Context#callObject}; pass it as an argument, or as the receiver of an {@code "array"} instance call. Freed
 * like a {@link RemoteArray}.
 */
public final class RemoteObject implements AutoCloseable {
    private final Context context;
    private final long id;
    private final String className;
    private final FreeQueue.Free free;
    private final Cleaner.Cleanable cleanable;
    private volatile boolean closed;

    RemoteObject(Context context, long id, String className, FreeQueue queue) {
        this.context = context;
        this.id = id;
        this.className = className;
        this.free = new FreeQueue.Free(queue, id);
        this.cleanable = FreeQueue.CLEANER.register(this, free); // the action holds the queue and the id only
    }

    /** <b>Not collective.</b> The context the object lives in. */
    public Context context() {
        return context;
    }

    /** <b>Not collective.</b> The id of the engines' object. */
    public long id() {
        return id;
    }

    /** <b>Not collective.</b> The engines' class of the object (engine 0's). */
    public String className() {
        return className;
    }

    /** <b>Not collective.</b> Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** <b>Not collective.</b> Frees the engines' object with the next command. Idempotent. */
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
        return "RemoteObject#" + id + "(" + className + (closed ? ", closed" : "") + ")";
    }
}
