package org.jdistarray.algo;

import org.jdistarray.array.DistArrayContract;
import org.jdistarray.testing.MpiTestContext;

/** {@link AlgoContract} on MPI: runs inside every mpirun rank started by {@link ReductionMpiIT}. */
public class AlgoContractOnMpi extends AlgoContract {
    @Override
    protected void onRanks(DistArrayContract.Spmd task) throws Exception {
        task.run(MpiTestContext.comm());
    }
}
