package org.jdistarray.ops;

import org.jdistarray.array.DistArrayContract;
import org.jdistarray.testing.MpiTestContext;

/** {@link UfuncContract} inside every mpirun rank started by {@link UfuncMpiIT}. */
public class UfuncContractOnMpi extends UfuncContract {
    @Override
    protected void onRanks(DistArrayContract.Spmd task) throws Exception {
        task.run(MpiTestContext.comm());
    }
}
