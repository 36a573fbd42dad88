package org.jdistarray.petsc;

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
import org.jdistarray.petsc.internal.Petsc;

/**
 * PETSc's lifetime, as a try-with-resources scope, on the communicator JDistArray already uses:
 *
 * <pre>{@code
 * try (MpiSession mpi = MpiSession.init();                                  // 1. MPI (recommended order)
 *      PetscSession petsc = PetscSession.init(mpi.world(), PetscOptions.raw("-ksp_monitor"))) {
 *     ...
 * }                                                                          // PetscFinalize, then MPI_Finalize
 * }</pre>
 *
 * {@link #init(Communicator, PetscOptions)} sets {@code PETSC_COMM_WORLD} to the given communicator, sets the
 * options and {@code -no_signal_handler} (PETSc's signal handler replaces the JVM's and kills it), calls
 * {@code PetscInitialize} and pushes {@code PetscReturnErrorHandler} (PETSc's default handler makes ranks other than
 * 0 sleep and exit). {@code PetscFinalize} then leaves MPI running for the {@link MpiSession} to finalise.
 * {@link #init(PetscOptions)} is the other order: when MPI is not initialised yet, PETSc initialises it, the session
 * joins it with an {@link MpiSession} ({@link #comm()}), and {@link #close()} finalises both (PETSc finalises MPI).
 *
 * <p>One session at a time per process; PETSc can be initialised again after a session closed, while MPI lives.
 * Objects (vectors, matrices, solvers) belong to the session: close them before it. Objects left open are destroyed
 * by {@link #close()}, which then throws naming them; objects the garbage collector found unclosed are counted as
 * leaks ({@link #leakedObjects()}) and destroyed collectively with {@code PetscObjectDelayedDestroy} /
 * {@code PetscGarbageCleanup} — never from the GC thread. (The lifecycle is core's {@link SessionSlot} and
 * {@link SessionObjects}, shared with {@code MpiSession} and {@code TrilinosSession}.)
 */
public final class PetscSession implements AutoCloseable {
    private static final SessionSlot<PetscSession> SLOT = new SessionSlot<>("PetscSession");

    private final MpiCommunicator comm;
    private final MpiSession joinedMpi;
    private final boolean ownsMpi;
    private final PetscOptions options;
    private final String version;
    private final SessionObjects<NativeHandle> objects = new SessionObjects<>();
    private final NativeHandle.Owner handles = SessionObjects.handleOwner(objects, this::ensureActive,
            (h, handle) -> Petsc.destroy(handle, h.toString()), (h, handle) -> Petsc.delayedDestroy(handle));

    private PetscSession(MpiCommunicator comm, MpiSession joinedMpi, boolean ownsMpi, PetscOptions options,
            String version) {
        this.comm = comm;
        this.joinedMpi = joinedMpi;
        this.ownsMpi = ownsMpi;
        this.options = options;
        this.version = version;
    }

    /** <b>Collective</b> on {@code comm}. {@link #init(Communicator, PetscOptions)} without options. */
    public static PetscSession init(Communicator comm) {
        return init(comm, PetscOptions.none());
    }

    /**
     * <b>Collective</b> on {@code comm}. Initialises PETSc on {@code comm} (an {@link MpiCommunicator} of an open
     * {@link MpiSession}; PETSc needs Open MPI). Caller must close the session before the MPI session.
     *
     * @throws IllegalArgumentException if {@code comm} is not an MPI communicator
     * @throws IllegalStateException    if a PETSc session is already open in this process
     * @throws NativeLibraryException   if PETSc cannot be loaded or is an unsupported build (64-bit indices,
     *                                  complex scalars), or MPI is not Open MPI
     * @throws PetscException           if {@code PetscInitialize} fails
     */
    public static PetscSession init(Communicator comm, PetscOptions options) {
        MpiCommunicator mpi = mpi(comm);
        Objects.requireNonNull(options, "options");
        return SLOT.locked(() -> {
            SLOT.checkNoneActive();
            Petsc.load();
            start(mpi.nativeHandle(), options);
            return activate(new PetscSession(mpi, null, false, options, Petsc.version()));
        });
    }

    /** <b>Collective</b> over all processes. {@link #init(PetscOptions)} without options. */
    public static PetscSession init() {
        return init(PetscOptions.none());
    }

    /**
     * <b>Collective</b> over all processes. Initialises PETSc on {@code MPI_COMM_WORLD}: if MPI is not initialised
     * yet, {@code PetscInitialize} initialises it (and {@link #close()} finalises it); otherwise PETSc joins the
     * running MPI. Either way {@link #comm()} is the world communicator, through an {@link MpiSession} that joined.
     *
     * @throws IllegalStateException  if a PETSc session is already open in this process
     * @throws NativeLibraryException if PETSc cannot be loaded or is an unsupported build
     * @throws PetscException         if {@code PetscInitialize} fails
     */
    public static PetscSession init(PetscOptions options) {
        Objects.requireNonNull(options, "options");
        return SLOT.locked(() -> {
            SLOT.checkNoneActive();
            Petsc.load();
            boolean petscInitsMpi = !MpiSession.isMpiInitialized();
            start(0, options);
            MpiSession joined;
            try {
                joined = MpiSession.init();
            } catch (RuntimeException e) {
                Petsc.finalizePetsc();
                throw e;
            }
            MpiCommunicator world = joined.world();
            MpiImplementation.OPEN_MPI.require("the PETSc bridge (Debian's PETSc is built with Open MPI)");
            return activate(new PetscSession(world, joined, petscInitsMpi, options, Petsc.version()));
        });
    }

    private static void start(long comm, PetscOptions options) {
        if (Petsc.initialized()) {
            throw new IllegalStateException("PETSc is already initialised in this process (by native code outside a "
                    + "PetscSession); JDistArray cannot share it");
        }
        for (String[] e : options.entries()) {
            Petsc.setOption(e[0], e[1]);
        }
        Petsc.setOption("-no_signal_handler", null);
        Petsc.initialize(comm);
        int[] sizes = Petsc.typeSizes();
        if (sizes[0] != 4 || sizes[1] != 8) {
            Petsc.finalizePetsc();
            throw new NativeLibraryException("unsupported PETSc build: PetscInt has " + sizes[0] + " bytes, double "
                    + sizes[1] + "; the bridge needs 32-bit PetscInt and real double scalars (libpetsc-real-dev)");
        }
    }

    private static PetscSession activate(PetscSession s) {
        Petsc.setRank(s.comm.rank());
        return SLOT.activate(s);
    }

    /** The open session, for the classes that create PETSc objects. */
    static PetscSession require() {
        return SLOT.require();
    }

    /** The MPI communicator handle for a PETSc object on {@code comm}, checked. */
    static long commHandle(Communicator comm) {
        return mpi(comm).nativeHandle();
    }

    private static MpiCommunicator mpi(Communicator comm) {
        Objects.requireNonNull(comm, "comm");
        if (!(comm instanceof MpiCommunicator m)) {
            throw new IllegalArgumentException("PETSc needs an MpiCommunicator (ranks are processes); got " + comm);
        }
        MpiImplementation.OPEN_MPI.require("the PETSc bridge (Debian's PETSc is built with Open MPI)");
        return m;
    }

    /** <b>Not collective.</b> The communicator PETSc was initialised on ({@code PETSC_COMM_WORLD}). */
    public MpiCommunicator comm() {
        ensureActive();
        return comm;
    }

    /** <b>Not collective.</b> Whether PETSc initialised MPI in this session (and so finalises it). */
    public boolean ownsMpi() {
        return ownsMpi;
    }

    /** <b>Not collective.</b> The options given at initialisation ({@code -no_signal_handler} is always added). */
    public PetscOptions options() {
        return options;
    }

    /** <b>Not collective.</b> {@code PetscGetVersion}, such as "PETSc Release Version 3.18.5, ...". */
    public String version() {
        return version;
    }

    /** <b>Not collective.</b> Objects of this session that are open (created and not closed). */
    public int openObjects() {
        return objects.openCount();
    }

    /** <b>Not collective.</b> Objects the garbage collector found unclosed: leaks (tests expect 0). */
    public int leakedObjects() {
        return objects.leakCount();
    }

    /**
     * <b>Collective.</b> Destroys the leaked objects the garbage collector handed over ({@code PetscGarbageCleanup}:
     * objects leaked on every rank). Also done by {@link #close()}.
     */
    public void collectGarbage() {
        ensureActive();
        objects.drain();
        Petsc.garbageCleanup(comm.nativeHandle());
    }

    /** <b>Not collective.</b> Whether {@link #close()} has run. */
    public boolean isClosed() {
        return objects.isClosed();
    }

    /**
     * <b>Collective.</b> Destroys objects still open (in reverse creation order) and leaked ones, calls
     * {@code PetscFinalize} (which finalises MPI only if PETSc initialised it), closes the joined MPI session if
     * any. Idempotent.
     *
     * @throws NativeLibraryException if objects were still open (PETSc is finalised anyway; the message names them)
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
                Petsc.garbageCleanup(comm.nativeHandle());
            } finally {
                objects.markClosed();
                SLOT.release(this);
                for (NativeHandle h : objects.openInCreationOrder()) {
                    h.invalidate();
                }
                if (joinedMpi != null) {
                    joinedMpi.close(); // joined: does not finalise MPI
                }
                Petsc.finalizePetsc();
            }
            if (!left.isEmpty()) {
                throw new NativeLibraryException("PetscSession closed while " + left.size()
                        + " object(s) were still open (destroyed now): " + left);
            }
        });
    }

    /** The owner of this session's native handles, for the classes that create PETSc objects. */
    NativeHandle.Owner handles() {
        return handles;
    }

    boolean isActive() {
        return !objects.isClosed();
    }

    void ensureActive() {
        if (objects.isClosed()) {
            throw new IllegalStateException("the PetscSession is closed (PetscFinalize was called): its objects can no "
                    + "longer be used");
        }
    }

    @Override
    public String toString() {
        return "PetscSession[" + version + ", " + comm + (ownsMpi ? ", PETSc owns MPI" : "")
                + (objects.isClosed() ? ", closed" : "")
                + "]";
    }
}
