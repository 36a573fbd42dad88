package org.jdistarray.array;

import org.jdistarray.testing.MpiTestContext;

/** {@link SharedExportContract} on MPI: runs inside every mpirun rank started by {@link SharedExportMpiIT}. */
public class SharedExportContractOnMpi extends SharedExportContract {
    @Override
    protected void onRanks(DistArrayContract.Spmd task) throws Exception {
        task.run(MpiTestContext.comm());
    }
}
