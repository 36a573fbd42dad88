package org.jdistarray.comm.mpi.internal;

import com.sun.jna.NativeLibrary;

import org.jdistarray.comm.CommunicationException;
import org.jdistarray.comm.ElementType;
import org.jdistarray.comm.ReduceOp;

/**
 * The implementation-specific part of the MPI ABI, as plain {@code long}s: predefined handles (communicators,
 * datatypes, operations, error handler), special values ({@code MPI_IN_PLACE}, {@code MPI_ANY_SOURCE}...) and the
 * {@code MPI_Status} layout. Everything else in the binding is the portable C API. One subclass per MPI family:
 * {@link OpenMpiHandles} now; MPICH (integer handles, 20-byte status with the source at offset 8) slots in here.
 */
abstract class MpiHandles {
    final long commWorld;
    final long commSelf;
    final long commNull;
    final long errorsReturn;
    final long inPlace;
    private final long[] datatypes = new long[ElementType.values().length];
    private final long[] ops = new long[ReduceOp.values().length];

    MpiHandles(long commWorld, long commSelf, long commNull, long errorsReturn, long inPlace) {
        this.commWorld = commWorld;
        this.commSelf = commSelf;
        this.commNull = commNull;
        this.errorsReturn = errorsReturn;
        this.inPlace = inPlace;
    }

    final void datatype(ElementType t, long handle) {
        datatypes[t.ordinal()] = handle;
    }

    final void op(ReduceOp op, long handle) {
        ops[op.ordinal()] = handle;
    }

    final long datatype(ElementType t) {
        return datatypes[t.ordinal()];
    }

    final long op(ReduceOp op) {
        return ops[op.ordinal()];
    }

    abstract String family();

    abstract int anySource();

    abstract int anyTag();

    abstract int undefined();

    /** Bytes of an {@code MPI_Comm}/{@code MPI_Request} handle as stored by out-parameters. */
    abstract int handleBytes();

    abstract int statusBytes();

    abstract int statusSourceOffset();

    abstract int statusTagOffset();

    /** The handle table of the loaded library. */
    static MpiHandles detect(NativeLibrary lib) {
        if (hasSymbol(lib, "ompi_mpi_comm_world")) {
            return new OpenMpiHandles(lib);
        }
        throw new CommunicationException("the loaded MPI library " + lib.getFile() + " is not Open MPI (no ompi_mpi_comm_world);"
                + " only Open MPI's handle table exists so far (MPICH is planned)");
    }

    private static boolean hasSymbol(NativeLibrary lib, String name) {
        try {
            lib.getGlobalVariableAddress(name);
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }
}
