package org.jdistarray.array;

import org.jdistarray.testing.MpiTestContext;

/** The array oracle contract on MPI: runs inside every mpirun rank started by {@link ArrayMpiIT}. */
public class DistArrayContractOnMpi extends DistArrayContract {
    @Override
    protected void onRanks(Spmd task) throws Exception {
        task.run(MpiTestContext.comm());
    }
}
