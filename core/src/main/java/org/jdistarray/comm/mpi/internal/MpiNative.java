package org.jdistarray.comm.mpi.internal;

import com.sun.jna.Native;

/**
 * The MPI C functions that take no handle by value, so their C signatures are the same in every MPI ABI,
 * JNA direct-mapped ({@link Native#register}): about 1 µs per small call instead of 10–15 µs through an interface
 * proxy. Pointers are passed as {@code long} addresses (no JNA objects per call); {@code MPI_Comm*} and
 * {@code MPI_Request*} are addresses too, whatever they point to. The functions that take handles are in
 * {@link MpiCalls}, one implementation per ABI. Every function returns the MPI error code.
 */
final class MpiNative {
    static {
        Native.register(MpiNative.class, MpiLibrary.get().library());
    }

    private MpiNative() {
    }

    static native int MPI_Initialized(long flag);

    static native int MPI_Finalized(long flag);

    static native int MPI_Init_thread(long argc, long argv, int required, long provided);

    static native int MPI_Query_thread(long provided);

    static native int MPI_Finalize();

    static native int MPI_Get_library_version(long version, long resultlen);

    static native int MPI_Error_string(int errorcode, long string, long resultlen);

    static native int MPI_Error_class(int errorcode, long errorclass);

    static native int MPI_Comm_free(long comm);

    static native int MPI_Wait(long request, long status);

    static native int MPI_Test(long request, long flag, long status);
}
