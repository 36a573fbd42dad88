package org.jdistarray.comm.mpi;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

import org.jdistarray.testing.EnabledIfMpirun;
import org.jdistarray.testing.MpiLauncher;

/**
 * {@link MpiLaunchTests} (the communicator contract and the MPI behaviour tests, as a singleton and on 1 and 2
 * ranks, and the failure handling) on Open MPI's own Java bindings: {@code -Djdistarray.mpi.binding=jni}, which
 * fails the session rather than fall back to JNA. Skipped, with the reason, when {@code mpi.jar} is not on the
 * test class path (the {@code ompi-java} profile of core's pom adds it once {@code bin/install-deps} built it).
 */
@Tag("mpi")
@EnabledIfMpirun
class CommunicatorJniMpiIT extends MpiLaunchTests {
    static boolean jarPresent() {
        return CommunicatorJniMpiIT.class.getClassLoader().getResource("mpi/MPI.class") != null;
    }

    @BeforeEach
    void needsTheJar() { // per test, so that every test is reported skipped with the reason
        assumeTrue(jarPresent(), "Open MPI's Java bindings (org.open-mpi:mpi-java) are not on the class path:"
                + " run bin/install-deps (bin/build-mpi-java) to build them; the JNA binding is tested by CommunicatorMpiIT");
    }

    @Override
    MpiLauncher.MpiRuns mpi() {
        return MpiLauncher.openMpi().withJvmArgs("-D" + MpiSession.BINDING_PROPERTY + "=jni");
    }

    @Override
    String loadedMarker() {
        return "MpiSession[Open MPI, JNI,";
    }
}
