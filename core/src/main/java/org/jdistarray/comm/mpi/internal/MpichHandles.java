package org.jdistarray.comm.mpi.internal;

import org.jdistarray.comm.ElementType;
import org.jdistarray.comm.ReduceOp;
import org.jdistarray.comm.mpi.MpiImplementation;

/**
 * MPICH (3.1 and later, the "MPICH ABI" that MVAPICH and Intel MPI share): handles are {@code int} constants
 * ({@code typedef int MPI_Comm;}), so out-parameters hold 4 bytes; {@code MPI_IN_PLACE} is {@code (void*)-1} and
 * {@code MPI_Status} is {@code {int count_lo, count_hi_and_cancelled, MPI_SOURCE, MPI_TAG, MPI_ERROR}} (20 bytes).
 * The values are copied from {@code /usr/include/x86_64-linux-gnu/mpich/mpi.h} of MPICH 4.0.2 (Debian 12's
 * {@code libmpich-dev}); {@code HandleTablesTest} compiles a program with {@code mpicc.mpich} that prints them and
 * compares. The only class that knows MPICH's values.
 */
final class MpichHandles extends MpiHandles {
    static final int COMM_WORLD = 0x44000000;
    static final int COMM_SELF = 0x44000001;
    static final int COMM_NULL = 0x04000000;
    static final int ERRORS_RETURN = 0x54000001;
    static final long IN_PLACE = -1L;
    static final int DOUBLE = 0x4c00080b;
    static final int FLOAT = 0x4c00040a;
    static final int INT64_T = 0x4c00083a;
    static final int INT = 0x4c000405;
    static final int INT8_T = 0x4c000137;
    static final int MAX = 0x58000001;
    static final int MIN = 0x58000002;
    static final int SUM = 0x58000003;
    static final int PROD = 0x58000004;
    static final int LAND = 0x58000005;
    static final int LOR = 0x58000007;

    MpichHandles() {
        super(COMM_WORLD, COMM_SELF, COMM_NULL, ERRORS_RETURN, IN_PLACE);
        datatype(ElementType.DOUBLE, DOUBLE);
        datatype(ElementType.FLOAT, FLOAT);
        datatype(ElementType.LONG, INT64_T);
        datatype(ElementType.INT, INT);
        datatype(ElementType.BYTE, INT8_T);
        op(ReduceOp.SUM, SUM);
        op(ReduceOp.PROD, PROD);
        op(ReduceOp.MIN, MIN);
        op(ReduceOp.MAX, MAX);
        op(ReduceOp.LAND, LAND);
        op(ReduceOp.LOR, LOR);
    }

    @Override
    MpiImplementation implementation() {
        return MpiImplementation.MPICH;
    }

    @Override
    MpiCalls calls() {
        return new MpichCalls();
    }

    @Override
    int anySource() {
        return -2;
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
        return 4;
    }

    @Override
    int statusBytes() {
        return 20;
    }

    @Override
    int statusSourceOffset() {
        return 8;
    }

    @Override
    int statusTagOffset() {
        return 12;
    }
}
