package org.jdistarray.io;

import org.jdistarray.testing.MpiTestContext;

/** The HDF5 contract on MPI with the jHDF engine (each process its own JVM): started by {@link Hdf5MpiIT}. */
public class Hdf5JhdfContractOnMpi extends Hdf5Contract {
    @Override
    protected void onRanks(Spmd task) throws Exception {
        task.run(MpiTestContext.comm());
    }
}
