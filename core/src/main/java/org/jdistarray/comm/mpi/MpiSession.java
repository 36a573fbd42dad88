package org.jdistarray.comm.mpi;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jdistarray.comm.CommunicationException;
import org.jdistarray.comm.mpi.internal.MpiBinding;

/**
 * MPI's lifetime, as a try-with-resources scope (like {@code Tpetra::ScopeGuard}):
 *
 * <pre>{@code
 * try (MpiSession mpi = MpiSession.init()) {
 *     MpiCommunicator world = mpi.world();
 *     ...
 * }
 * }</pre>
 *
 * {@link #init} calls {@code MPI_Init_thread} unless MPI is already initialised (by another session of this process
 * or by a native library), sets {@code MPI_ERRORS_RETURN} on the world communicator, and {@link #close()} calls
 * {@code MPI_Finalize} only if this session initialised MPI. Works under {@code mpirun -np N} and as a singleton
 * (a plain {@code java} command: one rank). MPI cannot be initialised again after it was finalised; every
 * communicator of a finalised session throws {@link CommunicationException} when used.
 */
public final class MpiSession implements AutoCloseable {
    private static final Object LOCK = new Object();
    private static volatile boolean finalizedByUs;

    private final MpiBinding mpi;
    private final boolean owner;
    private final ThreadLevel requested;
    private final ThreadLevel provided;
    private final MpiCommunicator world;
    private final Set<MpiCommunicator> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private MpiSession(MpiBinding mpi, boolean owner, ThreadLevel requested, ThreadLevel provided) {
        this.mpi = mpi;
        this.owner = owner;
        this.requested = requested;
        this.provided = provided;
        this.world = new MpiCommunicator(this, mpi.commWorld(), false);
    }

    /** <b>Collective</b> over all processes of the job. {@link #init(ThreadLevel)} with {@link ThreadLevel#SERIALIZED}. */
    public static MpiSession init() {
        return init(ThreadLevel.SERIALIZED);
    }

    /**
     * <b>Collective</b> over all processes of the job. Loads libmpi and initialises MPI with the {@code requested}
     * thread level, or joins an MPI that is already initialised. Caller must close the session.
     *
     * @throws CommunicationException if libmpi cannot be loaded, MPI was already finalised, the process was started by
     *                                the other MPI implementation's launcher, or initialisation fails
     */
    public static MpiSession init(ThreadLevel requested) {
        synchronized (LOCK) {
            MpiBinding mpi = MpiBinding.get();
            if (finalizedByUs || mpi.finalized()) {
                throw new CommunicationException("MPI has been finalized in this process and cannot be initialized again");
            }
            boolean owner = !mpi.initialized();
            int provided = owner ? mpi.initThread(requested.mpiValue()) : mpi.queryThread();
            mpi.afterInit();
            return new MpiSession(mpi, owner, requested, ThreadLevel.of(provided));
        }
    }

    /**
     * <b>Not collective.</b> Loads libmpi ({@code RTLD_GLOBAL}, so that native libraries loaded later resolve
     * against it) and reports {@code MPI_Initialized}: whether MPI was initialised in this process, by a session or
     * by a native library. Does not initialise MPI.
     *
     * @throws CommunicationException if libmpi cannot be loaded
     */
    public static boolean isMpiInitialized() {
        return MpiBinding.get().initialized();
    }

    /** <b>Not collective.</b> {@code MPI_Finalized}: whether MPI was finalised in this process (loads libmpi). */
    public static boolean isMpiFinalized() {
        return MpiBinding.get().finalized();
    }

    /** <b>Not collective.</b> The world communicator ({@code MPI_COMM_WORLD}); closing it is a no-op. */
    public MpiCommunicator world() {
        ensureActive();
        return world;
    }

    /** <b>Not collective.</b> The thread level asked for. */
    public ThreadLevel requestedLevel() {
        return requested;
    }

    /** <b>Not collective.</b> The thread level MPI provides ({@code MPI_Init_thread}'s or {@code MPI_Query_thread}'s). */
    public ThreadLevel providedLevel() {
        return provided;
    }

    /** <b>Not collective.</b> Whether this session initialised MPI (and so finalises it). */
    public boolean ownsMpi() {
        return owner;
    }

    /**
     * <b>Not collective.</b> Which MPI this process uses (Open MPI or MPICH), for code that depends on one, such as
     * native libraries built against it; see {@link MpiImplementation#require}.
     */
    public MpiImplementation implementation() {
        return mpi.implementation();
    }

    /** <b>Not collective.</b> {@code MPI_Get_library_version}, such as "Open MPI v4.1.4, ..." or "MPICH Version: 4.0.2 ...". */
    public String libraryVersion() {
        ensureActive();
        return mpi.libraryVersion();
    }

    /** <b>Not collective.</b> Whether {@link #close()} has run. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * <b>Collective.</b> Finalises MPI if this session initialised it. Idempotent.
     *
     * @throws CommunicationException if communicators created in this session were still open (MPI is finalised
     *                                anyway; the message names them)
     */
    @Override
    public void close() {
        synchronized (LOCK) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                world.attributes().close(); // JDistArray's private duplicate of the world communicator
            } catch (RuntimeException e) {
                // MPI is finalised below either way; a failing free leaves nothing to release
            }
            List<String> leaked = new ArrayList<>();
            for (MpiCommunicator c : open) {
                leaked.add(c.toString());
            }
            if (owner) {
                finalizedByUs = true;
                mpi.finalizeMpi();
            }
            if (!leaked.isEmpty()) {
                throw new CommunicationException("MpiSession closed while " + leaked.size()
                        + " communicator(s) were still open: " + leaked);
            }
        }
    }

    void opened(MpiCommunicator c) {
        open.add(c);
    }

    void closed(MpiCommunicator c) {
        open.remove(c);
    }

    MpiBinding binding() {
        return mpi;
    }

    void ensureActive() {
        if (closed) {
            throw new CommunicationException("MPI session is closed" + (owner ? " (MPI_Finalize was called)" : "")
                    + ": communicators of this session can no longer be used");
        }
    }

    @Override
    public String toString() {
        return "MpiSession[" + mpi.implementation().displayName() + ", provided " + provided + (owner ? ", owner" : "") + (closed ? ", closed" : "") + "]";
    }
}
