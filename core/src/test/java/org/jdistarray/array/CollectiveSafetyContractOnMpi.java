package org.jdistarray.array;

import org.jdistarray.testing.MpiTestContext;

/** The collective-safety contract on MPI: runs inside every mpirun rank started by {@link ArrayMpiIT}. */
public class CollectiveSafetyContractOnMpi extends CollectiveSafetyContract {
    @Override
    protected void onRanks(DistArrayContract.Spmd task) throws Exception {
        task.run(MpiTestContext.comm());
    }
}
