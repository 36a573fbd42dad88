package org.jdistarray.io.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The HDF5 1.10 C API functions the parallel engine calls, JNA direct-mapped ({@code hid_t} and {@code hsize_t} as
 * {@code long}, {@code herr_t} and {@code htri_t} as {@code int}, pointers as {@code long} addresses). The library is
 * Debian's parallel HDF5 for Open MPI; it links the same {@code libmpi.so.40} this process already loaded for
 * {@link org.jdistarray.comm.mpi.MpiCommunicator}. Property {@value #LIBRARY_PROPERTY} names another file.
 * Predefined types and property-list classes are global variables ({@code H5T_NATIVE_DOUBLE_g}, ...) valid after
 * {@code H5open()}; {@link #global} reads them. Not thread-safe (Debian builds it without the thread-safe option):
 * callers serialise on {@link #LOCK}.
 */
public final class Hdf5Native {
    public static final String LIBRARY_PROPERTY = "jdistarray.hdf5.library";
    public static final Object LOCK = new Object();
    static final List<String> CANDIDATES = List.of("/usr/lib/x86_64-linux-gnu/libhdf5_openmpi.so.103",
            "/usr/lib/x86_64-linux-gnu/libhdf5_openmpi.so", "/usr/lib/x86_64-linux-gnu/hdf5/openmpi/libhdf5.so",
            "/usr/lib/aarch64-linux-gnu/libhdf5_openmpi.so");

    public static final int H5F_ACC_RDONLY = 0;
    public static final int H5F_ACC_RDWR = 1;
    public static final int H5F_ACC_TRUNC = 2;
    public static final int H5F_ACC_EXCL = 4;
    public static final long H5P_DEFAULT = 0;
    public static final long H5S_ALL = 0;
    public static final int H5S_SELECT_SET = 0;
    public static final int H5S_SELECT_OR = 1;
    public static final int H5FD_MPIO_COLLECTIVE = 1;
    public static final int H5T_INTEGER = 0;
    public static final int H5T_FLOAT = 1;
    public static final int H5T_BITFIELD = 4;
    public static final int H5T_ENUM = 8;
    public static final int H5T_ORDER_BE = 1;

    private static final NativeLibrary LIB;
    private static final Throwable FAILURE;

    static {
        NativeLibrary lib = null;
        Throwable failure = null;
        try {
            String path = System.getProperty(LIBRARY_PROPERTY);
            if (path == null) {
                path = CANDIDATES.stream().filter(p -> Files.isRegularFile(Path.of(p))).findFirst().orElse(null);
            }
            if (path == null) {
                throw new UnsatisfiedLinkError("no parallel HDF5 library (libhdf5-openmpi-dev: " + CANDIDATES.get(0)
                        + "; -D" + LIBRARY_PROPERTY + "=...)");
            }
            lib = NativeLibrary.getInstance(path);
            Native.register(Hdf5Native.class, lib);
            if (H5open() < 0) {
                throw new UnsatisfiedLinkError(path + ": H5open failed");
            }
            H5Eset_auto2(0, 0, 0); // no error stacks on stderr: failures become exceptions
        } catch (Throwable t) {
            failure = t;
        }
        LIB = lib;
        FAILURE = failure;
    }

    private Hdf5Native() {
    }

    /** Null if the library loaded, else why not. */
    public static Throwable failure() {
        return FAILURE;
    }

    /** The value of a global {@code hid_t} variable, such as {@code "H5T_NATIVE_DOUBLE_g"}. */
    public static long global(String name) {
        return LIB.getGlobalVariableAddress(name).getLong(0);
    }

    /** The address of a global symbol of the library or its dependencies ({@code "ompi_mpi_info_null"}). */
    public static long address(String name) {
        return Pointer.nativeValue(LIB.getGlobalVariableAddress(name));
    }

    /** The address of a direct buffer's memory. */
    public static long address(java.nio.ByteBuffer direct) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }

    public static String file() {
        return String.valueOf(LIB.getFile());
    }

    public static native int H5open();

    public static native int H5Eset_auto2(long estack, long func, long data);

    public static native int H5get_libversion(int[] major, int[] minor, int[] release);

    public static native long H5Pcreate(long cls);

    public static native int H5Pclose(long plist);

    public static native int H5Pset_fapl_mpio(long fapl, long comm, long info);

    public static native int H5Pset_dxpl_mpio(long dxpl, int mode);

    public static native int H5Pset_create_intermediate_group(long lcpl, int crt);

    public static native int H5Pset_chunk(long dcpl, int ndims, long[] dims);

    public static native int H5Pset_deflate(long dcpl, int level);

    public static native int H5Pset_fill_time(long dcpl, int fillTime);

    public static native long H5Fcreate(String name, int flags, long fcpl, long fapl);

    public static native long H5Fopen(String name, int flags, long fapl);

    public static native int H5Fclose(long file);

    public static native int H5Lexists(long loc, String name, long lapl);

    public static native long H5Dopen2(long loc, String name, long dapl);

    public static native long H5Dcreate2(long loc, String name, long type, long space, long lcpl, long dcpl,
            long dapl);

    public static native int H5Dclose(long dset);

    public static native long H5Dget_space(long dset);

    public static native long H5Dget_type(long dset);

    public static native int H5Dread(long dset, long memType, long memSpace, long fileSpace, long dxpl, long buf);

    public static native int H5Dwrite(long dset, long memType, long memSpace, long fileSpace, long dxpl, long buf);

    public static native long H5Screate_simple(int rank, long[] dims, long[] maxdims);

    public static native long H5Screate(int type);

    public static native int H5Sclose(long space);

    public static native int H5Sget_simple_extent_ndims(long space);

    public static native int H5Sget_simple_extent_dims(long space, long[] dims, long[] maxdims);

    public static native int H5Sselect_hyperslab(long space, int op, long[] start, long[] stride, long[] count,
            long[] block);

    public static native int H5Sselect_none(long space);

    public static native int H5Sselect_all(long space);

    public static native long H5Tcopy(long type);

    public static native int H5Tclose(long type);

    public static native int H5Tget_class(long type);

    public static native long H5Tget_size(long type);

    public static native int H5Tget_sign(long type);

    public static native int H5Tget_order(long type);

    public static native long H5Tenum_create(long base);

    public static native int H5Tenum_insert(long type, String name, byte[] value);

    public static native long H5Acreate2(long loc, String name, long type, long space, long acpl, long aapl);

    public static native int H5Awrite(long attr, long memType, byte[] buf);

    public static native int H5Aclose(long attr);

    public static native int H5Tset_size(long type, long size);
}
