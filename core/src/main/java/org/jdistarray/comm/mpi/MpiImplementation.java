package org.jdistarray.comm.mpi;

import java.util.Locale;

import org.jdistarray.comm.CommunicationException;
import org.jdistarray.comm.mpi.internal.MpiBinding;

/**
 * The MPI implementations JDistArray binds: their C ABIs differ (handle types and values, {@code MPI_Status}
 * layout), so the binding carries one handle table per implementation and picks it from the library it loads.
 *
 * <p>How the library is chosen, first match wins: {@code -Djdistarray.mpi.library=<path or name>}; then
 * {@code -Djdistarray.mpi=openmpi|mpich}; then the environment variable {@code JDISTARRAY_MPI}; then the launcher
 * that started this process ({@code OMPI_COMM_WORLD_SIZE} set: Open MPI's {@code mpirun}; {@code PMI_RANK} set:
 * MPICH's hydra {@code mpiexec}); otherwise Open MPI if it is installed, else MPICH. Whatever is loaded is then
 * identified by its symbols, and a library that contradicts an explicit choice is refused.
 */
public enum MpiImplementation {
    /** Open MPI 4.x ({@code libmpi.so.40}): handles are addresses of exported globals. */
    OPEN_MPI("Open MPI", "openmpi"),
    /**
     * MPICH 3.1 and later ({@code libmpich.so.12}) and its ABI-compatible derivatives: handles are {@code int}
     * constants.
     */
    MPICH("MPICH", "mpich");

    private final String displayName;
    private final String key;

    MpiImplementation(String displayName, String key) {
        this.displayName = displayName;
        this.key = key;
    }

    /** "Open MPI" or "MPICH". */
    public String displayName() {
        return displayName;
    }

    /** The value of {@code -Djdistarray.mpi} that selects this implementation: {@code openmpi} or {@code mpich}. */
    public String key() {
        return key;
    }

    /**
     * Parses a {@code -Djdistarray.mpi} value: {@code openmpi} (also {@code open-mpi}, {@code ompi}) or {@code mpich}
     * (also {@code hydra}), case-insensitive.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static MpiImplementation fromKey(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT).replace("_", "-");
        switch (v) {
            case "openmpi", "open-mpi", "ompi":
                return OPEN_MPI;
            case "mpich", "hydra":
                return MPICH;
            default:
                throw new IllegalArgumentException("unknown MPI implementation '" + value + "': use openmpi or mpich");
        }
    }

    /**
     * <b>Not collective.</b> The implementation of the MPI library this process uses, loading it if needed (without
     * initialising MPI).
     *
     * @throws CommunicationException if no MPI library can be loaded, or it contradicts an explicit choice
     */
    public static MpiImplementation loaded() {
        return MpiBinding.get().implementation();
    }

    /**
     * <b>Not collective.</b> Fails unless the loaded MPI is this implementation: for native libraries built against
     * one MPI, such as Debian's PETSc and Trilinos (Open MPI), which would crash on another MPI's handles.
     *
     * @param client who needs this MPI, for the message (for example "the PETSc bridge")
     * @throws CommunicationException naming both implementations and how to choose, if they differ
     */
    public void require(String client) {
        MpiImplementation actual = loaded();
        if (actual != this) {
            throw new CommunicationException(client + " needs " + displayName + ", but this process uses "
                    + actual.displayName + " (" + MpiBinding.get().libraryPath() + "); run it with -Djdistarray.mpi="
                    + key + " under " + (this == OPEN_MPI ? "mpirun.openmpi" : "mpiexec.mpich"));
        }
    }

    @Override
    public String toString() {
        return displayName;
    }
}
