package org.jdistarray.comm.mpi.internal;

import java.util.Optional;

/**
 * Finds {@link OmpiJni} (Open MPI's Java bindings) once, without touching it when {@code mpi.jar} is not on the
 * class path: initialising {@link OmpiJni} loads {@code mpi.MPI} and so {@code libmpi_java.so}.
 */
final class OmpiJniLoader {
    /** The class-path resource that tells whether the jar is there, without initialising anything. */
    private static final String PROBE = "mpi/MPI.class";

    private static final class Loading {
        static final OmpiJni INSTANCE;
        static final String FAILURE;

        static {
            OmpiJni jni = null;
            String failure = null;
            if (present()) {
                try {
                    jni = OmpiJni.INSTANCE;
                } catch (LinkageError | RuntimeException e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    failure = "Open MPI's Java bindings cannot be loaded: " + cause;
                }
            } else {
                failure = "Open MPI's Java bindings (mpi.jar, org.open-mpi:mpi-java) are not on the class path;"
                        + " bin/install-deps builds them";
            }
            INSTANCE = jni;
            FAILURE = failure;
        }
    }

    private OmpiJniLoader() {
    }

    /** Whether the jar is on the class path (without loading it). */
    static boolean present() {
        return OmpiJniLoader.class.getClassLoader().getResource(PROBE) != null;
    }

    /** The bindings, if {@code mpi.MPI} is on the class path and its JNI library loads. */
    static Optional<OmpiJni> get() {
        return Optional.ofNullable(Loading.INSTANCE);
    }

    /** Why {@link #get()} is empty (null when it is not). */
    static String unavailableReason() {
        return Loading.FAILURE;
    }
}
