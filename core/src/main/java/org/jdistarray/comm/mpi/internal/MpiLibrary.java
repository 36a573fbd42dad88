package org.jdistarray.comm.mpi.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;

import org.jdistarray.comm.CommunicationException;

/**
 * Loads {@code libmpi} once, {@code RTLD_NOW | RTLD_GLOBAL}, so that MPI's plugins (and libraries loaded later, such as
 * PETSc) resolve against it. Tries {@code mpi} (the -dev symlink), then the runtime sonames.
 */
final class MpiLibrary {
    private static final int RTLD_NOW = 0x2;
    private static final int RTLD_GLOBAL = 0x100;
    /** Names tried in order: -dev symlink, Open MPI 4.x runtime, MPICH runtime. */
    static final List<String> NAMES = List.of("mpi", "libmpi.so.40", "libmpi.so.12");

    private MpiLibrary() {
    }

    private static final class Holder {
        static final NativeLibrary LIB = load();
    }

    static NativeLibrary get() {
        return Holder.LIB;
    }

    private static NativeLibrary load() {
        List<String> errors = new ArrayList<>();
        String forced = System.getProperty("jdistarray.mpi.library");
        for (String name : forced != null ? List.of(forced) : NAMES) {
            try {
                return NativeLibrary.getInstance(name, Map.of(Library.OPTION_OPEN_FLAGS, RTLD_NOW | RTLD_GLOBAL));
            } catch (UnsatisfiedLinkError e) {
                errors.add(name + ": " + e.getMessage());
            }
        }
        throw new CommunicationException("cannot load the MPI library (install openmpi-bin and libopenmpi-dev, or set "
                + "-Djdistarray.mpi.library=<path>); tried " + String.join("; ", errors));
    }
}
