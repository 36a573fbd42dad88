package org.jdistarray.array;

import org.jdistarray.testing.MpiTestContext;

/** The replicated and 0-d array contract on MPI: runs inside every mpirun rank started by {@link ArrayMpiIT}. */
public class ReplicatedArrayContractOnMpi extends ReplicatedArrayContract {
    @Override
    protected void onRanks(DistArrayContract.Spmd task) throws Exception {
        task.run(MpiTestContext.comm());
    }
}
