package org.jdistarray.petsc;

import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.jdistarray.array.Borrow;
import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.LocalBlock;
import org.jdistarray.comm.CollectiveErrors;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.dist.numbering.GlobalNumbering;
import org.jdistarray.petsc.internal.Petsc;
import org.jdistarray.protocol.DType;

/** Vectors on distributed arrays: zero-copy wraps, copies for padded arrays, views of vectors as arrays. */
final class DistArrayVecs {
    private DistArrayVecs() {
    }

    static PetscVec wrap(DistArray array, boolean copyIfPadded) {
        Objects.requireNonNull(array, "array");
        GlobalNumbering numbering = checked(array, "PetscVec.wrap");
        List<Integer> padded = numbering.paddedAxes();
        if (!padded.isEmpty()) {
            String reason = "the array has communication padding (ghost cells between owned cells) on axis "
                    + padded + ": its local blocks are not PETSc's contiguous ranges";
            if (copyIfPadded) {
                return copyOf(array, reason);
            }
            throw new IllegalArgumentException("PetscVec.wrap: " + reason + "; use PetscVec.copyOf(array) or "
                    + "PetscVec.wrapOrCopy(array) for an explicit copy (" + array + ")");
        }
        String error = null;
        if (array.isClosed()) {
            error = "the array is closed";
        } else if (array.local().chunkCount() > 1) {
            error = "the local block of " + array.local().byteSize() + " bytes exceeds one buffer (2^31 - 1 bytes)";
        }
        Borrow borrow = error == null ? array.borrow() : null;
        DoubleBuffer local = error == null ? array.local().asDoubles() : DirectBuffers.doubles(0);
        try {
            PetscVec v = PetscVec.wrapChecked(array.distribution().communicator(), local, numbering.size(),
                    PetscVec.StateTracking.AUTOMATIC, borrow, error);
            v.attach(numbering, null);
            return v;
        } catch (RuntimeException e) {
            if (borrow != null) {
                borrow.close();
            }
            throw e;
        }
    }

    static PetscVec copyOf(DistArray array, String reason) {
        Objects.requireNonNull(array, "array");
        GlobalNumbering numbering = checked(array, "PetscVec.copyOf");
        String error = array.isClosed() ? "the array is closed" : null;
        IllegalArgumentException invalid = error == null ? null : new IllegalArgumentException("PetscVec.copyOf: " + error);
        CollectiveErrors.agree(array.distribution().communicator(), invalid);
        PetscVec v = PetscVec.create(numbering);
        long t0 = System.nanoTime();
        LocalBlock local = array.local();
        try (VecArray view = v.array()) {
            DoubleBuffer out = view.buffer();
            int[] k = {0};
            array.forEachOwned((global, offset) -> out.put(k[0]++, local.getDouble(offset)));
        } catch (RuntimeException e) {
            v.close();
            throw e;
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        v.attach(numbering, new ArrayCopy(8L * numbering.localRowCount(), seconds,
                reason != null ? reason : "PetscVec.copyOf was asked for a copy"));
        return v;
    }

    static void copyInto(PetscVec vec, DistArray target) {
        Objects.requireNonNull(target, "target");
        GlobalNumbering numbering = vec.numbering();
        if (target.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException("copyInto: the target's dtype is " + target.dtype().numpyName()
                    + "; PETSc's scalars are float64");
        }
        if (!numbering.distribution().layout().equals(target.distribution().layout())) {
            throw new IllegalArgumentException("copyInto: the target's layout differs from the vector's: "
                    + target.distribution() + " vs " + numbering.distribution());
        }
        LocalBlock local = target.local();
        try (VecArray view = vec.readArray()) {
            DoubleBuffer in = view.buffer();
            if (vec.isWrapped() && local.chunkCount() == 1 && local.address() == view.nativeAddress()) {
                return; // the vector is this array's memory
            }
            int[] k = {0};
            target.forEachOwned((global, offset) -> local.setDouble(offset, in.get(k[0]++)));
        }
    }

    static DistArray view(PetscVec vec, GlobalNumbering numbering, long handle) {
        if (!numbering.paddedAxes().isEmpty()) {
            throw new IllegalArgumentException("asDistArray: the distribution has communication padding on axes "
                    + numbering.paddedAxes() + "; use copyInto(array)");
        }
        int n = vec.localSize();
        long address = Petsc.vecGetArray(handle, false);
        Petsc.vecRestoreArray(handle, address, false); // VECMPI keeps its array where it is
        return DistArrays.view(numbering.distribution(), DType.FLOAT64, Petsc.bytes(address, 8L * n));
    }

    /** Checks that can be decided from the layout alone (identical on every rank: thrown everywhere together). */
    private static GlobalNumbering checked(DistArray array, String what) {
        if (array.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException(what + ": the array's dtype is " + array.dtype().numpyName()
                    + "; PETSc's scalars are float64 (use array.astype(DType.FLOAT64))");
        }
        try {
            return GlobalNumbering.of(array.distribution());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage() + " (" + Arrays.toString(array.shape())
                    + ")", e);
        }
    }
}
