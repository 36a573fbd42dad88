package org.jdistarray.petsc.internal;

import com.sun.jna.Native;

/**
 * The PETSc C functions, JNA direct-mapped. Handles ({@code Vec}, {@code Mat}, {@code KSP}, {@code PC},
 * {@code MPI_Comm} for Open MPI) and pointers are {@code long}s; {@code PetscInt} is {@code int} (32-bit build,
 * checked at initialisation), {@code PetscScalar}/{@code PetscReal} are {@code double}. Every function returns the
 * {@code PetscErrorCode}. Not checked here: {@link Petsc} checks every code.
 */
final class PetscNative {
    static {
        Native.register(PetscNative.class, PetscLibrary.get());
    }

    private PetscNative() {
    }

    static void load() {
        // the static initialiser does the work
    }

    // ---- system
    static native int PetscInitializeNoArguments();

    static native int PetscInitialized(long flag);

    static native int PetscFinalized(long flag);

    static native int PetscFinalize();

    static native int PetscOptionsSetValue(long options, String name, String value);

    static native int PetscPushErrorHandler(long handler, long ctx);

    static native int PetscPopErrorHandler();

    static native int PetscErrorMessage(int code, long text, long specific);

    static native int PetscDataTypeGetSize(int type, long size);

    static native int PetscGetVersion(long buf, long len);

    static native int PetscObjectDestroy(long obj);

    static native int PetscObjectDelayedDestroy(long obj);

    static native int PetscGarbageCleanup(long comm);

    // ---- Vec
    static native int VecCreateMPIWithArray(long comm, int bs, int n, int nGlobal, long array, long vec);

    static native int VecCreateMPI(long comm, int n, int nGlobal, long vec);

    static native int VecDuplicate(long v, long out);

    static native int VecGetArray(long v, long array);

    static native int VecRestoreArray(long v, long array);

    static native int VecGetArrayRead(long v, long array);

    static native int VecRestoreArrayRead(long v, long array);

    static native int VecNorm(long v, int type, long out);

    static native int VecDot(long x, long y, long out);

    static native int VecSum(long v, long out);

    static native int VecAXPY(long y, double alpha, long x);

    static native int VecAYPX(long y, double beta, long x);

    static native int VecScale(long v, double alpha);

    static native int VecSet(long v, double alpha);

    static native int VecCopy(long x, long y);

    static native int VecGetValues(long v, int n, long ix, long y);

    static native int VecSetValues(long v, int n, long ix, long y, int mode);

    static native int VecAssemblyBegin(long v);

    static native int VecAssemblyEnd(long v);

    static native int VecGetOwnershipRanges(long v, long ranges);

    // ---- Mat
    static native int MatCreate(long comm, long out);

    static native int MatSetSizes(long a, int m, int n, int mGlobal, int nGlobal);

    static native int MatSetType(long a, String type);

    static native int MatSeqAIJSetPreallocation(long a, int nz, long nnz);

    static native int MatMPIAIJSetPreallocation(long a, int dnz, long dnnz, int onz, long onnz);

    static native int MatSeqAIJSetPreallocationCSR(long a, long i, long j, long v);

    static native int MatMPIAIJSetPreallocationCSR(long a, long i, long j, long v);

    static native int MatSetValues(long a, int m, long idxm, int n, long idxn, long v, int mode);

    static native int MatAssemblyBegin(long a, int type);

    static native int MatAssemblyEnd(long a, int type);

    static native int MatAssembled(long a, long flag);

    static native int MatMult(long a, long x, long y);

    static native int MatCreateShell(long comm, int m, int n, int mGlobal, int nGlobal, long ctx, long out);

    static native int MatShellSetOperation(long a, int op, long fn);

    // ---- KSP / PC
    static native int KSPCreate(long comm, long out);

    static native int KSPSetOperators(long ksp, long a, long p);

    static native int KSPSetType(long ksp, String type);

    static native int KSPGetType(long ksp, long type);

    static native int KSPGetPC(long ksp, long pc);

    static native int PCSetType(long pc, String type);

    static native int PCGetType(long pc, long type);

    static native int KSPSetTolerances(long ksp, double rtol, double abstol, double dtol, int maxits);

    static native int KSPSetInitialGuessNonzero(long ksp, int flag);

    static native int KSPSetNormType(long ksp, int type);

    static native int KSPSetConvergenceTest(long ksp, long test, long ctx, long destroy);

    static native int KSPConvergedDefaultCreate(long ctx);

    static native int KSPSetFromOptions(long ksp);

    static native int KSPSetUp(long ksp);

    static native int KSPSolve(long ksp, long b, long x);

    static native int KSPGetConvergedReason(long ksp, long reason);

    static native int KSPGetIterationNumber(long ksp, long its);

    static native int KSPGetResidualNorm(long ksp, long rnorm);

    static native int KSPMonitorSet(long ksp, long monitor, long ctx, long destroy);

    static native int KSPMonitorCancel(long ksp);
}
