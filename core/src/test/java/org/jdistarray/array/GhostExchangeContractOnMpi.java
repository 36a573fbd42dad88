package org.jdistarray.array;

import org.jdistarray.testing.MpiTestContext;

/** The ghost-exchange contract on MPI: runs inside every mpirun rank started by {@link ArrayMpiIT}. */
public class GhostExchangeContractOnMpi extends GhostExchangeContract {
    @Override
    protected void onRanks(DistArrayContract.Spmd task) throws Exception {
        task.run(MpiTestContext.comm());
    }
}
