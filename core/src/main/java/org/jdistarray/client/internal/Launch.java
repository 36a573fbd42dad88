package org.jdistarray.client.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.comm.mpi.MpiSession;

/**
 * Starting the two sides: under MPI (world rank 0 is the client, the others run the {@link EngineLoop}), or embedded
 * (N+1 thread ranks of a {@link LocalCluster}: the caller's thread drives rank 0's communicator). Both split the world
 * into {client} and {engines} and duplicate it for the command path.
 */
public final class Launch {
    /** Default bound on any single wait of the embedded thread ranks (an idle shell waits for its next command). */
    public static final Duration EMBEDDED_TIMEOUT = Duration.ofHours(12);
    private static final java.util.concurrent.atomic.AtomicBoolean STARTED = new java.util.concurrent.atomic.AtomicBoolean();

    /** The client's side of a started context. */
    public static final class Client {
        private final ClientChannel channel;
        private final Runnable shutdown;
        private final boolean hookOnExit;
        private final Runnable abort;
        private final Duration stuck;

        Client(ClientChannel channel, Runnable shutdown, boolean hookOnExit, Runnable abort, Duration stuck) {
            this.channel = channel;
            this.shutdown = shutdown;
            this.hookOnExit = hookOnExit;
            this.abort = abort;
            this.stuck = stuck;
        }

        /** Ends engines that cannot continue (stuck in a collective): MPI_Abort of the job, or interrupts the threads. */
        public Runnable abort() {
            return abort;
        }

        /** How long the client waits for the other engines after one replied with an error. */
        public Duration stuck() {
            return stuck;
        }

        public ClientChannel channel() {
            return channel;
        }

        public Runnable shutdown() {
            return shutdown;
        }

        /** Runs {@code closer} at JVM exit (MPI only: an unclosed context must still stop the engines). */
        public void onExit(Runnable closer) {
            if (hookOnExit) {
                try {
                    Runtime.getRuntime().addShutdownHook(new Thread(closer, "jdistarray-context-close"));
                } catch (IllegalStateException shuttingDown) {
                    // too late
                }
            }
        }
    }

    private Launch() {
    }

    /**
     * The wait for the other engines after one failed: {@code -Djdistarray.client.stuckSeconds} (default 10), at most
     * half the thread ranks' timeout.
     */
    static Duration stuckBound(Duration rankTimeout) {
        Duration d = Duration.ofSeconds(Long.getLong("jdistarray.client.stuckSeconds", 10));
        if (rankTimeout != null && rankTimeout.dividedBy(2).compareTo(d) < 0) {
            d = rankTimeout.dividedBy(2);
        }
        return d;
    }

    /**
     * <b>Collective</b> over the MPI job. World rank 0 gets the client side; the other ranks run the engine loop and
     * exit the JVM. {@code engineOnly}: this process must be an engine ({@code Engine.main}).
     */
    public static Client mpi(boolean engineOnly) {
        if (!STARTED.compareAndSet(false, true)) {
            throw new IllegalStateException("Context.start was already called in this process: an MPI job has one client"
                    + " context (its engines serve it until it is closed, and MPI cannot start again after that)");
        }
        MpiSession session = MpiSession.init();
        org.jdistarray.comm.mpi.MpiCommunicator world = session.world();
        int rank = world.rank();
        if (world.size() < 2) {
            session.close();
            throw new IllegalStateException("client-engine mode needs at least 2 MPI processes (1 client + N engines): run"
                    + " under mpirun -np N+1, or use Context.embedded(n) for engines as threads");
        }
        if (engineOnly && rank == 0) {
            // the other ranks wait for a client that will never come: end the job
            System.err.println("org.jdistarray.client.Engine runs on ranks 1..N; rank 0 must be the client program"
                    + " (mpirun -np 1 java MyDriver : -np N java ... org.jdistarray.client.Engine)");
            Runtime.getRuntime().halt(2);
        }
        Communicator wire = world.dup();
        Communicator side = world.split(rank == 0 ? 0 : 1, rank);
        if (rank == 0) {
            side.close();
            return new Client(new ClientChannel(wire), () -> {
                try {
                    wire.close();
                } finally {
                    session.close();
                }
            }, true, () -> {
                System.err.println("[client] engines are stuck in a collective after others failed: aborting the job");
                world.abort(3);
            }, stuckBound(null));
        }
        int code = 0;
        try {
            new EngineLoop(wire, side).run();
        } catch (Throwable t) {
            System.err.println("[engine " + (rank - 1) + "] the command loop failed: " + t);
            t.printStackTrace();
            code = 1;
        }
        try {
            side.close();
            wire.close();
            session.close();
        } catch (Throwable t) {
            code = code == 0 ? 3 : code;
        }
        System.exit(code);
        throw new AssertionError("unreachable");
    }

    /** <b>Not collective.</b> Starts {@code engines} engine threads and returns the client side for this thread. */
    public static Client embedded(int engines, Duration timeout) {
        CompletableFuture<Communicator> handoff = new CompletableFuture<>();
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        java.util.List<Thread> engineThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread runner = new Thread(() -> {
            try {
                LocalCluster.call(engines + 1, timeout, comm -> {
                    Communicator wire = comm.dup();
                    Communicator side = comm.split(comm.rank() == 0 ? 0 : 1, comm.rank());
                    if (comm.rank() == 0) {
                        handoff.complete(wire);
                        done.await();
                    } else {
                        engineThreads.add(Thread.currentThread());
                        new EngineLoop(wire, side).run();
                    }
                    return null;
                });
            } catch (Throwable t) {
                failure.set(t);
                handoff.completeExceptionally(t);
            }
        }, "jdistarray-embedded-engines");
        runner.setDaemon(true);
        runner.start();
        Communicator wire;
        try {
            wire = handoff.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.countDown();
            throw new IllegalStateException("interrupted while starting the engines", e);
        } catch (ExecutionException | TimeoutException e) {
            done.countDown();
            throw new IllegalStateException("the embedded engines did not start: " + e, e);
        }
        return new Client(new ClientChannel(wire), () -> {
            done.countDown();
            try {
                runner.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (runner.isAlive()) {
                throw new IllegalStateException("the embedded engines did not stop within 30 s");
            }
            Throwable t = failure.get();
            if (t != null) {
                throw new IllegalStateException("the embedded engines failed: " + t, t);
            }
        }, false, () -> engineThreads.forEach(Thread::interrupt), stuckBound(timeout));
    }
}
