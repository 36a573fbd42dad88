package org.jdistarray.comm.mpi;

import java.io.PrintStream;

import org.jdistarray.comm.mpi.internal.MpiBinding;

/**
 * The default uncaught-exception handler {@link MpiSession#init} installs (mpi4py's {@code -m mpi4py} rule): print
 * the exception with the rank to {@code System.err}, then {@code MPI_Abort(MPI_COMM_WORLD, 1)}, so that a rank that
 * dies does not leave the others waiting in a collective forever. Printing here is the point of this class, the one
 * place where the library writes to a standard stream. When MPI is not running (not yet initialised, or already
 * finalised), it hands the exception to the handler that was installed before, or prints it as the JVM would.
 */
final class AbortOnUncaught implements Thread.UncaughtExceptionHandler {
    /** Exit code of the aborted job. */
    static final int ABORT_CODE = 1;

    private final MpiBinding mpi;
    private final Thread.UncaughtExceptionHandler previous;

    AbortOnUncaught(MpiBinding mpi, Thread.UncaughtExceptionHandler previous) {
        this.mpi = mpi;
        this.previous = previous;
    }

    @Override
    public void uncaughtException(Thread t, Throwable e) {
        if (previous != null) {
            previous.uncaughtException(t, e);
        }
        boolean running;
        try {
            running = mpi.initialized() && !mpi.finalized();
        } catch (RuntimeException | Error notLoaded) {
            running = false;
        }
        PrintStream err = System.err;
        if (!running) {
            if (previous == null) {
                err.print("Exception in thread \"" + t.getName() + "\" ");
                e.printStackTrace(err);
            }
            return;
        }
        String rank;
        try {
            long world = mpi.commWorld();
            rank = "[rank " + mpi.rank(world) + " of " + mpi.size(world) + "]";
        } catch (RuntimeException | Error unknown) {
            rank = "[rank ?]";
        }
        err.println(rank + " uncaught exception in thread \"" + t.getName() + "\"; ending the MPI job with MPI_Abort"
                + " (opt out: -D" + MpiSession.ABORT_ON_UNCAUGHT_PROPERTY + "=false)");
        e.printStackTrace(err);
        err.flush();
        System.out.flush();
        pauseForTheLauncher();
        mpi.abort(mpi.commWorld(), ABORT_CODE);
    }

    /**
     * Gives the launcher time to forward what this rank printed: MPICH's hydra kills the job on {@code MPI_Abort}
     * without draining the ranks' output pipes, so the message would be lost.
     */
    private static void pauseForTheLauncher() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }
}
