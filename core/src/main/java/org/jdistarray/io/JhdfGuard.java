package org.jdistarray.io;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A time bound on jHDF's parsing of one file: a corrupt file whose metadata points back into itself (an object header
 * continuation, a group's link or a B-tree node naming an ancestor) makes jHDF read in a loop forever, found by
 * {@code ReaderFuzzTest}. The work runs on the calling thread; if it has not finished after {@link #seconds()}
 * ({@value #PROPERTY}, default {@value #DEFAULT_SECONDS} s, far above any honest file's metadata), the thread is
 * interrupted, which closes jHDF's file channel so that its next read fails, and the work ends in an
 * {@link ArrayFileException} naming the file; so does an {@link OutOfMemoryError} (jHDF allocating from a forged
 * size). Not collective (it bounds one rank's step, which is then agreed).
 */
final class JhdfGuard {
    static final String PROPERTY = "jdistarray.hdf5.jhdfSeconds";
    static final long DEFAULT_SECONDS = 30;

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jdistarray-jhdf-guard");
        t.setDaemon(true);
        return t;
    });

    private JhdfGuard() {
    }

    static long seconds() {
        String v = System.getProperty(PROPERTY);
        if (v == null) {
            return DEFAULT_SECONDS;
        }
        try {
            return Math.max(1, Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + v + ": not a number of seconds");
        }
    }

    /** Runs {@code work} here within the time bound; its I/O errors (and the bound) as ArrayFileExceptions. */
    static <T> T bounded(String file, IoAgreement.IoStep<T> work) {
        long limit = seconds();
        Thread me = Thread.currentThread();
        AtomicBoolean fired = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        ScheduledFuture<?> alarm = TIMER.schedule(() -> {
            synchronized (done) {
                if (!done.get()) {
                    fired.set(true);
                    me.interrupt();
                }
            }
        }, limit, TimeUnit.SECONDS);
        try {
            return work.run();
        } catch (IOException | RuntimeException e) {
            if (fired.get()) {
                throw timeout(file, limit, e);
            }
            if (e instanceof IOException io) {
                throw new ArrayFileException(file + ": " + io, io);
            }
            throw (RuntimeException) e;
        } catch (OutOfMemoryError e) {
            throw outOfMemory(file, e);
        } finally {
            synchronized (done) {
                done.set(true);
                alarm.cancel(false);
            }
            if (fired.get()) {
                Thread.interrupted(); // ours, not the caller's
            }
        }
    }

    /**
     * jHDF allocating from a forged size field (found by {@code ReaderFuzzTest}'s long run: a chunked file's mutated
     * metadata made one rank ask for more than the heap): the allocation failed, nothing was made, so the rank goes
     * on and reports the file as corrupt like the others.
     */
    static ArrayFileException outOfMemory(String file, OutOfMemoryError e) {
        return new ArrayFileException(file + ": corrupt HDF5 file: jHDF ran out of memory reading it (a forged size "
                + "field?): " + e, e);
    }

    private static ArrayFileException timeout(String file, long limit, Exception cause) {
        return new ArrayFileException(file + ": jHDF did not finish reading the file's metadata within " + limit
                + " s (a corrupt file whose metadata loops back on itself?; -D" + PROPERTY + "=seconds)", cause);
    }
}
