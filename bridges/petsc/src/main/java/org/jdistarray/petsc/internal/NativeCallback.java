package org.jdistarray.petsc.internal;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Pointer;

/**
 * A Java function PETSc calls back (a shell matrix's multiply, a KSP monitor), kept strongly reachable by its owner
 * for as long as PETSc may call it. An exception thrown by the Java function never crosses into C: it is caught,
 * remembered for the PETSc call that ran the callback (it becomes that call's {@code PetscException} cause), and the
 * callback returns {@code PETSC_ERR_USER}, which PETSc passes up.
 */
public final class NativeCallback {
    private static final int PETSC_ERR_USER = 83;

    /** What a shell multiply does with the handles of x and y. */
    @FunctionalInterface
    public interface VecPair {
        void apply(long x, long y);
    }

    /** What a monitor does with the iteration and residual norm. */
    @FunctionalInterface
    public interface Monitor {
        void apply(int iteration, double residualNorm);
    }

    /** {@code PetscErrorCode (*)(Mat, Vec, Vec)}. */
    public interface MultFn extends Callback {
        int invoke(long mat, long x, long y);
    }

    /** {@code PetscErrorCode (*)(KSP, PetscInt, PetscReal, void *)}. */
    public interface MonitorFn extends Callback {
        int invoke(long ksp, int iteration, double rnorm, long ctx);
    }

    private final Callback callback;
    private final long address;

    private NativeCallback(Callback callback) {
        this.callback = callback;
        this.address = Pointer.nativeValue(CallbackReference.getFunctionPointer(callback));
    }

    /** A {@code MATOP_MULT} implementation. */
    public static NativeCallback mult(VecPair body) {
        MultFn fn = (mat, x, y) -> {
            try {
                body.apply(x, y);
                return 0;
            } catch (Throwable t) {
                Petsc.callbackFailed(t);
                return PETSC_ERR_USER;
            }
        };
        return new NativeCallback(fn);
    }

    /** A {@code KSPMonitorSet} monitor. */
    public static NativeCallback monitor(Monitor body) {
        MonitorFn fn = (ksp, it, rnorm, ctx) -> {
            try {
                body.apply(it, rnorm);
                return 0;
            } catch (Throwable t) {
                Petsc.callbackFailed(t);
                return PETSC_ERR_USER;
            }
        };
        return new NativeCallback(fn);
    }

    /** The C function pointer. */
    public long address() {
        return address;
    }

    @Override
    public String toString() {
        return "NativeCallback[" + callback.getClass().getSimpleName() + "]";
    }
}
