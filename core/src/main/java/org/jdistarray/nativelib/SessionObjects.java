package org.jdistarray.nativelib;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The objects one session of a native library owns (MPI communicators, PETSc and Tpetra objects), and the session's
 * state: the one lifecycle {@code MpiSession}, {@code PetscSession} and {@code TrilinosSession} share (with
 * {@link SessionSlot}, the per-library lock and active session).
 * <ul>
 * <li>an open-object registry in creation order ({@link #opened}, {@link #forget}, {@link #closeOpen} closes what is
 * left, newest first, and names it);</li>
 * <li>a leak counter and the destroys of leaked objects, deferred to the session's thread ({@link #leaked} is called
 * from the Cleaner's thread and only records; {@link #drain} runs the destroys, collective work is never done on a
 * GC thread);</li>
 * <li>the closed flag ({@link #isClosed}, {@link #markClosed}).</li>
 * </ul>
 * Thread-safe. The session that creates it is its owner thread (where deferred destroys run on their own).
 *
 * @param <R> the type of the registered objects
 */
public final class SessionObjects<R> {
    /** Destroys one native handle of a session, with the record that held it. */
    @FunctionalInterface
    public interface Destroyer {
        /**
         * <b>Collective</b> when the object is (as its library says). Destroys {@code nativeHandle}, held by
         * {@code handle}.
         */
        void destroy(NativeHandle handle, long nativeHandle);
    }

    private final Map<R, Long> open = new ConcurrentHashMap<>();
    private final AtomicLong order = new AtomicLong();
    private final Queue<Runnable> deferred = new ConcurrentLinkedQueue<>();
    private final AtomicInteger leaks = new AtomicInteger();
    private final Thread owner = Thread.currentThread();
    private volatile boolean closed;

    /** <b>Not collective.</b> Records a created object. */
    public void opened(R object) {
        open.put(object, order.incrementAndGet());
    }

    /** <b>Not collective.</b> Removes a closed object; whether it was registered. */
    public boolean forget(R object) {
        return open.remove(object) != null;
    }

    /** <b>Not collective.</b> Number of registered (open) objects. */
    public int openCount() {
        return open.size();
    }

    /** <b>Not collective.</b> The open objects, oldest first (a snapshot). */
    public List<R> openInCreationOrder() {
        List<Map.Entry<R, Long>> entries = new ArrayList<>(open.entrySet());
        entries.sort(Map.Entry.comparingByValue(Comparator.naturalOrder()));
        List<R> out = new ArrayList<>(entries.size());
        for (Map.Entry<R, Long> e : entries) {
            out.add(e.getKey());
        }
        return out;
    }

    /**
     * <b>Not collective</b> (collective as the closes it makes). Closes every open object with {@code close}, newest
     * first, and returns their names ({@code toString()}) in that order: what a session's {@code close()} reports as
     * left open.
     */
    public List<String> closeOpen(Consumer<R> close) {
        List<R> left = openInCreationOrder();
        List<String> names = new ArrayList<>(left.size());
        for (int i = left.size() - 1; i >= 0; i--) {
            names.add(left.get(i).toString());
            close.accept(left.get(i));
        }
        return names;
    }

    /** <b>Not collective.</b> The names of the open objects, oldest first, without closing them. */
    public List<String> openNames() {
        List<String> names = new ArrayList<>();
        for (R r : openInCreationOrder()) {
            names.add(r.toString());
        }
        return names;
    }

    /**
     * <b>Not collective.</b> From the Cleaner's thread: {@code object} was collected unclosed. Counts the leak,
     * forgets the object and, while the session is open, queues {@code destroyLater} for the session's thread. Makes
     * no native call.
     */
    public void leaked(R object, Runnable destroyLater) {
        leaks.incrementAndGet();
        open.remove(object);
        if (!closed) {
            deferred.add(destroyLater);
        }
    }

    /** <b>Not collective.</b> Objects the garbage collector found unclosed (tests expect 0). */
    public int leakCount() {
        return leaks.get();
    }

    /** <b>Not collective</b> (collective as the destroys it runs). Runs the deferred destroys on the caller's thread. */
    public void drain() {
        for (Runnable r = deferred.poll(); r != null; r = deferred.poll()) {
            r.run();
        }
    }

    /** <b>Not collective.</b> {@link #drain()} if called on the session's own thread, else nothing. */
    public void drainIfOwner() {
        if (Thread.currentThread() == owner) {
            drain();
        }
    }

    /** <b>Not collective.</b> Whether {@link #markClosed()} has run. */
    public boolean isClosed() {
        return closed;
    }

    /** <b>Not collective.</b> Marks the session closed: later leaks are counted but no longer queued. */
    public void markClosed() {
        closed = true;
    }

    /**
     * <b>Not collective.</b> The {@link NativeHandle.Owner} for a session whose objects are {@link NativeHandle}s:
     * registers them here (draining deferred destroys when on the session's thread), destroys explicitly closed ones
     * with {@code destroy} while the session is open, and defers leaked ones to {@code destroyLeaked}.
     *
     * @param ensureActive throws if the session is closed
     */
    public static NativeHandle.Owner handleOwner(SessionObjects<NativeHandle> objects, Runnable ensureActive,
            Destroyer destroy, Destroyer destroyLeaked) {
        return new NativeHandle.Owner() {
            @Override
            public void ensureActive() {
                ensureActive.run();
            }

            @Override
            public void opened(NativeHandle h) {
                objects.opened(h);
                objects.drainIfOwner();
            }

            @Override
            public void forget(NativeHandle h) {
                objects.forget(h);
            }

            @Override
            public void destroy(NativeHandle h, long nativeHandle) {
                if (!objects.isClosed()) {
                    destroy.destroy(h, nativeHandle);
                }
            }

            @Override
            public void leaked(NativeHandle h, long nativeHandle) {
                objects.leaked(h, () -> destroyLeaked.destroy(h, nativeHandle));
            }
        };
    }
}
