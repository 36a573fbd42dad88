package org.jdistarray.ops;

import org.jdistarray.array.DistArrayContract;
import org.jdistarray.testing.MpiTestContext;

/** {@link ReproducibleContract} on MPI: runs inside every mpirun rank started by {@link ReductionMpiIT}. */
public class ReproducibleContractOnMpi extends ReproducibleContract {
    @Override
    protected void onRanks(DistArrayContract.Spmd task) throws Exception {
        task.run(MpiTestContext.comm());
    }
}
