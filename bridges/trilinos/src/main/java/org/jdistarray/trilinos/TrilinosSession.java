package org.jdistarray.trilinos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jdistarray.nativelib.NativeHandle;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.mpi.MpiCommunicator;
import org.jdistarray.comm.mpi.MpiImplementation;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.nativelib.NativeLibraryException;
import org.jdistarray.trilinos.internal.Tpetra;

/**
 * Tpetra's lifetime, as a try-with-resources scope, after the {@link MpiSession} JDistArray already uses:
 *
 * <pre>{@code
 * try (MpiSession mpi = MpiSession.init();
 *      TrilinosSession trilinos = TrilinosSession.init(mpi.world())) {
 *     ...
 * }
 * }</pre>
 *
 * {@link #init} loads the {@code jdist_tpetra} shim and initialises Tpetra (and Kokkos) on the running MPI; Tpetra
 * never initialises or finalises MPI here. Kokkos 3.4 cannot be initialised twice in one process, so the first
 * session's {@code Tpetra::initialize} lasts until {@code MPI_Finalize} (the shim finalises Tpetra from an
 * {@code MPI_COMM_SELF} attribute, as PETSc does when it does not own MPI); later sessions reuse it.
 *
 * <p>One session at a time per process. Objects (maps, vectors, matrices, solvers) belong to the session: close
 * them before it. Objects left open are destroyed by {@link #close()}, which then throws naming them; objects the
 * garbage collector found unclosed are counted as leaks ({@link #leakedObjects()}) and destroyed on the session's
 * thread, never on the GC thread.
 */
public final class TrilinosSession implements AutoCloseable {
    private static final Object LOCK = new Object();
    private static volatile TrilinosSession active;

    private final MpiCommunicator comm;
    private final String version;
    private final boolean ifpack2;
    private final Map<Long, NativeHandle> open = new ConcurrentSkipListMap<>();
    private final NativeHandle.Owner handles = new Handles();
    private final ConcurrentLinkedQueue<long[]> garbage = new ConcurrentLinkedQueue<>();
    private final AtomicInteger leaks = new AtomicInteger();
    private final Thread owner = Thread.currentThread();
    private volatile boolean closed;

    private TrilinosSession(MpiCommunicator comm, String version, boolean ifpack2) {
        this.comm = comm;
        this.version = version;
        this.ifpack2 = ifpack2;
    }

    /**
     * <b>Collective</b> over all processes. Loads the shim and starts Tpetra on the running MPI, for objects on
     * {@code comm} (an {@link MpiCommunicator} of an open {@link MpiSession}; Trilinos needs Open MPI). Caller must
     * close the session before the MPI session.
     *
     * @throws IllegalArgumentException if {@code comm} is not an MPI communicator
     * @throws IllegalStateException    if MPI is not initialised (or already finalised), or a session is open
     * @throws NativeLibraryException   if the shim cannot be loaded (Trilinos not installed, shim not built), the
     *                                  MPI is not Open MPI, or Tpetra's types are not the shim's
     * @throws TrilinosException        if Tpetra cannot be initialised
     */
    public static TrilinosSession init(Communicator comm) {
        MpiCommunicator mpi = mpi(comm);
        synchronized (LOCK) {
            if (active != null) {
                throw new IllegalStateException("a TrilinosSession is already open in this process: " + active);
            }
            if (!MpiSession.isMpiInitialized() || MpiSession.isMpiFinalized()) {
                throw new IllegalStateException("MPI is not initialised (or already finalised): open an MpiSession "
                        + "first; Tpetra must not own MPI");
            }
            Tpetra.load();
            int[] sizes = Tpetra.typeSizes();
            if (sizes[0] != 4 || sizes[1] != 8 || sizes[2] != 8) {
                throw new NativeLibraryException("unsupported Tpetra build: LO " + sizes[0] + " bytes, GO " + sizes[1]
                        + ", scalar " + sizes[2] + "; the bridge needs LO int, GO long long, double");
            }
            Tpetra.setRank(mpi.rank());
            Tpetra.initialize();
            TrilinosSession s = new TrilinosSession(mpi, Tpetra.version(), Tpetra.hasIfpack2());
            active = s;
            return s;
        }
    }

    /** The open session, for the classes that create shim objects. */
    static TrilinosSession require() {
        TrilinosSession s = active;
        if (s == null) {
            throw new IllegalStateException("no TrilinosSession is open: open one with TrilinosSession.init(...) first");
        }
        s.drainIfOwner();
        return s;
    }

    /** The MPI communicator handle for a Tpetra object on {@code comm}, checked. */
    static long commHandle(Communicator comm) {
        return mpi(comm).nativeHandle();
    }

    private static MpiCommunicator mpi(Communicator comm) {
        Objects.requireNonNull(comm, "comm");
        if (!(comm instanceof MpiCommunicator m)) {
            throw new IllegalArgumentException("Tpetra needs an MpiCommunicator (ranks are processes); got " + comm);
        }
        MpiImplementation.OPEN_MPI.require("the Trilinos bridge (Debian's Trilinos is built with Open MPI)");
        return m;
    }

    /** <b>Not collective.</b> Whether the shim can be loaded here (Trilinos installed and the shim built). */
    public static boolean isAvailable() {
        return Tpetra.unavailableReason() == null;
    }

    /** <b>Not collective.</b> The communicator given to {@link #init}. */
    public MpiCommunicator comm() {
        ensureActive();
        return comm;
    }

    /** <b>Not collective.</b> Such as "Trilinos 13.2, Kokkos Serial, GO 64-bit". */
    public String version() {
        return version;
    }

    /** <b>Not collective.</b> Whether the shim was built with Ifpack2 (preconditioners other than none). */
    public boolean hasIfpack2() {
        return ifpack2;
    }

    /** <b>Not collective.</b> Objects of this session that are open (created and not closed). */
    public int openObjects() {
        return open.size();
    }

    /** <b>Not collective.</b> Objects the garbage collector found unclosed: leaks (tests expect 0). */
    public int leakedObjects() {
        return leaks.get();
    }

    /** <b>Not collective.</b> Whether {@link #close()} has run. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * <b>Collective.</b> Destroys the objects still open (in reverse creation order) and the leaked ones, and ends
     * the session (Tpetra itself stays up until {@code MPI_Finalize}). Idempotent.
     *
     * @throws NativeLibraryException if objects were still open (destroyed anyway; the message names them)
     */
    @Override
    public void close() {
        synchronized (LOCK) {
            if (closed) {
                return;
            }
            List<String> left = new ArrayList<>();
            List<NativeHandle> handles = new ArrayList<>(open.values());
            for (int i = handles.size() - 1; i >= 0; i--) {
                left.add(handles.get(i).toString());
                handles.get(i).close();
            }
            try {
                drainGarbage();
            } finally {
                closed = true;
                active = null;
                Tpetra.finalizeSession();
            }
            if (!left.isEmpty()) {
                throw new NativeLibraryException("TrilinosSession closed while " + left.size()
                        + " object(s) were still open (destroyed now): " + left);
            }
        }
    }

    /** The owner of this session's native handles, for the classes that create shim objects. */
    NativeHandle.Owner handles() {
        return handles;
    }

    /** Registers, destroys and collects the leaks of this session's shim objects. */
    private final class Handles implements NativeHandle.Owner {
        @Override
        public void ensureActive() {
            TrilinosSession.this.ensureActive();
        }

        @Override
        public void opened(NativeHandle h) {
            open.put(h.id(), h);
        }

        @Override
        public void forget(NativeHandle h) {
            open.remove(h.id());
        }

        @Override
        public void destroy(NativeHandle h, long handle) {
            Tpetra.destroy((Tpetra.Kind) h.kind(), handle);
        }

        /** From the Cleaner's thread: no shim call here. */
        @Override
        public void leaked(NativeHandle h, long handle) {
            leaks.incrementAndGet();
            open.remove(h.id());
            garbage.add(new long[] {((Tpetra.Kind) h.kind()).ordinal(), handle});
        }
    }

    private void drainIfOwner() {
        if (Thread.currentThread() == owner) {
            drainGarbage();
        }
    }

    private void drainGarbage() {
        for (long[] g = garbage.poll(); g != null; g = garbage.poll()) {
            Tpetra.destroy(Tpetra.Kind.values()[(int) g[0]], g[1]);
        }
    }

    void ensureActive() {
        if (closed) {
            throw new IllegalStateException("the TrilinosSession is closed");
        }
    }

    @Override
    public String toString() {
        return "TrilinosSession[" + version + ", rank " + comm.rank() + " of " + comm.size() + (closed ? ", closed" : "")
                + "]";
    }
}
