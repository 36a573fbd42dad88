package org.jdistarray.comm.mpi;

import org.jdistarray.testing.EnabledIfMpirun;
import org.jdistarray.testing.MpiLauncher;
import org.junit.jupiter.api.Tag;

/**
 * {@link MpiLaunchTests} under the default implementation's launcher: Open MPI's {@code mpirun}, or MPICH's
 * {@code mpiexec.mpich} with {@code -Djdistarray.mpi=mpich}; on the JNA binding ({@code -Djdistarray.mpi.binding=jna}).
 */
@Tag("mpi")
@EnabledIfMpirun
class CommunicatorMpiIT extends MpiLaunchTests {
    @Override
    MpiLauncher.MpiRuns mpi() {
        return MpiLauncher.using(MpiLauncher.defaultImplementation())
                .withJvmArgs("-D" + MpiSession.BINDING_PROPERTY + "=jna"); // the JNI binding: CommunicatorJniMpiIT
    }

    @Override
    String loadedMarker() {
        return "MpiSession[" + mpi().implementation().displayName() + ", JNA,";
    }
}
