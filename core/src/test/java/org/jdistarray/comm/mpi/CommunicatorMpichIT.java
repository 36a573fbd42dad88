package org.jdistarray.comm.mpi;

import org.jdistarray.testing.EnabledIfMpirun;
import org.jdistarray.testing.MpiLauncher;
import org.junit.jupiter.api.Tag;

/**
 * {@link MpiLaunchTests} under MPICH, always: {@code mpiexec.mpich -np 1|2} with {@code -Djdistarray.mpi=mpich} on
 * every rank, and an MPICH singleton. Disabled, with the reason, when {@code mpiexec.mpich} is not installed.
 */
@Tag("mpi")
@EnabledIfMpirun(MpiImplementation.MPICH)
class CommunicatorMpichIT extends MpiLaunchTests {
    @Override
    MpiLauncher.MpiRuns mpi() {
        return MpiLauncher.mpich();
    }

    /** MPICH stays on JNA under the default {@code -Djdistarray.mpi.binding=auto}, even with mpi.jar on the class path. */
    @Override
    String loadedMarker() {
        return "MpiSession[MPICH, JNA,";
    }
}
