package org.jdistarray.comm.mpi.internal;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import org.jdistarray.comm.CommunicationException;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.ElementType;
import org.jdistarray.comm.MpiException;
import org.jdistarray.comm.ReduceOp;
import org.jdistarray.comm.mpi.MpiImplementation;

/**
 * The MPI C API in Java types for {@code org.jdistarray.comm.mpi}: buffers become addresses, element types and
 * operations become handles through the {@link MpiHandles} table, out-parameters go through a per-thread direct
 * scratch buffer, and every non-success return code becomes an {@link MpiException} with {@code MPI_Error_string}.
 * Not API: only the {@code mpi} package uses it.
 */
public final class MpiBinding {
    private static final int SCRATCH_BYTES = 16384;
    private static final int OUT_INT = 64;
    private static final int OUT_HANDLE = 72;
    private static final int REQUEST = 80;
    private static final int TEXT = 256;
    private static final int TEXT_BYTES = SCRATCH_BYTES - TEXT;

    /** Binds once; a failure is kept and thrown again (as a new exception) on every later use. */
    private static final class Holder {
        static final MpiBinding INSTANCE;
        static final CommunicationException FAILURE;

        static {
            MpiBinding binding = null;
            CommunicationException failure = null;
            try {
                binding = new MpiBinding(MpiLibrary.get());
            } catch (CommunicationException e) {
                failure = e;
            }
            INSTANCE = binding;
            FAILURE = failure;
        }
    }

    /** Per-thread memory for status and out-parameters. */
    private static final class Scratch {
        final ByteBuffer buf = ByteBuffer.allocateDirect(SCRATCH_BYTES).order(ByteOrder.nativeOrder());
        final long address = Pointer.nativeValue(Native.getDirectBufferPointer(buf));
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final String libraryPath;
    private final MpiHandles h;
    private final MpiCalls fn;
    private volatile int worldRank = -1;
    /** Non-null: the calls that Open MPI's Java bindings have go through them (JNI); see {@link #useJni}. */
    private volatile JniCalls jni;

    private MpiBinding(MpiLibrary.Loaded loaded) {
        this.libraryPath = String.valueOf(loaded.library().getFile());
        this.h = MpiHandles.detect(loaded);
        this.fn = h.calls();
    }

    /** Loads the MPI library and its handle table (once); see {@link MpiLibrary} for how the library is chosen. */
    public static MpiBinding get() {
        if (Holder.FAILURE != null) {
            throw new CommunicationException(Holder.FAILURE.getMessage(), Holder.FAILURE);
        }
        return Holder.INSTANCE;
    }

    public MpiImplementation implementation() {
        return h.implementation();
    }

    /** The file of the loaded MPI library. */
    public String libraryPath() {
        return libraryPath;
    }

    public long commWorld() {
        return h.commWorld;
    }

    public long commSelf() {
        return h.commSelf;
    }

    // ---- binding choice

    /** Whether Open MPI's Java bindings ({@code mpi.jar}) are on the class path (without loading them). */
    public static boolean jniPresent() {
        return OmpiJniLoader.present();
    }

    /**
     * Why the JNI path cannot be used in this process (MPICH, no {@code mpi.jar}, its library does not load, or MPI
     * was initialised outside the Java bindings, whose error classes are then not set up); empty if it can.
     * {@code beforeInit}: MPI is not initialised yet ({@link #initThread} would go through the bindings).
     */
    public java.util.Optional<String> jniUnavailable(boolean beforeInit) {
        if (h.implementation() != MpiImplementation.OPEN_MPI) {
            return java.util.Optional.of("Open MPI's Java bindings need Open MPI, this process uses "
                    + h.implementation().displayName());
        }
        java.util.Optional<OmpiJni> j = OmpiJniLoader.get();
        if (j.isEmpty()) {
            return java.util.Optional.of(OmpiJniLoader.unavailableReason());
        }
        if (!beforeInit && !j.get().javaSideInitialized()) {
            return java.util.Optional.of("MPI was initialised outside Open MPI's Java bindings (not by MPI.Init or"
                    + " an MpiSession on them), so their error reporting is not set up");
        }
        return java.util.Optional.empty();
    }

    /** Routes the calls that have a JNI stub through Open MPI's Java bindings ({@code true}) or JNA ({@code false}). */
    public void useJni(boolean on) {
        jni = on ? new JniCalls(this, OmpiJniLoader.get().orElseThrow()) : null;
    }

    /** Whether the JNI path is in use. */
    public boolean usesJni() {
        return jni != null;
    }

    /** The C handle of an {@code mpi.Comm} of Open MPI's Java bindings. */
    public long handleOf(Object openMpiComm) {
        return OmpiJniLoader.get().orElseThrow(() -> new CommunicationException(OmpiJniLoader.unavailableReason()))
                .handleOf(openMpiComm);
    }

    /** An {@code mpi.Intracomm} on the C handle {@code comm} (not owning it). */
    public <T> T openMpiComm(long comm, Class<T> type) {
        try {
            return OmpiJniLoader.get().orElseThrow(() -> new CommunicationException(OmpiJniLoader.unavailableReason()))
                    .wrap(comm, type);
        } catch (ReflectiveOperationException e) {
            throw new CommunicationException("cannot make an mpi.Intracomm: " + e, e);
        }
    }

    // ---- lifecycle

    public boolean initialized() {
        Scratch s = SCRATCH.get();
        check(MpiNative.MPI_Initialized(s.address + OUT_INT), "MPI_Initialized");
        return s.buf.getInt(OUT_INT) != 0;
    }

    public boolean finalized() {
        Scratch s = SCRATCH.get();
        check(MpiNative.MPI_Finalized(s.address + OUT_INT), "MPI_Finalized");
        return s.buf.getInt(OUT_INT) != 0;
    }

    /**
     * {@code MPI_Init_thread(NULL, NULL, required, &provided)}; returns provided.
     *
     * @throws CommunicationException if the process was started by the other implementation's launcher
     */
    public int initThread(int required) {
        MpiLibrary.launcherMismatch(h.implementation(), System.getenv()).ifPresent(why -> {
            throw new CommunicationException(why);
        });
        if (jni != null) { // through the bindings, so that their Java side is initialised too
            try {
                return OmpiJniLoader.get().orElseThrow().initThread(required);
            } catch (Throwable e) {
                throw jniLifecycle(e, "MPI_Init_thread");
            }
        }
        Scratch s = SCRATCH.get();
        check(MpiNative.MPI_Init_thread(0, 0, required, s.address + OUT_INT), "MPI_Init_thread");
        return s.buf.getInt(OUT_INT);
    }

    public int queryThread() {
        Scratch s = SCRATCH.get();
        check(MpiNative.MPI_Query_thread(s.address + OUT_INT), "MPI_Query_thread");
        return s.buf.getInt(OUT_INT);
    }

    /** Sets {@code MPI_ERRORS_RETURN} on world and self and remembers this process's world rank for messages. */
    public void afterInit() {
        setErrorsReturn(h.commWorld);
        setErrorsReturn(h.commSelf);
        worldRank = rank(h.commWorld);
    }

    public void finalizeMpi() {
        OmpiJni j = jni != null ? OmpiJniLoader.get().orElseThrow() : null;
        if (j != null && j.javaSideInitialized()) {
            try {
                j.finalizeMpi();
                return;
            } catch (Throwable e) {
                throw jniLifecycle(e, "MPI_Finalize");
            }
        }
        check(MpiNative.MPI_Finalize(), "MPI_Finalize");
    }

    private RuntimeException jniLifecycle(Throwable e, String function) {
        OmpiJni j = OmpiJniLoader.get().orElseThrow();
        if (j.isMpiException(e) && j.errorCode(e) > 0) {
            return exception(function, j.errorCode(e));
        }
        if (e instanceof RuntimeException r) {
            return r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return new CommunicationException(function + " through Open MPI's Java bindings failed: " + e, e);
    }

    public void abort(long comm, int code) {
        fn.MPI_Abort(comm, code);
    }

    public String libraryVersion() {
        Scratch s = SCRATCH.get();
        check(MpiNative.MPI_Get_library_version(s.address + TEXT, s.address + OUT_INT), "MPI_Get_library_version");
        return text(s, Math.min(s.buf.getInt(OUT_INT), TEXT_BYTES)).trim();
    }

    // ---- communicators

    public void setErrorsReturn(long comm) {
        check(fn.MPI_Comm_set_errhandler(comm, h.errorsReturn), "MPI_Comm_set_errhandler");
    }

    public int rank(long comm) {
        Scratch s = SCRATCH.get();
        check(fn.MPI_Comm_rank(comm, s.address + OUT_INT), "MPI_Comm_rank");
        return s.buf.getInt(OUT_INT);
    }

    public int size(long comm) {
        Scratch s = SCRATCH.get();
        check(fn.MPI_Comm_size(comm, s.address + OUT_INT), "MPI_Comm_size");
        return s.buf.getInt(OUT_INT);
    }

    /** {@code MPI_Comm_split}; returns 0 for {@code MPI_COMM_NULL}. */
    public long split(long comm, int color, int key) {
        Scratch s = SCRATCH.get();
        int c = color == Communicator.UNDEFINED ? h.undefined() : color;
        check(fn.MPI_Comm_split(comm, c, key, s.address + OUT_HANDLE), "MPI_Comm_split");
        long out = readHandle(s, OUT_HANDLE);
        return out == h.commNull ? 0 : out;
    }

    public long dup(long comm) {
        Scratch s = SCRATCH.get();
        check(fn.MPI_Comm_dup(comm, s.address + OUT_HANDLE), "MPI_Comm_dup");
        return readHandle(s, OUT_HANDLE);
    }

    public void free(long comm) {
        Scratch s = SCRATCH.get();
        writeHandle(s, OUT_HANDLE, comm);
        check(MpiNative.MPI_Comm_free(s.address + OUT_HANDLE), "MPI_Comm_free");
    }

    // ---- collectives

    public void barrier(long comm) {
        JniCalls j = jni;
        if (j != null) {
            j.barrier(comm);
            return;
        }
        check(fn.MPI_Barrier(comm), "MPI_Barrier");
    }

    public void bcast(Buffer b, ElementType t, int root, long comm) {
        JniCalls j = jni;
        if (j != null) {
            j.bcast(b, b.remaining(), h.datatype(t), t, root, comm);
            return;
        }
        check(fn.MPI_Bcast(address(b, t), b.remaining(), h.datatype(t), root, comm), "MPI_Bcast");
    }

    /** {@code send == null} means {@code MPI_IN_PLACE}. */
    public void allreduce(Buffer send, Buffer recv, int count, ElementType t, ReduceOp op, long comm) {
        JniCalls j = jni;
        if (j != null) {
            j.allreduce(send, recv, count, h.datatype(t), t, h.op(op), comm);
            return;
        }
        long s = send == null ? h.inPlace : address(send, t);
        check(fn.MPI_Allreduce(s, address(recv, t), count, h.datatype(t), h.op(op), comm), "MPI_Allreduce");
    }

    /** {@code send == null} means {@code MPI_IN_PLACE} (root only); {@code recv} may be null off the root. */
    public void reduce(Buffer send, Buffer recv, int count, ElementType t, ReduceOp op, int root, long comm) {
        JniCalls j = jni;
        if (j != null) {
            j.reduce(send, recv, count, h.datatype(t), t, h.op(op), root, comm);
            return;
        }
        long s = send == null ? h.inPlace : address(send, t);
        check(fn.MPI_Reduce(s, address(recv, t), count, h.datatype(t), h.op(op), root, comm), "MPI_Reduce");
    }

    public void allgather(Buffer send, int count, Buffer recv, ElementType t, long comm) {
        long dt = h.datatype(t);
        JniCalls j = jni;
        if (j != null) {
            j.allgather(send, count, recv, dt, t, comm);
            return;
        }
        check(fn.MPI_Allgather(address(send, t), count, dt, address(recv, t), count, dt, comm), "MPI_Allgather");
    }

    public void allgatherv(Buffer send, int count, Buffer recv, int[] counts, int[] displs, ElementType t, long comm) {
        long dt = h.datatype(t);
        JniCalls j = jni;
        if (j != null) {
            j.allgatherv(send, count, recv, counts, displs, dt, t, comm);
            return;
        }
        check(fn.MPI_Allgatherv(address(send, t), count, dt, address(recv, t), counts, displs, dt, comm),
                "MPI_Allgatherv");
    }

    public void gather(Buffer send, int count, Buffer recv, ElementType t, int root, long comm) {
        long dt = h.datatype(t);
        JniCalls j = jni;
        if (j != null) {
            j.gather(send, count, recv, dt, t, root, comm);
            return;
        }
        check(fn.MPI_Gather(address(send, t), count, dt, address(recv, t), count, dt, root, comm), "MPI_Gather");
    }

    public void gatherv(Buffer send, int count, Buffer recv, int[] counts, int[] displs, ElementType t, int root,
            long comm) {
        long dt = h.datatype(t);
        JniCalls j = jni;
        if (j != null) {
            j.gatherv(send, count, recv, counts, displs, dt, t, root, comm);
            return;
        }
        check(fn.MPI_Gatherv(address(send, t), count, dt, address(recv, t), counts, displs, dt, root, comm),
                "MPI_Gatherv");
    }

    public void scatter(Buffer send, Buffer recv, int count, ElementType t, int root, long comm) {
        long dt = h.datatype(t);
        JniCalls j = jni;
        if (j != null) {
            j.scatter(send, recv, count, dt, t, root, comm);
            return;
        }
        check(fn.MPI_Scatter(address(send, t), count, dt, address(recv, t), count, dt, root, comm), "MPI_Scatter");
    }

    public void scatterv(Buffer send, int[] counts, int[] displs, Buffer recv, int count, ElementType t, int root,
            long comm) {
        long dt = h.datatype(t);
        JniCalls j = jni;
        if (j != null) {
            j.scatterv(send, counts, displs, recv, count, dt, t, root, comm);
            return;
        }
        check(fn.MPI_Scatterv(address(send, t), counts, displs, dt, address(recv, t), count, dt, root, comm),
                "MPI_Scatterv");
    }

    public void alltoall(Buffer send, Buffer recv, int block, ElementType t, long comm) {
        long dt = h.datatype(t);
        JniCalls j = jni;
        if (j != null) {
            j.alltoall(send, recv, block, dt, t, comm);
            return;
        }
        check(fn.MPI_Alltoall(address(send, t), block, dt, address(recv, t), block, dt, comm), "MPI_Alltoall");
    }

    public void alltoallv(Buffer send, int[] sc, int[] sd, Buffer recv, int[] rc, int[] rd, ElementType t, long comm) {
        long dt = h.datatype(t);
        JniCalls j = jni;
        if (j != null) {
            j.alltoallv(send, sc, sd, recv, rc, rd, dt, t, comm);
            return;
        }
        check(fn.MPI_Alltoallv(address(send, t), sc, sd, dt, address(recv, t), rc, rd, dt, comm), "MPI_Alltoallv");
    }

    // ---- point-to-point

    public void send(Buffer b, ElementType t, int dest, int tag, long comm) {
        JniCalls j = jni;
        if (j != null) {
            j.send(b, b.remaining(), h.datatype(t), t, dest, tag, comm);
            return;
        }
        check(fn.MPI_Send(address(b, t), b.remaining(), h.datatype(t), dest, tag, comm), "MPI_Send");
    }

    /** Returns {source, tag, count}. */
    public int[] recv(Buffer b, ElementType t, int source, int tag, long comm) {
        JniCalls j = jni;
        if (j != null) {
            return wild(j.recv(b, b.remaining(), h.datatype(t), t, wildSource(source), wildTag(tag), comm));
        }
        Scratch s = SCRATCH.get();
        check(fn.MPI_Recv(address(b, t), b.remaining(), h.datatype(t), wildSource(source), wildTag(tag), comm,
                s.address), "MPI_Recv");
        return status(s, t);
    }

    /** Returns {source, tag, count} of the receive. */
    public int[] sendrecv(Buffer send, ElementType t, int dest, int sendTag, Buffer recv, int source, int recvTag,
            long comm) {
        long dt = h.datatype(t);
        JniCalls j = jni;
        if (j != null) {
            return wild(j.sendrecv(send, send.remaining(), recv, recv.remaining(), dt, t, dest, sendTag,
                    wildSource(source), wildTag(recvTag), comm));
        }
        Scratch s = SCRATCH.get();
        check(fn.MPI_Sendrecv(address(send, t), send.remaining(), dt, dest, sendTag, address(recv, t),
                recv.remaining(), dt, wildSource(source), wildTag(recvTag), comm, s.address), "MPI_Sendrecv");
        return status(s, t);
    }

    /** Starts a send; returns the request handle. */
    public long isend(Buffer b, ElementType t, int dest, int tag, long comm) {
        JniCalls j = jni;
        if (j != null) {
            return j.isend(b, b.remaining(), h.datatype(t), dest, tag, comm);
        }
        Scratch s = SCRATCH.get();
        check(fn.MPI_Isend(address(b, t), b.remaining(), h.datatype(t), dest, tag, comm, s.address + REQUEST),
                "MPI_Isend");
        return readHandle(s, REQUEST);
    }

    /** Starts a receive; returns the request handle. */
    public long irecv(Buffer b, ElementType t, int source, int tag, long comm) {
        JniCalls j = jni;
        if (j != null) {
            return j.irecv(b, b.remaining(), h.datatype(t), wildSource(source), wildTag(tag), comm);
        }
        Scratch s = SCRATCH.get();
        check(fn.MPI_Irecv(address(b, t), b.remaining(), h.datatype(t), wildSource(source), wildTag(tag), comm,
                s.address + REQUEST), "MPI_Irecv");
        return readHandle(s, REQUEST);
    }

    /** {@code MPI_Wait}; returns {source, tag, count}. */
    public int[] await(long request, ElementType t) {
        Scratch s = SCRATCH.get();
        writeHandle(s, REQUEST, request);
        check(MpiNative.MPI_Wait(s.address + REQUEST, s.address), "MPI_Wait");
        return status(s, t);
    }

    /** {@code MPI_Test}; returns {source, tag, count} when complete, else null. */
    public int[] test(long request, ElementType t) {
        Scratch s = SCRATCH.get();
        writeHandle(s, REQUEST, request);
        check(MpiNative.MPI_Test(s.address + REQUEST, s.address + OUT_INT, s.address), "MPI_Test");
        return s.buf.getInt(OUT_INT) != 0 ? status(s, t) : null;
    }

    // ---- helpers

    private int[] status(Scratch s, ElementType t) {
        int source = s.buf.getInt(h.statusSourceOffset());
        int tag = s.buf.getInt(h.statusTagOffset());
        check(fn.MPI_Get_count(s.address, h.datatype(t), s.address + OUT_INT), "MPI_Get_count");
        return new int[] {source == h.anySource() ? Communicator.ANY_SOURCE : source, tag, s.buf.getInt(OUT_INT)};
    }

    private int[] wild(int[] status) {
        if (status[0] == h.anySource()) {
            status[0] = Communicator.ANY_SOURCE;
        }
        return status;
    }

    private int wildSource(int source) {
        return source == Communicator.ANY_SOURCE ? h.anySource() : source;
    }

    private int wildTag(int tag) {
        return tag == Communicator.ANY_TAG ? h.anyTag() : tag;
    }

    private long readHandle(Scratch s, int offset) {
        return h.handleBytes() == 8 ? s.buf.getLong(offset) : Integer.toUnsignedLong(s.buf.getInt(offset));
    }

    private void writeHandle(Scratch s, int offset, long handle) {
        if (h.handleBytes() == 8) {
            s.buf.putLong(offset, handle);
        } else {
            s.buf.putInt(offset, (int) handle);
        }
    }

    /** Address of the buffer's element at its position; 0 for null. */
    private static long address(Buffer b, ElementType t) {
        if (b == null) {
            return 0;
        }
        return org.jdistarray.comm.internal.DirectAddress.of(b) + (long) b.position() * t.size();
    }

    private void check(int rc, String function) {
        if (rc != 0) {
            throw exception(function, rc);
        }
    }

    /** The exception for error code {@code rc} of {@code function}, the same on the JNA and the JNI path. */
    MpiException exception(String function, int rc) {
        return new MpiException(function, rc, errorClass(rc), errorString(rc), worldRank);
    }

    /** {@code MPI_Error_class} of {@code code} (MPICH's codes carry more than the class); the code if that fails. */
    public int errorClass(int code) {
        Scratch s = SCRATCH.get();
        return MpiNative.MPI_Error_class(code, s.address + OUT_INT) == 0 ? s.buf.getInt(OUT_INT) : code;
    }

    /** {@code MPI_Error_string} of {@code code}. */
    public String errorString(int code) {
        Scratch s = SCRATCH.get();
        int rc = MpiNative.MPI_Error_string(code, s.address + TEXT, s.address + OUT_INT);
        if (rc != 0) {
            return "unknown MPI error " + code;
        }
        return text(s, Math.min(s.buf.getInt(OUT_INT), TEXT_BYTES));
    }

    private static String text(Scratch s, int len) {
        byte[] bytes = new byte[Math.max(len, 0)];
        s.buf.get(TEXT, bytes);
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }
}
