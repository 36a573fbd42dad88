package org.jdistarray.plot;

import org.jdistarray.array.DistArrayContract;
import org.jdistarray.testing.MpiTestContext;

/** {@link PlotsContract} on MPI: runs inside every mpirun rank started by {@link PlotsMpiIT}. */
public class PlotsContractOnMpi extends PlotsContract {
    @Override
    protected void onRanks(DistArrayContract.Spmd task) throws Exception {
        task.run(MpiTestContext.comm());
    }
}
