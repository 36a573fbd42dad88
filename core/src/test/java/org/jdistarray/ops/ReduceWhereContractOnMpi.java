package org.jdistarray.ops;

import org.jdistarray.array.DistArrayContract;
import org.jdistarray.testing.MpiTestContext;

/** {@link ReduceWhereContract} on MPI: runs inside every mpirun rank started by {@link ReductionMpiIT}. */
public class ReduceWhereContractOnMpi extends ReduceWhereContract {
    @Override
    protected void onRanks(DistArrayContract.Spmd task) throws Exception {
        task.run(MpiTestContext.comm());
    }
}
