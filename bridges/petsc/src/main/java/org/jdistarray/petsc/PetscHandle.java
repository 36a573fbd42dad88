package org.jdistarray.petsc;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;

import org.jdistarray.petsc.internal.Petsc;

/**
 * The native handle of one PETSc object, for the final public classes that own one. {@link #close()} is idempotent
 * and atomic (the handle is swapped to 0 and only a non-zero value is destroyed). The {@link Cleaner} is a leak net
 * only: it never calls PETSc from the GC thread (destroying is collective); it hands the handle to the session,
 * which queues it for {@code PetscObjectDelayedDestroy} on the session's thread and counts a leak.
 */
final class PetscHandle {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicLong IDS = new AtomicLong();

    private final PetscSession session;
    private final String description;
    private final long id = IDS.incrementAndGet();
    private final AtomicLong handle;
    private final Cleaner.Cleanable cleanable;

    PetscHandle(PetscSession session, Object owner, long handle, String description) {
        this.session = session;
        this.description = description;
        this.handle = new AtomicLong(handle);
        this.cleanable = CLEANER.register(owner, new LeakNet(session, this.handle, id));
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

    PetscSession session() {
        return session;
    }

    /** <b>Collective.</b> Destroys the object (if the session is still active). Idempotent. */
    void close() {
        long h = handle.getAndSet(0);
        if (h == 0) {
            return;
        }
        session.forget(this);
        cleanable.clean(); // handle is 0 now: the leak net does nothing
        if (session.isActive()) {
            Petsc.destroy(h, description);
        }
    }

    /** At session close: the object is gone (destroyed by the session or by PetscFinalize). */
    void invalidate() {
        handle.set(0);
        cleanable.clean();
    }

    @Override
    public String toString() {
        return description;
    }

    private static final class LeakNet implements Runnable {
        private final PetscSession session;
        private final AtomicLong handle;
        private final long id;

        LeakNet(PetscSession session, AtomicLong handle, long id) {
            this.session = session;
            this.handle = handle;
            this.id = id;
        }

        @Override
        public void run() {
            long h = handle.getAndSet(0);
            if (h != 0) {
                session.leaked(id, h);
            }
        }
    }
}
