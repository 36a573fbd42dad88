package org.jdistarray.comm.mpi.internal;

import java.util.List;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

import org.jdistarray.comm.CommunicationException;
import org.jdistarray.comm.ElementType;
import org.jdistarray.comm.ReduceOp;
import org.jdistarray.comm.mpi.MpiImplementation;

/**
 * The implementation-specific part of the MPI ABI, as plain {@code long}s: predefined handles (communicators,
 * datatypes, operations, error handler), special values ({@code MPI_IN_PLACE}, {@code MPI_ANY_SOURCE}...), the size
 * of a handle behind an out-parameter, the {@code MPI_Status} layout, and the {@link MpiCalls} whose C signatures
 * take this ABI's handle type. Everything else in the binding is the portable C API. One subclass per ABI,
 * {@link OpenMpiHandles} and {@link MpichHandles}; these two pairs of classes ({@code *Handles}, {@code *Calls}) are
 * the only places that know which MPI is loaded.
 */
abstract class MpiHandles {
    /** Exported by Open MPI only: the world communicator object. */
    static final String OPEN_MPI_SYMBOL = "ompi_mpi_comm_world";
    /** Exported by MPICH and its ABI-compatible derivatives (MVAPICH, Intel MPI): MPICH's internal error path. */
    static final List<String> MPICH_SYMBOLS = List.of("MPIR_Err_return_comm", "MPIR_Process");

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

    abstract MpiImplementation implementation();

    /** The direct-mapped functions that take handles, declared with this ABI's C types (registers them on first use). */
    abstract MpiCalls calls();

    abstract int anySource();

    abstract int anyTag();

    abstract int undefined();

    /** Bytes of an {@code MPI_Comm}/{@code MPI_Request} handle as stored through out-parameters: 8 or 4. */
    abstract int handleBytes();

    abstract int statusBytes();

    abstract int statusSourceOffset();

    abstract int statusTagOffset();

    /**
     * The handle table of the loaded library, identified by its symbols.
     *
     * @throws CommunicationException if the library is neither, or not the implementation that was asked for
     */
    static MpiHandles detect(MpiLibrary.Loaded loaded) {
        NativeLibrary lib = loaded.library();
        MpiImplementation found;
        if (hasSymbol(lib, OPEN_MPI_SYMBOL)) {
            found = MpiImplementation.OPEN_MPI;
        } else if (MPICH_SYMBOLS.stream().anyMatch(s -> hasSymbol(lib, s))) {
            found = MpiImplementation.MPICH;
        } else {
            throw new CommunicationException("the MPI library " + lib.getFile() + " is neither Open MPI (no "
                    + OPEN_MPI_SYMBOL + ") nor MPICH or an MPICH-ABI MPI (no " + String.join(", ", MPICH_SYMBOLS) + ")");
        }
        MpiLibrary.Choice choice = loaded.choice();
        if (choice.implementation().isPresent() && choice.implementation().get() != found) {
            throw new CommunicationException(choice.reason() + " asks for " + choice.implementation().get().displayName()
                    + ", but the MPI library loaded, " + lib.getFile() + ", is " + found.displayName());
        }
        return found == MpiImplementation.OPEN_MPI ? new OpenMpiHandles(s -> symbolAddress(lib, s)) : new MpichHandles();
    }

    private static long symbolAddress(NativeLibrary lib, String name) {
        return Pointer.nativeValue(lib.getGlobalVariableAddress(name));
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
