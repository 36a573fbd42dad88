package org.jdistarray.comm.mpi.internal;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

import org.jdistarray.comm.ElementType;
import org.jdistarray.comm.ReduceOp;

/**
 * Open MPI (4.x): handles are pointers to exported globals ({@code MPI_COMM_WORLD} is {@code &ompi_mpi_comm_world}),
 * {@code MPI_IN_PLACE} is {@code (void*)1}, and {@code MPI_Status} is {@code {int source, tag, error, cancelled;
 * size_t ucount}} (24 bytes). The only class that names Open MPI symbols.
 */
final class OpenMpiHandles extends MpiHandles {
    OpenMpiHandles(NativeLibrary lib) {
        super(address(lib, "ompi_mpi_comm_world"), address(lib, "ompi_mpi_comm_self"), address(lib, "ompi_mpi_comm_null"),
                address(lib, "ompi_mpi_errors_return"), 1L);
        datatype(ElementType.DOUBLE, address(lib, "ompi_mpi_double"));
        datatype(ElementType.FLOAT, address(lib, "ompi_mpi_float"));
        datatype(ElementType.LONG, address(lib, "ompi_mpi_int64_t"));
        datatype(ElementType.INT, address(lib, "ompi_mpi_int"));
        datatype(ElementType.BYTE, address(lib, "ompi_mpi_int8_t"));
        op(ReduceOp.SUM, address(lib, "ompi_mpi_op_sum"));
        op(ReduceOp.PROD, address(lib, "ompi_mpi_op_prod"));
        op(ReduceOp.MIN, address(lib, "ompi_mpi_op_min"));
        op(ReduceOp.MAX, address(lib, "ompi_mpi_op_max"));
        op(ReduceOp.LAND, address(lib, "ompi_mpi_op_land"));
        op(ReduceOp.LOR, address(lib, "ompi_mpi_op_lor"));
    }

    private static long address(NativeLibrary lib, String symbol) {
        return Pointer.nativeValue(lib.getGlobalVariableAddress(symbol));
    }

    @Override
    String family() {
        return "Open MPI";
    }

    @Override
    int anySource() {
        return -1;
    }

    @Override
    int anyTag() {
        return -1;
    }

    @Override
    int undefined() {
        return -32766;
    }

    @Override
    int handleBytes() {
        return 8;
    }

    @Override
    int statusBytes() {
        return 24;
    }

    @Override
    int statusSourceOffset() {
        return 0;
    }

    @Override
    int statusTagOffset() {
        return 4;
    }
}
