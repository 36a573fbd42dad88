package org.jdistarray.comm.mpi.internal;

import java.util.function.ToLongFunction;

import org.jdistarray.comm.ElementType;
import org.jdistarray.comm.ReduceOp;
import org.jdistarray.comm.mpi.MpiImplementation;

/**
 * Open MPI (4.x): handles are pointers to exported globals ({@code MPI_COMM_WORLD} is {@code &ompi_mpi_comm_world}),
 * so out-parameters hold 8 bytes; {@code MPI_IN_PLACE} is {@code (void*)1}, and {@code MPI_Status} is
 * {@code {int MPI_SOURCE, MPI_TAG, MPI_ERROR, _cancelled; size_t _ucount}} (24 bytes). The only class that names
 * Open MPI symbols. {@code HandleTablesTest} checks the constants against {@code mpicc.openmpi}.
 */
final class OpenMpiHandles extends MpiHandles {
    /** @param address the address of an exported symbol of libmpi */
    OpenMpiHandles(ToLongFunction<String> address) {
        super(address.applyAsLong("ompi_mpi_comm_world"), address.applyAsLong("ompi_mpi_comm_self"),
                address.applyAsLong("ompi_mpi_comm_null"), address.applyAsLong("ompi_mpi_errors_return"), 1L);
        datatype(ElementType.DOUBLE, address.applyAsLong("ompi_mpi_double"));
        datatype(ElementType.FLOAT, address.applyAsLong("ompi_mpi_float"));
        datatype(ElementType.LONG, address.applyAsLong("ompi_mpi_int64_t"));
        datatype(ElementType.INT, address.applyAsLong("ompi_mpi_int"));
        datatype(ElementType.BYTE, address.applyAsLong("ompi_mpi_int8_t"));
        op(ReduceOp.SUM, address.applyAsLong("ompi_mpi_op_sum"));
        op(ReduceOp.PROD, address.applyAsLong("ompi_mpi_op_prod"));
        op(ReduceOp.MIN, address.applyAsLong("ompi_mpi_op_min"));
        op(ReduceOp.MAX, address.applyAsLong("ompi_mpi_op_max"));
        op(ReduceOp.LAND, address.applyAsLong("ompi_mpi_op_land"));
        op(ReduceOp.LOR, address.applyAsLong("ompi_mpi_op_lor"));
    }

    @Override
    MpiImplementation implementation() {
        return MpiImplementation.OPEN_MPI;
    }

    @Override
    MpiCalls calls() {
        return new OpenMpiCalls();
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
