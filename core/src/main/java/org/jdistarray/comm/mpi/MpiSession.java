package org.jdistarray.comm.mpi;

import java.util.List;
import java.util.Locale;

import org.jdistarray.comm.CommunicationException;
import org.jdistarray.comm.mpi.internal.MpiBinding;
import org.jdistarray.nativelib.SessionObjects;
import org.jdistarray.nativelib.SessionSlot;

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
 * communicator of a closed session throws {@link CommunicationException} when used.
 *
 * <h2>A rank that fails ends the job</h2>
 * Under MPI, a rank that dies of an exception while the others wait for it in a collective would hang the job and
 * hide its exception. So, as {@code python -m mpi4py} does, {@link #init} installs a default
 * {@linkplain Thread#setDefaultUncaughtExceptionHandler uncaught-exception handler}: an exception that no code
 * catches, on any thread, is printed to {@code System.err} with the rank ({@code [rank 1 of 2] uncaught exception in
 * thread "main" ...} and its stack trace), then {@code MPI_Abort(MPI_COMM_WORLD, 1)} ends every process of the job
 * with a non-zero exit code. A handler installed before {@link #init} runs first; one installed after replaces this
 * one.
 *
 * <p>Try-with-resources closes the session <i>before</i> the exception leaves the block, and {@code MPI_Finalize}
 * waits for the other ranks, which are waiting for this one: a handler alone would never run. So when the session
 * that initialised MPI is closed on the thread that opened it, {@link #close()} ends the session (its communicators
 * refuse to work, MPI cannot be initialised again) but leaves {@code MPI_Finalize} to a JVM shutdown hook. The
 * exception then reaches the handler, which aborts; on a normal exit the JVM runs the hook and MPI is finalised
 * cleanly (exit code 0). Closed on another thread, the session finalises MPI at once. (So after {@code close()},
 * {@link #isMpiFinalized()} reports {@code false} until the JVM exits.)
 *
 * <p>Opt out with {@code -Djdistarray.mpi.abortOnUncaught=false} ({@link #ABORT_ON_UNCAUGHT_PROPERTY}), read at the
 * first {@link #init}: no handler is installed and {@link #close()} calls {@code MPI_Finalize} itself, as before.
 */
public final class MpiSession implements AutoCloseable {
    /**
     * The system property that turns off the abort-on-uncaught-exception handler and the deferred
     * {@code MPI_Finalize}: {@code -Djdistarray.mpi.abortOnUncaught=false}. Default {@code true}.
     */
    public static final String ABORT_ON_UNCAUGHT_PROPERTY = "jdistarray.mpi.abortOnUncaught";

    /**
     * The system property that chooses how JDistArray calls MPI: {@code -Djdistarray.mpi.binding=auto} (the default:
     * Open MPI's own Java bindings, JNI, when MPI is Open MPI, {@code mpi.jar} is on the class path and MPI is
     * initialised through them or by this session; else JNA), {@code jni} (Open MPI's Java bindings, or
     * {@link #init} fails saying why) or {@code jna} (JNA direct mapping of the C API; the only one for MPICH). Read
     * by the first {@link #init} of the process; see {@link #binding()}.
     */
    public static final String BINDING_PROPERTY = "jdistarray.mpi.binding";

    /** The system property that sets the thread level {@link #init()} asks for (default {@code serialized}). */
    public static final String THREAD_LEVEL_PROPERTY = "jdistarray.mpi.threadLevel";

    /** How this process calls MPI's C functions (see {@link #BINDING_PROPERTY}). */
    public enum Binding {
        /** JNA direct mapping of the MPI C API (Open MPI and MPICH). */
        JNA,
        /**
         * Open MPI's own Java bindings ({@code mpi.jar} and {@code libmpi_java.so}, JNI) for the communication calls
         * (collectives and point-to-point); communicator management, requests and errors stay on JNA.
         */
        JNI
    }

    /** Several sessions may be open (one initialises MPI, the others join); the slot orders their starts and ends. */
    private static final SessionSlot<MpiSession> SLOT = new SessionSlot<>("MpiSession");
    private static volatile boolean finalizedByUs;
    private static boolean handlerInstalled;
    private static boolean bindingChosen;

    private final MpiBinding mpi;
    private final boolean owner;
    private final ThreadLevel requested;
    private final ThreadLevel provided;
    private final boolean abortOnUncaught;
    private final Thread opener = Thread.currentThread();
    private final SessionObjects<MpiCommunicator> objects = new SessionObjects<>();
    private final MpiCommunicator world;

    private MpiSession(MpiBinding mpi, boolean owner, ThreadLevel requested, ThreadLevel provided,
            boolean abortOnUncaught) {
        this.mpi = mpi;
        this.owner = owner;
        this.requested = requested;
        this.provided = provided;
        this.abortOnUncaught = abortOnUncaught;
        this.world = new MpiCommunicator(this, mpi.commWorld(), false);
    }

    /**
     * <b>Collective</b> over all processes of the job. {@link #init(ThreadLevel)} with the level named by
     * {@link #THREAD_LEVEL_PROPERTY} ({@code single}, {@code funneled}, {@code serialized}, {@code multiple}),
     * {@link ThreadLevel#SERIALIZED} when it is not set.
     *
     * @throws IllegalArgumentException if the property names no thread level
     */
    public static MpiSession init() {
        return init(defaultThreadLevel());
    }

    /** {@link #THREAD_LEVEL_PROPERTY}, or {@link ThreadLevel#SERIALIZED}. */
    static ThreadLevel defaultThreadLevel() {
        String v = System.getProperty(THREAD_LEVEL_PROPERTY, "").trim();
        if (v.isEmpty()) {
            return ThreadLevel.SERIALIZED;
        }
        try {
            return ThreadLevel.valueOf(v.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + THREAD_LEVEL_PROPERTY + "=" + v
                    + ": not a thread level (single, funneled, serialized, multiple)", e);
        }
    }

    /**
     * <b>Collective</b> over all processes of the job. Loads libmpi and initialises MPI with the {@code requested}
     * thread level, or joins an MPI that is already initialised, and installs the abort-on-uncaught-exception handler
     * (see the class comment; {@link #ABORT_ON_UNCAUGHT_PROPERTY} opts out). Caller must close the session.
     *
     * @throws CommunicationException if libmpi cannot be loaded, MPI was already finalised, the process was started by
     *                                the other MPI implementation's launcher, or initialisation fails
     */
    public static MpiSession init(ThreadLevel requested) {
        return SLOT.locked(() -> {
            MpiBinding mpi = MpiBinding.get();
            if (finalizedByUs || mpi.finalized()) {
                throw new CommunicationException("MPI has been finalized in this process and cannot be initialized again");
            }
            boolean owner = !mpi.initialized();
            if (!bindingChosen) {
                mpi.useJni(chooseJni(mpi, owner));
                bindingChosen = true;
            }
            int provided = owner ? mpi.initThread(requested.mpiValue()) : mpi.queryThread();
            mpi.afterInit();
            boolean abort = !"false".equalsIgnoreCase(System.getProperty(ABORT_ON_UNCAUGHT_PROPERTY, "true").trim());
            if (abort && !handlerInstalled) {
                Thread.setDefaultUncaughtExceptionHandler(
                        new AbortOnUncaught(mpi, Thread.getDefaultUncaughtExceptionHandler()));
                handlerInstalled = true;
            }
            return new MpiSession(mpi, owner, requested, ThreadLevel.of(provided), abort);
        });
    }

    /** {@link #BINDING_PROPERTY}: whether to use the JNI path. */
    private static boolean chooseJni(MpiBinding mpi, boolean beforeInit) {
        String choice = System.getProperty(BINDING_PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        switch (choice) {
            case "jna":
                return false;
            case "jni":
                mpi.jniUnavailable(beforeInit).ifPresent(why -> {
                    throw new CommunicationException("-D" + BINDING_PROPERTY + "=jni: " + why);
                });
                return true;
            case "auto":
            case "":
                return MpiBinding.jniPresent() && mpi.jniUnavailable(beforeInit).isEmpty();
            default:
                throw new IllegalArgumentException("-D" + BINDING_PROPERTY + "=" + choice + ": expected jni, jna or auto");
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

    /** <b>Not collective.</b> How this process calls MPI: {@link Binding#JNI} or {@link Binding#JNA}. */
    public Binding binding() {
        return mpi.usesJni() ? Binding.JNI : Binding.JNA;
    }

    /**
     * <b>Not collective.</b> A communicator of Open MPI's own Java bindings ({@code mpi.Comm}, such as
     * {@code MPI.COMM_WORLD} of a program that called {@code MPI.Init}) as a JDistArray communicator on the same
     * MPI communicator: {@link #world()} itself for the world communicator (no duplicate world), else a communicator
     * that does not own the handle (its {@link MpiCommunicator#close()} does not free it; the caller keeps the
     * {@code mpi.Comm} alive longer). Sets {@code MPI_ERRORS_RETURN} on it, as on every JDistArray communicator.
     * Typed {@code Object} so that core needs no {@code mpi.jar} to compile; see
     * {@link MpiCommunicator#toOpenMpi(Class)} for the other direction.
     *
     * @throws IllegalArgumentException if {@code openMpiComm} is not an {@code mpi.Comm}
     * @throws CommunicationException   if Open MPI's Java bindings are not on the class path or MPI is not Open MPI
     */
    public MpiCommunicator fromOpenMpi(Object openMpiComm) {
        ensureActive();
        if (mpi.implementation() != MpiImplementation.OPEN_MPI) {
            throw new CommunicationException("an mpi.Comm of Open MPI's Java bindings needs Open MPI, this process uses "
                    + mpi.implementation().displayName());
        }
        long h = mpi.handleOf(openMpiComm);
        if (h == mpi.commWorld()) {
            return world;
        }
        mpi.setErrorsReturn(h);
        return new MpiCommunicator(this, h, false);
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
        return objects.isClosed();
    }

    /**
     * <b>Collective.</b> Ends the session and finalises MPI if this session initialised it: at once, or, on the thread
     * that opened the session and unless opted out, at the JVM's exit (a shutdown hook), so that an exception leaving
     * the try-with-resources block still reaches the abort handler (see the class comment). Idempotent.
     *
     * @throws CommunicationException if communicators created in this session were still open (the session ends
     *                                anyway; the message names them)
     */
    @Override
    public void close() {
        SLOT.locked(() -> {
            if (objects.isClosed()) {
                return;
            }
            objects.markClosed();
            try {
                world.attributes().close(); // JDistArray's private duplicate of the world communicator
            } catch (RuntimeException e) {
                // MPI is finalised below either way; a failing free leaves nothing to release
            }
            List<String> leaked = objects.openNames();
            if (owner) {
                finalizedByUs = true;
                if (!(abortOnUncaught && Thread.currentThread() == opener && finalizeAtExit(mpi))) {
                    mpi.finalizeMpi();
                }
            }
            if (!leaked.isEmpty()) {
                throw new CommunicationException("MpiSession closed while " + leaked.size()
                        + " communicator(s) were still open: " + leaked);
            }
        });
    }

    /** Registers the shutdown hook that finalises MPI; false if the JVM is already shutting down. */
    private static boolean finalizeAtExit(MpiBinding mpi) {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (!mpi.finalized()) {
                    mpi.finalizeMpi();
                }
            }, "jdistarray-mpi-finalize"));
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    void opened(MpiCommunicator c) {
        objects.opened(c);
    }

    void closed(MpiCommunicator c) {
        objects.forget(c);
    }

    MpiBinding mpiBinding() {
        return mpi;
    }

    void ensureActive() {
        if (objects.isClosed()) {
            throw new CommunicationException("MPI session is closed" + (owner ? " (MPI_Finalize was called)" : "")
                    + ": communicators of this session can no longer be used");
        }
    }

    @Override
    public String toString() {
        return "MpiSession[" + mpi.implementation().displayName() + ", " + binding() + ", provided " + provided + (owner ? ", owner" : "")
                + (objects.isClosed() ? ", closed" : "") + "]";
    }
}
