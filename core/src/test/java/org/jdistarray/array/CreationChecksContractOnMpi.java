package org.jdistarray.array;

import org.jdistarray.testing.MpiTestContext;

/** The creation and import checks on MPI: runs inside every mpirun rank started by {@link ArrayMpiIT}. */
public class CreationChecksContractOnMpi extends CreationChecksContract {
    @Override
    protected void onRanks(DistArrayContract.Spmd task) throws Exception {
        task.run(MpiTestContext.comm());
    }
}
