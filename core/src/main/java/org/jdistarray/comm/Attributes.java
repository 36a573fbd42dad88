package org.jdistarray.comm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * State that a library keeps on a communicator and that ends with it, as MPI's attribute caching
 * ({@code MPI_Comm_set_attr} with a delete callback) and PETSc's inner communicator: JDistArray keeps its private
 * duplicate of the communicator here (see {@code org.jdistarray.comm.CommContext}). Every {@link Communicator}
 * has one; its {@link Communicator#close()} closes the values first, newest first.
 *
 * <p>Keys are compared by identity-based {@code equals} of the key objects (use a private constant). Values are
 * {@link AutoCloseable}; closing one may be collective (freeing a communicator), which is why a communicator's
 * {@code close()} is collective when it has attributes.
 */
public final class Attributes implements AutoCloseable {
    private final Map<Object, AutoCloseable> values = new LinkedHashMap<>();
    private boolean closed;

    /** An empty cache (for implementations of {@link Communicator}). */
    public Attributes() {
    }

    /**
     * <b>Not collective</b> by itself; {@code create} may be. The value under {@code key}, created by {@code create}
     * and cached when absent. Every rank must ask for the same keys in the same order when {@code create} is collective.
     *
     * @throws IllegalStateException if the communicator (and so this cache) is closed
     */
    public synchronized <T extends AutoCloseable> T computeIfAbsent(Object key, Class<T> type, Supplier<T> create) {
        if (closed) {
            throw new IllegalStateException("the communicator is closed: no attribute can be created on it");
        }
        AutoCloseable v = values.get(key);
        if (v == null) {
            v = create.get();
            values.put(key, v);
        }
        return type.cast(v);
    }

    /** <b>Not collective.</b> The value under {@code key}, or null. */
    public synchronized <T extends AutoCloseable> T get(Object key, Class<T> type) {
        return type.cast(values.get(key));
    }

    /** <b>Not collective.</b> Whether {@link #close()} has run. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /**
     * <b>Collective</b> when a value's close is (the communicator's owner calls it from its own {@code close()}).
     * Closes every value, newest first, even when one fails; then rethrows the first failure. Idempotent.
     */
    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(values.values());
            values.clear();
        }
        RuntimeException first = null;
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                RuntimeException r = e instanceof RuntimeException re ? re
                        : new CommunicationException("closing a communicator attribute failed: " + e, e);
                if (first == null) {
                    first = r;
                } else {
                    first.addSuppressed(r);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
