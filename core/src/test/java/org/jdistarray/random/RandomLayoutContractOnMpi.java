package org.jdistarray.random;

import org.jdistarray.array.DistArrayContract;
import org.jdistarray.testing.MpiTestContext;

/** The random-array layout contract on MPI: runs inside every mpirun rank started by {@link RandomMpiIT}. */
public class RandomLayoutContractOnMpi extends RandomLayoutContract {
    @Override
    protected void onRanks(DistArrayContract.Spmd task) throws Exception {
        task.run(MpiTestContext.comm());
    }
}
