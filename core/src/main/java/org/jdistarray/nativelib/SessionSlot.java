package org.jdistarray.nativelib;

import java.util.function.Supplier;

/**
 * The per-library half of the session lifecycle (with {@link SessionObjects}): the lock that orders a library's
 * session starts and ends in one process, and the library's open session when only one may be open at a time (PETSc,
 * Trilinos). A session class keeps one in a static field.
 *
 * @param <S> the session type
 */
public final class SessionSlot<S> {
    private final String name;
    private final Object lock = new Object();
    private volatile S active;

    /** @param name the session class's name, for messages ({@code "PetscSession"}) */
    public SessionSlot(String name) {
        this.name = name;
    }

    /**
     * <b>Not collective.</b> Runs {@code action} holding the library's lock (session starts and ends, which are
     * collective themselves, are ordered by it in this process).
     */
    public <T> T locked(Supplier<T> action) {
        synchronized (lock) {
            return action.get();
        }
    }

    /** <b>Not collective.</b> {@link #locked(Supplier)} for an action with no result. */
    public void locked(Runnable action) {
        synchronized (lock) {
            action.run();
        }
    }

    /**
     * <b>Not collective.</b> Throws if a session is open.
     *
     * @throws IllegalStateException naming the open session
     */
    public void checkNoneActive() {
        S s = active;
        if (s != null) {
            throw new IllegalStateException("a " + name + " is already open in this process: " + s);
        }
    }

    /** <b>Not collective.</b> Makes {@code session} the open one (holding the lock, after {@link #checkNoneActive}). */
    public S activate(S session) {
        active = session;
        return session;
    }

    /** <b>Not collective.</b> Clears the open session if it is {@code session}. */
    public void release(S session) {
        if (active == session) {
            active = null;
        }
    }

    /** <b>Not collective.</b> The open session, or null. */
    public S active() {
        return active;
    }

    /**
     * <b>Not collective.</b> The open session.
     *
     * @throws IllegalStateException if none is open
     */
    public S require() {
        S s = active;
        if (s == null) {
            throw new IllegalStateException("no " + name + " is open: open one with " + name + ".init(...) first");
        }
        return s;
    }
}
