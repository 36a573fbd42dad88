package org.jdistarray.petsc;

import java.nio.DoubleBuffer;

import org.jdistarray.petsc.internal.Petsc;

/**
 * This rank's block of a {@link PetscVec} as a {@link DoubleBuffer} on PETSc's memory ({@code VecGetArray}; for a
 * wrapped vector, the caller's own memory). {@link #close()} gives it back ({@code VecRestoreArray}, which increases
 * the vector's state, so PETSc drops cached norms after Java writes). Read-only views ({@code VecGetArrayRead}) do
 * not change the state. The buffer must not be used after close. Not thread-safe.
 */
public final class VecArray implements AutoCloseable {
    private final PetscVec vec;
    private final long vecHandle;
    private final boolean readOnly;
    private long address;
    private final DoubleBuffer buffer;

    VecArray(PetscVec vec, long vecHandle, boolean readOnly) {
        this.vec = vec;
        this.vecHandle = vecHandle;
        this.readOnly = readOnly;
        this.address = Petsc.vecGetArray(vecHandle, readOnly);
        DoubleBuffer b = Petsc.doubles(address, vec.localSize());
        this.buffer = readOnly ? b.asReadOnlyBuffer() : b;
    }

    /** <b>Not collective.</b> The local block (position 0, limit = local size). */
    public DoubleBuffer buffer() {
        if (address == 0) {
            throw new IllegalStateException("VecArray is closed");
        }
        return buffer;
    }

    /** <b>Not collective.</b> Whether this is a read-only view. */
    public boolean readOnly() {
        return readOnly;
    }

    /** The native address PETSc returned (for the zero-copy tests). */
    long nativeAddress() {
        return address;
    }

    /** <b>Not collective.</b> {@code VecRestoreArray} / {@code VecRestoreArrayRead}. Idempotent. */
    @Override
    public void close() {
        long a = address;
        if (a == 0) {
            return;
        }
        address = 0;
        vec.viewClosed();
        if (!vec.isClosed()) {
            Petsc.vecRestoreArray(vecHandle, a, readOnly);
        }
    }
}
