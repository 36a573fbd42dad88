package org.jdistarray.io;

import org.jdistarray.testing.MpiTestContext;

/** The {@code .dnpy} contract on MPI: runs inside every mpirun rank started by {@link IoMpiIT}. */
public class DnpyContractOnMpi extends DnpyContract {
    @Override
    protected void onRanks(NpyIoContract.Spmd task) throws Exception {
        task.run(MpiTestContext.comm());
    }
}
