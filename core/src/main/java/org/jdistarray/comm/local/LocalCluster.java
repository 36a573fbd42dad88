package org.jdistarray.comm.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jdistarray.comm.CommunicationException;
import org.jdistarray.comm.Communicator;

/**
 * Runs a rank function on N threads of this JVM, each with its own {@link ThreadCommunicator} rank of one world
 * communicator: SPMD code without MPI.
 *
 * <pre>{@code
 * LocalCluster.run(4, comm -> {
 *     double total = Collectives.sum(comm, comm.rank());
 * });
 * }</pre>
 *
 * <p>When a rank throws, every communicator of the run breaks (ranks waiting in collectives or receives fail at once
 * with a message naming the failed rank), the other rank threads are interrupted, and {@code run} rethrows the first
 * failure with its rank named; the other ranks' failures are attached as suppressed exceptions. When a rank's function
 * returns, its communicators are closed, so peers still waiting for it fail instead of hanging. The whole run is
 * bounded by a timeout, and so is every single wait inside it.
 */
public final class LocalCluster {
    /** Timeout of {@link #run(int, RankTask)}: one minute. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicInteger RUNS = new AtomicInteger();

    /** Code that runs on every rank. */
    @FunctionalInterface
    public interface RankTask {
        void run(Communicator comm) throws Exception;
    }

    /** Code that runs on every rank and returns a value. */
    @FunctionalInterface
    public interface RankFunction<T> {
        T apply(Communicator comm) throws Exception;
    }

    private LocalCluster() {
    }

    /** Runs {@code task} on {@code n} rank threads with the {@link #DEFAULT_TIMEOUT}; see {@link #call}. */
    public static void run(int n, RankTask task) {
        run(n, DEFAULT_TIMEOUT, task);
    }

    /** Runs {@code task} on {@code n} rank threads; see {@link #call}. */
    public static void run(int n, Duration timeout, RankTask task) {
        call(n, timeout, comm -> {
            task.run(comm);
            return null;
        });
    }

    /**
     * Runs {@code fn} on {@code n} rank threads and returns each rank's result (index = rank).
     *
     * @throws AssertionError         if the first failing rank failed an assertion (message prefixed with its rank)
     * @throws CommunicationException if the first failing rank threw anything else (the cause), or the timeout passed
     *                                (the message lists where each unfinished rank is)
     */
    public static <T> List<T> call(int n, Duration timeout, RankFunction<T> fn) {
        if (n < 1) {
            throw new IllegalArgumentException("a cluster needs at least one rank, not " + n);
        }
        Cluster cluster = new Cluster(n, timeout);
        LocalGroup world = new LocalGroup("world(" + n + ")", n, cluster);
        Object[] results = new Object[n];
        Throwable[] failures = new Throwable[n];
        AtomicInteger first = new AtomicInteger(-1);
        Thread[] threads = new Thread[n];
        int run = RUNS.incrementAndGet();
        for (int r = 0; r < n; r++) {
            int rank = r;
            threads[r] = new Thread(() -> {
                ThreadCommunicator comm = new ThreadCommunicator(world, rank, rank);
                try {
                    results[rank] = fn.apply(comm);
                } catch (Throwable t) {
                    failures[rank] = t;
                    if (first.compareAndSet(-1, rank)) {
                        cluster.abortAll("rank " + rank + " failed: " + t);
                        for (Thread other : threads) {
                            if (other != Thread.currentThread()) {
                                other.interrupt();
                            }
                        }
                    }
                } finally {
                    cluster.closeAll(rank);
                }
            }, "jdistarray-cluster" + run + "-rank" + r);
            threads[r].setDaemon(true);
        }
        for (Thread t : threads) {
            t.start();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Thread t : threads) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(t, left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cluster.abortAll("the thread running the cluster was interrupted");
            interruptAll(threads);
            throw new CommunicationException("LocalCluster.run interrupted");
        }
        List<String> stuck = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            if (threads[r].isAlive()) {
                stuck.add("rank " + r + " at " + where(threads[r]));
            }
        }
        if (!stuck.isEmpty() && first.get() < 0) {
            String msg = "LocalCluster of " + n + " ranks: timeout after " + cluster.timeoutText() + "; still running: "
                    + String.join("; ", stuck);
            cluster.abortAll(msg);
            interruptAll(threads);
            throw new CommunicationException(msg);
        }
        int f = first.get();
        if (f >= 0) {
            Throwable cause = failures[f];
            RuntimeException primary = cause instanceof AssertionError
                    ? null : new CommunicationException("rank " + f + " failed: " + cause, cause);
            Throwable thrown = primary != null ? primary : new AssertionError("rank " + f + ": " + cause.getMessage(), cause);
            for (int r = 0; r < n; r++) {
                if (r != f && failures[r] != null) {
                    thrown.addSuppressed(failures[r]);
                }
            }
            if (!stuck.isEmpty()) {
                thrown.addSuppressed(new CommunicationException("ranks still running after the failure: " + stuck));
            }
            if (primary != null) {
                throw primary;
            }
            throw (AssertionError) thrown;
        }
        @SuppressWarnings("unchecked")
        List<T> out = (List<T>) Arrays.asList(results);
        return out;
    }

    private static void interruptAll(Thread[] threads) {
        for (Thread t : threads) {
            t.interrupt();
        }
    }

    private static String where(Thread t) {
        StackTraceElement[] st = t.getStackTrace();
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (StackTraceElement e : st) {
            String c = e.getClassName();
            boolean internal = c.startsWith("org.jdistarray.comm.local.") && !c.endsWith(".ThreadCommunicator");
            if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.") || internal) {
                continue;
            }
            sb.append(shown == 0 ? "" : " <- ").append(e);
            if (++shown == 3) {
                break;
            }
        }
        return sb.length() == 0 ? (st.length > 0 ? st[0].toString() : "?") : sb.toString();
    }

    /** Nanoseconds a waiting thread rank yields before it parks ({@link #spinWhile}). */
    static final long SPIN_NANOS = Long.getLong("jdistarray.threads.spinNanos", 100_000L);

    /**
     * Yields (never busy-spins) while {@code waiting} holds, for at most {@link #SPIN_NANOS}: a rank whose partner
     * arrives within that time runs on without a park and an unpark, whose wake-up on a virtual machine's idle vCPU
     * costs 0.1-0.3 ms; yielding leaves the core to any runnable thread (the ranks share the cores).
     */
    static void spinWhile(java.util.function.BooleanSupplier waiting) {
        if (SPIN_NANOS <= 0) {
            return;
        }
        long start = System.nanoTime();
        while (waiting.getAsBoolean() && System.nanoTime() - start < SPIN_NANOS) {
            Thread.yield();
        }
    }
}
