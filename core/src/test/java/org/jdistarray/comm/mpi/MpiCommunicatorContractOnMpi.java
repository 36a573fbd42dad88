package org.jdistarray.comm.mpi;

import org.jdistarray.comm.CommunicatorContract;
import org.jdistarray.testing.MpiTestContext;

/**
 * The communicator contract on {@link MpiCommunicator}. Runs inside every mpirun rank (started by
 * {@link CommunicatorMpiIT} through {@code MpiLauncher}); each rank runs the SPMD body on the world communicator.
 */
public class MpiCommunicatorContractOnMpi extends CommunicatorContract {
    @Override
    protected void onRanks(Spmd task) throws Exception {
        task.run(MpiTestContext.comm());
    }
}
