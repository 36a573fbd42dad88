package org.jdistarray.array;

import org.jdistarray.testing.MpiTestContext;

/** The redistribution contract on MPI: runs inside every mpirun rank started by {@link ArrayMpiIT}. */
public class RedistributionContractOnMpi extends RedistributionContract {
    @Override
    protected void onRanks(DistArrayContract.Spmd task) throws Exception {
        task.run(MpiTestContext.comm());
    }
}
