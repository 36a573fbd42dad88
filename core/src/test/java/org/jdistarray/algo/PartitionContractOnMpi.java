package org.jdistarray.algo;

import org.jdistarray.array.DistArrayContract;
import org.jdistarray.testing.MpiTestContext;

/** {@link PartitionContract} on MPI: runs inside every mpirun rank started by {@link AlgoMpiIT}. */
public class PartitionContractOnMpi extends PartitionContract {
    @Override
    protected void onRanks(DistArrayContract.Spmd task) throws Exception {
        task.run(MpiTestContext.comm());
    }
}
