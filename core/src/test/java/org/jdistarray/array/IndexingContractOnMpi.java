package org.jdistarray.array;

import org.jdistarray.testing.MpiTestContext;

/** {@link IndexingContract} on MPI: runs inside every mpirun rank started by {@link IndexingMpiIT}. */
public class IndexingContractOnMpi extends IndexingContract {
    @Override
    protected void onRanks(DistArrayContract.Spmd task) throws Exception {
        task.run(MpiTestContext.comm());
    }
}
