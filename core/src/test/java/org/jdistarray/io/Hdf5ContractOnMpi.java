package org.jdistarray.io;

import org.jdistarray.testing.MpiTestContext;

/** The HDF5 contract on MPI with the parallel HDF5 engine: runs inside every mpirun rank started by {@link Hdf5MpiIT}. */
public class Hdf5ContractOnMpi extends Hdf5Contract {
    @Override
    protected void onRanks(Spmd task) throws Exception {
        task.run(MpiTestContext.comm());
    }

    @Override
    protected Hdf5Engine engine() {
        return Hdf5Engine.NATIVE;
    }
}
