package org.jdistarray.io;

/** Which HDF5 implementation {@link ArrayIO}'s HDF5 methods use. */
public enum Hdf5Engine {
    /**
     * Reads: {@link #JHDF} (every rank reads its own hyperslab, the faster path measured here). Writes: {@link #NATIVE}
     * when the communicator is Open MPI's and Debian's parallel HDF5 library ({@code libhdf5_openmpi.so}) loads (it
     * streams every rank's block, where jHDF holds the dataset on rank 0), else {@link #JHDF}.
     */
    AUTO,
    /**
     * jHDF, pure Java, no native library: every rank reads only its own hyperslab (contiguous, chunked and compressed
     * datasets); writes go through rank 0, which must hold the whole dataset in memory (see {@link ArrayIO#saveHdf5}).
     */
    JHDF,
    /**
     * The parallel HDF5 C library (Debian's {@code libhdf5-openmpi}) through JNA: collective MPI-IO reads and writes
     * of one file from every rank. Only on an Open MPI communicator.
     */
    NATIVE
}
