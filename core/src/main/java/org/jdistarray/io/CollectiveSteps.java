package org.jdistarray.io;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

import org.jdistarray.comm.Communicator;

/**
 * A sequence of steps of file work in which some steps call a collective C library (parallel HDF5: {@code H5Fopen},
 * {@code H5Dread}, {@code H5Fclose} are collective over MPI-IO). A step that failed on one rank alone would leave the
 * others waiting inside the library's next collective call for a rank that never comes; so every {@link #step} ends
 * with an agreement ({@link IoAgreement}, that is {@code CollectiveErrors}) on the library's communicator, and the
 * next step starts only where every rank succeeded. On an agreed failure every rank throws the same
 * {@link ArrayFileException} (or the failure's own class) and {@link #close} releases, on every rank and in reverse
 * order, the handles registered by the steps that succeeded everywhere, so the ranks also make the same collective
 * close calls. Local work that precedes a collective call must be its own step, before the call's step.
 *
 * <p>What it cannot catch: a failure inside one collective library call on one rank alone while the others' same call
 * waits for it inside MPI (a library's internal collectives are beyond the caller's reach, as in any MPI-IO code).
 */
final class CollectiveSteps implements AutoCloseable {
    /**
     * Test hook: called with every step's name and the rank, before a local step's work and after a collective
     * step's call; may throw.
     */
    static volatile ObjIntConsumer<String> fault;

    private final Communicator comm;
    private final String file;
    private final Deque<Runnable> closers = new ArrayDeque<>();

    CollectiveSteps(Communicator comm, String file) {
        this.comm = comm;
        this.file = file;
    }

    /**
     * <b>Collective.</b> A local step (no collective library call inside): runs {@code body} here and agrees on the
     * outcome with every rank of the communicator.
     *
     * @return the body's result when it succeeded on every rank
     * @throws RuntimeException on every rank if it failed on any (this rank's failure, or one naming the rank that
     *     failed)
     */
    <T> T step(String name, Supplier<T> body) {
        return IoAgreement.agree(comm, file, () -> {
            hook(name);
            return body.get();
        });
    }

    /**
     * <b>Collective.</b> A step whose {@code body} makes one collective library call (every rank enters it, since
     * every earlier step succeeded everywhere), then checks its result; the outcome is agreed before the next step.
     */
    <T> T collective(String name, Supplier<T> body) {
        return IoAgreement.agree(comm, file, () -> {
            T result = body.get();
            hook(name); // a failure seen on one rank after the call: what the agreement is for
            return result;
        });
    }

    /** {@link #step} with no result. */
    void run(String name, Runnable body) {
        step(name, () -> {
            body.run();
            return null;
        });
    }

    /** {@link #collective} with no result. */
    void runCollective(String name, Runnable body) {
        collective(name, () -> {
            body.run();
            return null;
        });
    }

    private void hook(String name) {
        ObjIntConsumer<String> f = fault;
        if (f != null) {
            f.accept(name, comm.rank());
        }
    }

    /** Registers a release to run on {@link #close} (last registered, first run). Not collective. */
    void onClose(Runnable closer) {
        closers.push(closer);
    }

    /**
     * Runs the registered releases, last first; a failing release does not stop the others. Collective where the
     * releases are (every rank registered the same ones, since each step succeeded everywhere or failed everywhere).
     */
    @Override
    public void close() {
        RuntimeException first = null;
        while (!closers.isEmpty()) {
            try {
                closers.pop().run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
