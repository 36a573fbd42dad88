package org.jdistarray.petsc.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;

import org.jdistarray.comm.mpi.MpiSession;
import org.jdistarray.nativelib.NativeLibraryException;

/**
 * Loads {@code libpetsc_real} once, {@code RTLD_NOW | RTLD_GLOBAL}, after libmpi (which
 * {@link MpiSession#isMpiInitialized()} loads globally), so that PETSc resolves against the MPI JDistArray uses.
 * Names tried: {@code -Djdistarray.petsc.library}, else {@code petsc_real} (the -dev symlink), then the 3.18 runtime
 * soname.
 */
final class PetscLibrary {
    private static final int RTLD_NOW = 0x2;
    private static final int RTLD_GLOBAL = 0x100;
    static final List<String> NAMES = List.of("petsc_real", "libpetsc_real.so.3.18");

    private PetscLibrary() {
    }

    private static final class Holder {
        static final NativeLibrary LIB = load();
    }

    static NativeLibrary get() {
        return Holder.LIB;
    }

    private static NativeLibrary load() {
        MpiSession.isMpiInitialized(); // libmpi first, RTLD_GLOBAL
        List<String> errors = new ArrayList<>();
        String forced = System.getProperty("jdistarray.petsc.library");
        for (String name : forced != null ? List.of(forced) : NAMES) {
            try {
                return NativeLibrary.getInstance(name, Map.of(Library.OPTION_OPEN_FLAGS, RTLD_NOW | RTLD_GLOBAL));
            } catch (UnsatisfiedLinkError e) {
                errors.add(name + ": " + e.getMessage());
            }
        }
        throw new NativeLibraryException("cannot load PETSc (install libpetsc-real-dev, see bin/install-deps, or set "
                + "-Djdistarray.petsc.library=<path>); tried " + String.join("; ", errors));
    }
}
