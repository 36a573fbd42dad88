package org.jdistarray.petsc.internal;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

import org.jdistarray.nativelib.NativeLibraryException;
import org.jdistarray.petsc.PetscException;

/**
 * PETSc's C API in Java types for {@code org.jdistarray.petsc}: handles as {@code long}, out-parameters through a
 * per-thread direct scratch buffer, and every return code checked ({@link #check}) and turned into a
 * {@link PetscException} with {@code PetscErrorMessage}'s text and the specific message. Performs no argument
 * validation: the public classes validate before calling (Debian's optimised PETSc checks neither sizes nor null
 * handles). Not API.
 */
public final class Petsc {
    public static final int INSERT_VALUES = 1;
    public static final int ADD_VALUES = 2;
    public static final int MAT_FINAL_ASSEMBLY = 0;
    public static final int MATOP_MULT = 3;
    /** {@code PETSC_INT} of {@code PetscDataType}. */
    private static final int PETSC_INT = 16;
    private static final int PETSC_DOUBLE = 1;

    private static final int SCRATCH_BYTES = 4096;
    private static final int OUT = 0;
    private static final int OUT2 = 8;
    private static final int TEXT = 512;

    private static volatile int rank = -1;
    private static Long initialCommWorld;
    private static final ThreadLocal<Throwable> CALLBACK_ERROR = new ThreadLocal<>();

    private static final class Scratch {
        final ByteBuffer buf = ByteBuffer.allocateDirect(SCRATCH_BYTES).order(ByteOrder.nativeOrder());
        final long address = Pointer.nativeValue(Native.getDirectBufferPointer(buf));
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private Petsc() {
    }

    /** Loads libmpi and libpetsc and registers the functions. @throws NativeLibraryException if it cannot */
    public static void load() {
        try {
            PetscNative.load();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new NativeLibraryException("cannot load PETSc: " + e, e);
        } catch (ExceptionInInitializerError e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw c instanceof NativeLibraryException n ? n : new NativeLibraryException("cannot load PETSc: " + c, c);
        }
    }

    /** Why PETSc cannot be loaded, or null if it can. */
    public static String unavailableReason() {
        try {
            load();
            return null;
        } catch (RuntimeException | LinkageError e) {
            return e.getMessage();
        }
    }

    public static void setRank(int r) {
        rank = r;
    }

    public static int rank() {
        return rank;
    }

    // ---- errors

    /** Throws {@link PetscException} for a non-zero code (with a Java callback's exception as the cause). */
    public static void check(int rc, String function) {
        Throwable fromCallback = CALLBACK_ERROR.get();
        if (fromCallback != null) {
            CALLBACK_ERROR.remove();
        }
        if (rc != 0) {
            String[] text = errorText(rc);
            throw new PetscException(function, rc, text[0], text[1], rank, fromCallback);
        }
    }

    /** Remembers an exception a Java callback threw, for the {@link #check} of the PETSc call that ran it. */
    static void callbackFailed(Throwable t) {
        if (CALLBACK_ERROR.get() == null) {
            CALLBACK_ERROR.set(t);
        }
    }

    /** {@code PetscErrorMessage}: the code's text and the last specific message. */
    public static String[] errorText(int code) {
        Scratch s = SCRATCH.get();
        s.buf.putLong(OUT, 0).putLong(OUT2, 0);
        if (PetscNative.PetscErrorMessage(code, s.address + OUT, s.address + OUT2) != 0) {
            return new String[] {"unknown PETSc error " + code, ""};
        }
        return new String[] {string(s.buf.getLong(OUT), "(no text)"), string(s.buf.getLong(OUT2), "")};
    }

    // ---- system

    public static boolean initialized() {
        Scratch s = SCRATCH.get();
        check(PetscNative.PetscInitialized(s.address + OUT), "PetscInitialized");
        return s.buf.getInt(OUT) != 0;
    }

    public static boolean finalized() {
        Scratch s = SCRATCH.get();
        check(PetscNative.PetscFinalized(s.address + OUT), "PetscFinalized");
        return s.buf.getInt(OUT) != 0;
    }

    public static void setOption(String name, String value) {
        check(PetscNative.PetscOptionsSetValue(0, name, value), "PetscOptionsSetValue(" + name + ")");
    }

    /**
     * {@code PetscInitialize} on {@code comm} ({@code PETSC_COMM_WORLD} is set to it first; 0 keeps PETSc's default,
     * {@code MPI_COMM_WORLD}), then pushes {@code PetscReturnErrorHandler}.
     */
    public static void initialize(long comm) {
        NativeLibrary lib = PetscLibrary.get();
        Pointer world = lib.getGlobalVariableAddress("PETSC_COMM_WORLD");
        synchronized (Petsc.class) {
            if (initialCommWorld == null) {
                initialCommWorld = world.getLong(0); // MPI_COMM_NULL until set: PetscInitialize then uses MPI_COMM_WORLD
            }
        }
        world.setLong(0, comm != 0 ? comm : initialCommWorld);
        check(PetscNative.PetscInitializeNoArguments(), "PetscInitialize");
        long handler = Pointer.nativeValue(lib.getFunction("PetscReturnErrorHandler"));
        check(PetscNative.PetscPushErrorHandler(handler, 0), "PetscPushErrorHandler");
    }

    /** {@code PETSC_COMM_WORLD} after initialisation. */
    public static long commWorld() {
        return PetscLibrary.get().getGlobalVariableAddress("PETSC_COMM_WORLD").getLong(0);
    }

    public static void finalizePetsc() {
        PetscNative.PetscPopErrorHandler();
        check(PetscNative.PetscFinalize(), "PetscFinalize");
    }

    /** Bytes of {@code PetscInt} and of {@code PetscScalar} as {@code double}. */
    public static int[] typeSizes() {
        Scratch s = SCRATCH.get();
        check(PetscNative.PetscDataTypeGetSize(PETSC_INT, s.address + OUT), "PetscDataTypeGetSize");
        int intSize = (int) s.buf.getLong(OUT);
        check(PetscNative.PetscDataTypeGetSize(PETSC_DOUBLE, s.address + OUT), "PetscDataTypeGetSize");
        return new int[] {intSize, (int) s.buf.getLong(OUT)};
    }

    public static String version() {
        Scratch s = SCRATCH.get();
        check(PetscNative.PetscGetVersion(s.address + TEXT, 256), "PetscGetVersion");
        return string(s.address + TEXT, "");
    }

    /** {@code PetscObjectDestroy(&obj)}. */
    public static void destroy(long obj, String what) {
        Scratch s = SCRATCH.get();
        s.buf.putLong(OUT, obj);
        check(PetscNative.PetscObjectDestroy(s.address + OUT), "PetscObjectDestroy(" + what + ")");
    }

    /** {@code PetscObjectDelayedDestroy(&obj)}: queued for the next collective {@link #garbageCleanup}. */
    public static void delayedDestroy(long obj) {
        Scratch s = SCRATCH.get();
        s.buf.putLong(OUT, obj);
        check(PetscNative.PetscObjectDelayedDestroy(s.address + OUT), "PetscObjectDelayedDestroy");
    }

    public static void garbageCleanup(long comm) {
        check(PetscNative.PetscGarbageCleanup(comm), "PetscGarbageCleanup");
    }

    // ---- Vec

    public static long vecCreateWithArray(long comm, int n, int nGlobal, long array) {
        Scratch s = SCRATCH.get();
        check(PetscNative.VecCreateMPIWithArray(comm, 1, n, nGlobal, array, s.address + OUT), "VecCreateMPIWithArray");
        return s.buf.getLong(OUT);
    }

    public static long vecCreate(long comm, int n, int nGlobal) {
        Scratch s = SCRATCH.get();
        check(PetscNative.VecCreateMPI(comm, n, nGlobal, s.address + OUT), "VecCreateMPI");
        return s.buf.getLong(OUT);
    }

    public static long vecDuplicate(long v) {
        Scratch s = SCRATCH.get();
        check(PetscNative.VecDuplicate(v, s.address + OUT), "VecDuplicate");
        return s.buf.getLong(OUT);
    }

    /** {@code VecGetArray} (read-write) or {@code VecGetArrayRead}; returns the address. */
    public static long vecGetArray(long v, boolean readOnly) {
        Scratch s = SCRATCH.get();
        if (readOnly) {
            check(PetscNative.VecGetArrayRead(v, s.address + OUT), "VecGetArrayRead");
        } else {
            check(PetscNative.VecGetArray(v, s.address + OUT), "VecGetArray");
        }
        return s.buf.getLong(OUT);
    }

    /** {@code VecRestoreArray} (which increases the object state) or {@code VecRestoreArrayRead}. */
    public static void vecRestoreArray(long v, long array, boolean readOnly) {
        Scratch s = SCRATCH.get();
        s.buf.putLong(OUT, array);
        if (readOnly) {
            check(PetscNative.VecRestoreArrayRead(v, s.address + OUT), "VecRestoreArrayRead");
        } else {
            check(PetscNative.VecRestoreArray(v, s.address + OUT), "VecRestoreArray");
        }
    }

    /** Increases the Vec's object state (cached norms become invalid): {@code VecGetArray} + {@code VecRestoreArray}. */
    public static void vecStateIncrease(long v) {
        Scratch s = SCRATCH.get();
        check(PetscNative.VecGetArray(v, s.address + OUT), "VecGetArray");
        check(PetscNative.VecRestoreArray(v, s.address + OUT), "VecRestoreArray");
    }

    public static double vecNorm(long v, int type) {
        Scratch s = SCRATCH.get();
        check(PetscNative.VecNorm(v, type, s.address + OUT), "VecNorm");
        return s.buf.getDouble(OUT);
    }

    public static double vecDot(long x, long y) {
        Scratch s = SCRATCH.get();
        check(PetscNative.VecDot(x, y, s.address + OUT), "VecDot");
        return s.buf.getDouble(OUT);
    }

    public static double vecSum(long v) {
        Scratch s = SCRATCH.get();
        check(PetscNative.VecSum(v, s.address + OUT), "VecSum");
        return s.buf.getDouble(OUT);
    }

    public static void vecAxpy(long y, double alpha, long x) {
        check(PetscNative.VecAXPY(y, alpha, x), "VecAXPY");
    }

    public static void vecAypx(long y, double beta, long x) {
        check(PetscNative.VecAYPX(y, beta, x), "VecAYPX");
    }

    public static void vecScale(long v, double alpha) {
        check(PetscNative.VecScale(v, alpha), "VecScale");
    }

    public static void vecSet(long v, double alpha) {
        check(PetscNative.VecSet(v, alpha), "VecSet");
    }

    public static void vecCopy(long x, long y) {
        check(PetscNative.VecCopy(x, y), "VecCopy");
    }

    public static void vecGetValues(long v, IntBuffer ix, DoubleBuffer out) {
        check(PetscNative.VecGetValues(v, ix.remaining(), address(ix, 4), address(out, 8)), "VecGetValues");
    }

    public static void vecSetValues(long v, IntBuffer ix, DoubleBuffer values, int mode) {
        check(PetscNative.VecSetValues(v, ix.remaining(), address(ix, 4), address(values, 8), mode), "VecSetValues");
    }

    public static void vecAssemble(long v) {
        check(PetscNative.VecAssemblyBegin(v), "VecAssemblyBegin");
        check(PetscNative.VecAssemblyEnd(v), "VecAssemblyEnd");
    }

    /** {@code VecGetOwnershipRanges}: {@code size + 1} starts. */
    public static long[] vecRanges(long v, int size) {
        Scratch s = SCRATCH.get();
        check(PetscNative.VecGetOwnershipRanges(v, s.address + OUT), "VecGetOwnershipRanges");
        return ints(s.buf.getLong(OUT), size + 1);
    }

    // ---- Mat

    public static long matCreateAij(long comm, int m, int n, int mGlobal, int nGlobal) {
        Scratch s = SCRATCH.get();
        check(PetscNative.MatCreate(comm, s.address + OUT), "MatCreate");
        long a = s.buf.getLong(OUT);
        try {
            check(PetscNative.MatSetSizes(a, m, n, mGlobal, nGlobal), "MatSetSizes");
            check(PetscNative.MatSetType(a, "aij"), "MatSetType");
        } catch (PetscException e) {
            destroy(a, "Mat");
            throw e;
        }
        return a;
    }

    /** Both AIJ preallocations with exact per-row counts (the one not matching the type is a no-op). */
    public static void matPreallocate(long a, int[] dnnz, int[] onnz) {
        try (Memory d = ints(dnnz); Memory o = ints(onnz)) {
            check(PetscNative.MatSeqAIJSetPreallocation(a, 0, addr(d)), "MatSeqAIJSetPreallocation");
            check(PetscNative.MatMPIAIJSetPreallocation(a, 0, addr(d), 0, addr(o)), "MatMPIAIJSetPreallocation");
        }
    }

    /** CSR preallocation, which also inserts the values and assembles (PETSc copies the arrays). */
    public static void matPreallocateCsr(long a, int[] rowPtr, int[] cols, double[] vals) {
        try (Memory i = ints(rowPtr); Memory j = ints(cols); Memory v = doubles(vals)) {
            check(PetscNative.MatSeqAIJSetPreallocationCSR(a, addr(i), addr(j), addr(v)), "MatSeqAIJSetPreallocationCSR");
            check(PetscNative.MatMPIAIJSetPreallocationCSR(a, addr(i), addr(j), addr(v)), "MatMPIAIJSetPreallocationCSR");
        }
    }

    /** One {@code MatSetValues} call per row {@code firstRow + r}, from native copies of the arrays. */
    public static void matSetRows(long a, int firstRow, int[] rowPtr, int[] cols, double[] vals, int mode) {
        int rows = rowPtr.length - 1;
        int[] rowIds = new int[Math.max(rows, 1)];
        for (int r = 0; r < rows; r++) {
            rowIds[r] = firstRow + r;
        }
        try (Memory ri = ints(rowIds); Memory j = ints(cols); Memory v = doubles(vals)) {
            long rb = addr(ri);
            long jb = addr(j);
            long vb = addr(v);
            for (int r = 0; r < rows; r++) {
                int k = rowPtr[r];
                int n = rowPtr[r + 1] - k;
                check(PetscNative.MatSetValues(a, 1, rb + 4L * r, n, jb + 4L * k, vb + 8L * k, mode), "MatSetValues");
            }
        }
    }

    /** {@code MatSetValues} of {@code n} entries of one row, through the scratch buffer (n &lt;= 128). */
    public static void matSetValues(long a, int row, int[] cols, double[] vals, int n, int mode) {
        Scratch s = SCRATCH.get();
        int ci = TEXT;
        int vi = TEXT + 4 * 128;
        s.buf.putInt(OUT, row);
        for (int k = 0; k < n; k++) {
            s.buf.putInt(ci + 4 * k, cols[k]);
            s.buf.putDouble(vi + 8 * k, vals[k]);
        }
        check(PetscNative.MatSetValues(a, 1, s.address + OUT, n, s.address + ci, s.address + vi, mode), "MatSetValues");
    }

    /** Most entries {@link #matSetValues} takes in one call. */
    public static final int MAX_ROW_ENTRIES = 128;

    public static void matAssemble(long a) {
        check(PetscNative.MatAssemblyBegin(a, MAT_FINAL_ASSEMBLY), "MatAssemblyBegin");
        check(PetscNative.MatAssemblyEnd(a, MAT_FINAL_ASSEMBLY), "MatAssemblyEnd");
    }

    public static boolean matAssembled(long a) {
        Scratch s = SCRATCH.get();
        check(PetscNative.MatAssembled(a, s.address + OUT), "MatAssembled");
        return s.buf.getInt(OUT) != 0;
    }

    public static void matMult(long a, long x, long y) {
        check(PetscNative.MatMult(a, x, y), "MatMult");
    }

    public static long matCreateShell(long comm, int m, int n, int mGlobal, int nGlobal, NativeCallback mult) {
        Scratch s = SCRATCH.get();
        check(PetscNative.MatCreateShell(comm, m, n, mGlobal, nGlobal, 0, s.address + OUT), "MatCreateShell");
        long a = s.buf.getLong(OUT);
        try {
            check(PetscNative.MatShellSetOperation(a, MATOP_MULT, mult.address()), "MatShellSetOperation");
        } catch (PetscException e) {
            destroy(a, "Mat");
            throw e;
        }
        return a;
    }

    // ---- KSP

    public static long kspCreate(long comm) {
        Scratch s = SCRATCH.get();
        check(PetscNative.KSPCreate(comm, s.address + OUT), "KSPCreate");
        return s.buf.getLong(OUT);
    }

    public static void kspSetOperators(long ksp, long a, long p) {
        check(PetscNative.KSPSetOperators(ksp, a, p), "KSPSetOperators");
    }

    public static void kspSetType(long ksp, String type) {
        check(PetscNative.KSPSetType(ksp, type), "KSPSetType");
    }

    public static String kspGetType(long ksp) {
        Scratch s = SCRATCH.get();
        s.buf.putLong(OUT, 0);
        check(PetscNative.KSPGetType(ksp, s.address + OUT), "KSPGetType");
        return string(s.buf.getLong(OUT), null);
    }

    public static void pcSetType(long ksp, String type) {
        check(PetscNative.PCSetType(pc(ksp), type), "PCSetType");
    }

    public static String pcGetType(long ksp) {
        long pc = pc(ksp);
        Scratch s = SCRATCH.get();
        s.buf.putLong(OUT, 0);
        check(PetscNative.PCGetType(pc, s.address + OUT), "PCGetType");
        return string(s.buf.getLong(OUT), null);
    }

    private static long pc(long ksp) {
        Scratch s = SCRATCH.get();
        check(PetscNative.KSPGetPC(ksp, s.address + OUT), "KSPGetPC");
        return s.buf.getLong(OUT);
    }

    public static void kspSetTolerances(long ksp, double rtol, double atol, double dtol, int maxIts) {
        check(PetscNative.KSPSetTolerances(ksp, rtol, atol, dtol, maxIts), "KSPSetTolerances");
    }

    public static void kspSetInitialGuessNonzero(long ksp, boolean flag) {
        check(PetscNative.KSPSetInitialGuessNonzero(ksp, flag ? 1 : 0), "KSPSetInitialGuessNonzero");
    }

    public static void kspSetNormType(long ksp, int type) {
        check(PetscNative.KSPSetNormType(ksp, type), "KSPSetNormType");
    }

    /**
     * {@code KSPSetNormType}, with the matching convergence test: {@code KSPConvergedSkip} for {@code KSP_NORM_NONE}
     * (the solve then ends with {@code KSP_CONVERGED_ITS}), otherwise {@code KSPConvergedDefault} with a new context.
     */
    public static void kspSetNormTypeAndTest(long ksp, int type) {
        kspSetNormType(ksp, type);
        NativeLibrary lib = PetscLibrary.get();
        if (type == 0) {
            long skip = Pointer.nativeValue(lib.getFunction("KSPConvergedSkip"));
            check(PetscNative.KSPSetConvergenceTest(ksp, skip, 0, 0), "KSPSetConvergenceTest");
        } else {
            Scratch s = SCRATCH.get();
            check(PetscNative.KSPConvergedDefaultCreate(s.address + OUT), "KSPConvergedDefaultCreate");
            long ctx = s.buf.getLong(OUT);
            long test = Pointer.nativeValue(lib.getFunction("KSPConvergedDefault"));
            long destroy = Pointer.nativeValue(lib.getFunction("KSPConvergedDefaultDestroy"));
            check(PetscNative.KSPSetConvergenceTest(ksp, test, ctx, destroy), "KSPSetConvergenceTest");
        }
    }

    public static void kspSetFromOptions(long ksp) {
        check(PetscNative.KSPSetFromOptions(ksp), "KSPSetFromOptions");
    }

    public static void kspSetUp(long ksp) {
        check(PetscNative.KSPSetUp(ksp), "KSPSetUp");
    }

    /** {@code KSPSolve}, then {reason, iterations} and the residual norm in {@code out[0]}. */
    public static int[] kspSolve(long ksp, long b, long x, double[] rnorm) {
        check(PetscNative.KSPSolve(ksp, b, x), "KSPSolve");
        Scratch s = SCRATCH.get();
        check(PetscNative.KSPGetConvergedReason(ksp, s.address + OUT), "KSPGetConvergedReason");
        int reason = s.buf.getInt(OUT);
        check(PetscNative.KSPGetIterationNumber(ksp, s.address + OUT), "KSPGetIterationNumber");
        int its = s.buf.getInt(OUT);
        check(PetscNative.KSPGetResidualNorm(ksp, s.address + OUT), "KSPGetResidualNorm");
        rnorm[0] = s.buf.getDouble(OUT);
        return new int[] {reason, its};
    }

    public static void kspMonitorSet(long ksp, NativeCallback monitor) {
        check(PetscNative.KSPMonitorSet(ksp, monitor.address(), 0, 0), "KSPMonitorSet");
    }

    public static void kspMonitorCancel(long ksp) {
        check(PetscNative.KSPMonitorCancel(ksp), "KSPMonitorCancel");
    }

    // ---- memory

    /** Address of the element at the buffer's position (direct buffers only; the caller checked). */
    public static long address(Buffer b, int elementSize) {
        if (b == null) {
            return 0;
        }
        return Pointer.nativeValue(Native.getDirectBufferPointer(b)) + (long) b.position() * elementSize;
    }

    /** A native-order byte view of {@code bytes} bytes at {@code address} (memory owned elsewhere). */
    public static ByteBuffer bytes(long address, long bytes) {
        if (bytes == 0) {
            return ByteBuffer.allocateDirect(0).order(ByteOrder.nativeOrder());
        }
        return new Pointer(address).getByteBuffer(0, bytes).order(ByteOrder.nativeOrder());
    }

    /** A native-order view of {@code n} doubles at {@code address} (memory owned elsewhere). */
    public static DoubleBuffer doubles(long address, int n) {
        if (n == 0) {
            return ByteBuffer.allocateDirect(0).order(ByteOrder.nativeOrder()).asDoubleBuffer();
        }
        return new Pointer(address).getByteBuffer(0, (long) n * 8).order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    private static Memory ints(int[] v) {
        Memory m = new Memory(Math.max(4L * v.length, 4));
        m.write(0, v, 0, v.length);
        return m;
    }

    private static Memory doubles(double[] v) {
        Memory m = new Memory(Math.max(8L * v.length, 8));
        m.write(0, v, 0, v.length);
        return m;
    }

    private static long addr(Memory m) {
        return Pointer.nativeValue(m);
    }

    private static long[] ints(long address, int n) {
        int[] v = new Pointer(address).getIntArray(0, n);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private static String string(long address, String ifNull) {
        return address == 0 ? ifNull : new Pointer(address).getString(0);
    }
}
