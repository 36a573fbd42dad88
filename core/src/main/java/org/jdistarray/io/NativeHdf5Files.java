package org.jdistarray.io;

import java.nio.file.Path;

import org.jdistarray.array.DistArray;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;

/** The parallel HDF5 engine (Debian's libhdf5-openmpi through JNA). Placeholder until the binding lands. */
final class NativeHdf5Files {
    private NativeHdf5Files() {
    }

    static boolean usable(Communicator comm) {
        return false;
    }

    static String unavailableReason(Communicator comm) {
        return "the parallel HDF5 engine is not available";
    }

    static DistArray load(Path path, String ds, Distribution dist, DType dtype) {
        throw new UnsupportedOperationException(unavailableReason(dist.communicator()));
    }

    static void save(Path path, String ds, DistArray array, Hdf5Mode mode, Hdf5Options options) {
        throw new UnsupportedOperationException(unavailableReason(array.distribution().communicator()));
    }
}
