package org.jdistarray.io;

import org.jdistarray.testing.MpiTestContext;

/** The {@code .npy} contract on MPI: runs inside every mpirun rank started by {@link IoMpiIT}. */
public class NpyIoContractOnMpi extends NpyIoContract {
    @Override
    protected void onRanks(Spmd task) throws Exception {
        task.run(MpiTestContext.comm());
    }
}
