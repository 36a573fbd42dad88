package org.jdistarray.nativelib;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The native handle of one object of a native library (a PETSc Vec, a Tpetra map...), for the final public classes
 * of the bridges that own one. Shared by the bridges so that every one follows the same ownership rules (style.md
 * §3.4):
 * <ul>
 * <li>{@link #close()} is idempotent and atomic: the handle is swapped to 0 and only a non-zero value is destroyed,
 * through the session's {@link Owner#destroy}.</li>
 * <li>A {@link Cleaner} is only a leak net: when the Java object is collected unclosed, the handle goes to
 * {@link Owner#leaked} on the Cleaner's thread, which must only record it; the session destroys it later on its own
 * thread (destroying is collective, and native libraries are not thread-safe).</li>
 * <li>{@link #get()} refuses a closed object or an inactive session with an exception, never a native crash.</li>
 * </ul>
 */
public final class NativeHandle {
    /** The session that owns the handles of one native library: registers them, destroys them, collects leaks. */
    public interface Owner {
        /** Throws if the session is closed. */
        void ensureActive();

        /** A handle was created. */
        void opened(NativeHandle handle);

        /** A handle is being closed explicitly (before {@link #destroy}). */
        void forget(NativeHandle handle);

        /** Destroys a handle that is closed explicitly, on the caller's thread. */
        void destroy(NativeHandle handle, long nativeHandle);

        /** From the Cleaner's thread: {@code handle}'s Java owner was collected unclosed. Record only; no native call. */
        void leaked(NativeHandle handle, long nativeHandle);
    }

    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicLong IDS = new AtomicLong();

    private final Owner owner;
    private final Object kind;
    private final String description;
    private final long id = IDS.incrementAndGet();
    private final AtomicLong handle;
    private final Cleaner.Cleanable cleanable;

    /**
     * @param owner      the session
     * @param javaObject the public object that owns the handle; the leak net watches it
     * @param handle     the native handle (non-zero)
     * @param kind       what kind of object it is, for the session's destroy call (may be null)
     * @param description for messages, e.g. {@code "PetscVec[size 100]"}
     */
    public NativeHandle(Owner owner, Object javaObject, long handle, Object kind, String description) {
        if (handle == 0) {
            throw new IllegalArgumentException(description + ": null native handle");
        }
        this.owner = owner;
        this.kind = kind;
        this.description = description;
        this.handle = new AtomicLong(handle);
        this.cleanable = CLEANER.register(javaObject, new LeakNet(this, this.handle));
        owner.opened(this);
    }

    /** The handle, checked: throws if the object or its session is closed. */
    public long get() {
        long h = handle.get();
        if (h == 0) {
            throw new IllegalStateException(description + " is closed");
        }
        owner.ensureActive();
        return h;
    }

    /** Whether {@link #close()} (or the session's end) has released the handle. */
    public boolean isClosed() {
        return handle.get() == 0;
    }

    /** A number unique in this JVM, in creation order. */
    public long id() {
        return id;
    }

    /** The kind given at creation. */
    public Object kind() {
        return kind;
    }

    /** Collective for collective objects. Destroys the object through the session. Idempotent. */
    public void close() {
        long h = handle.getAndSet(0);
        if (h == 0) {
            return;
        }
        owner.forget(this);
        cleanable.clean(); // the handle is 0 now: the leak net does nothing
        owner.destroy(this, h);
    }

    /** At the session's end: the object is gone (destroyed by the library's finalisation); no native call. */
    public void invalidate() {
        handle.set(0);
        cleanable.clean();
    }

    @Override
    public String toString() {
        return description;
    }

    /** Holds the handle and its record, never the Java object it watches (or it could never be collected). */
    private static final class LeakNet implements Runnable {
        private final NativeHandle record;
        private final AtomicLong handle;

        LeakNet(NativeHandle record, AtomicLong handle) {
            this.record = record;
            this.handle = handle;
        }

        @Override
        public void run() {
            long h = handle.getAndSet(0);
            if (h != 0) {
                record.owner.leaked(record, h);
            }
        }
    }
}
