package org.jdistarray.trilinos;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;

import org.jdistarray.trilinos.internal.Tpetra;

/**
 * The native handle of one shim object, for the final public classes that own one. {@link #close()} is idempotent
 * and atomic (the handle is swapped to 0 and only a non-zero value is destroyed). The {@link Cleaner} is a leak net
 * only: it never calls the shim from the GC thread (Teuchos reference counts are not thread-safe); it hands the
 * handle to the session, which counts a leak and destroys it on the session's thread.
 */
final class TrilinosHandle {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicLong IDS = new AtomicLong();

    private final TrilinosSession session;
    private final Tpetra.Kind kind;
    private final String description;
    private final long id = IDS.incrementAndGet();
    private final AtomicLong handle;
    private final Cleaner.Cleanable cleanable;

    TrilinosHandle(TrilinosSession session, Object owner, Tpetra.Kind kind, long handle, String description) {
        this.session = session;
        this.kind = kind;
        this.description = description;
        this.handle = new AtomicLong(handle);
        this.cleanable = CLEANER.register(owner, new LeakNet(session, kind, this.handle, id));
        session.opened(this);
    }

    /** The handle, checked: throws if the object or its session is closed. */
    long get() {
        long h = handle.get();
        if (h == 0) {
            throw new IllegalStateException(description + " is closed");
        }
        session.ensureActive();
        return h;
    }

    boolean isClosed() {
        return handle.get() == 0;
    }

    long id() {
        return id;
    }

    TrilinosSession session() {
        return session;
    }

    /** Destroys the object. Idempotent. */
    void close() {
        long h = handle.getAndSet(0);
        if (h == 0) {
            return;
        }
        session.forget(this);
        cleanable.clean(); // handle is 0 now: the leak net does nothing
        Tpetra.destroy(kind, h);
    }

    @Override
    public String toString() {
        return description;
    }

    private static final class LeakNet implements Runnable {
        private final TrilinosSession session;
        private final Tpetra.Kind kind;
        private final AtomicLong handle;
        private final long id;

        LeakNet(TrilinosSession session, Tpetra.Kind kind, AtomicLong handle, long id) {
            this.session = session;
            this.kind = kind;
            this.handle = handle;
            this.id = id;
        }

        @Override
        public void run() {
            long h = handle.getAndSet(0);
            if (h != 0) {
                session.leaked(id, kind, h);
            }
        }
    }
}
