package org.jdistarray.comm.mpi;

/** MPI thread support levels, in increasing order ({@code MPI_THREAD_SINGLE} ... {@code MPI_THREAD_MULTIPLE}). */
public enum ThreadLevel {
    /** Only one thread exists. */
    SINGLE,
    /** Only the thread that initialised MPI calls it. */
    FUNNELED,
    /** Any thread calls MPI, one at a time. The default: what a JVM program driven by one thread at a time needs. */
    SERIALIZED,
    /** Any thread calls MPI at any time. */
    MULTIPLE;

    int mpiValue() {
        return ordinal();
    }

    static ThreadLevel of(int mpiValue) {
        ThreadLevel[] all = values();
        return mpiValue >= 0 && mpiValue < all.length ? all[mpiValue] : SINGLE;
    }
}
