package org.jdistarray.trilinos;

import java.util.List;
import java.util.Objects;

import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.mpi.MpiCommunicator;
import org.jdistarray.comm.mpi.MpiImplementation;
import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.nativelib.NativeHandle;
import org.jdistarray.nativelib.NativeLibraryException;
import org.jdistarray.nativelib.SessionObjects;
import org.jdistarray.nativelib.SessionSlot;
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
 * thread, never on the GC thread. (The lifecycle is core's {@link SessionSlot} and {@link SessionObjects}, shared
 * with {@code MpiSession} and {@code PetscSession}.)
 */
public final class TrilinosSession implements AutoCloseable {
    private static final SessionSlot<TrilinosSession> SLOT = new SessionSlot<>("TrilinosSession");

    private final MpiCommunicator comm;
    private final String version;
    private final boolean ifpack2;
    private final SessionObjects<NativeHandle> objects = new SessionObjects<>();
    private final NativeHandle.Owner handles = SessionObjects.handleOwner(objects, this::ensureActive,
            TrilinosSession::destroy, TrilinosSession::destroy);

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
        return SLOT.locked(() -> {
            SLOT.checkNoneActive();
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
            return SLOT.activate(new TrilinosSession(mpi, Tpetra.version(), Tpetra.hasIfpack2()));
        });
    }

    /** The open session, for the classes that create shim objects. */
    static TrilinosSession require() {
        TrilinosSession s = SLOT.require();
        s.objects.drainIfOwner();
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
        return objects.openCount();
    }

    /** <b>Not collective.</b> Objects the garbage collector found unclosed: leaks (tests expect 0). */
    public int leakedObjects() {
        return objects.leakCount();
    }

    /** <b>Not collective.</b> Whether {@link #close()} has run. */
    public boolean isClosed() {
        return objects.isClosed();
    }

    /**
     * <b>Collective.</b> Destroys the objects still open (in reverse creation order) and the leaked ones, and ends
     * the session (Tpetra itself stays up until {@code MPI_Finalize}). Idempotent.
     *
     * @throws NativeLibraryException if objects were still open (destroyed anyway; the message names them)
     */
    @Override
    public void close() {
        SLOT.locked(() -> {
            if (objects.isClosed()) {
                return;
            }
            List<String> left = objects.closeOpen(NativeHandle::close);
            try {
                objects.drain();
            } finally {
                objects.markClosed();
                SLOT.release(this);
                Tpetra.finalizeSession();
            }
            if (!left.isEmpty()) {
                throw new NativeLibraryException("TrilinosSession closed while " + left.size()
                        + " object(s) were still open (destroyed now): " + left);
            }
        });
    }

    /** The owner of this session's native handles, for the classes that create shim objects. */
    NativeHandle.Owner handles() {
        return handles;
    }

    private static void destroy(NativeHandle h, long handle) {
        Tpetra.destroy((Tpetra.Kind) h.kind(), handle);
    }

    void ensureActive() {
        if (objects.isClosed()) {
            throw new IllegalStateException("the TrilinosSession is closed");
        }
    }

    @Override
    public String toString() {
        return "TrilinosSession[" + version + ", rank " + comm.rank() + " of " + comm.size() + (objects.isClosed() ? ", closed" : "")
                + "]";
    }
}
