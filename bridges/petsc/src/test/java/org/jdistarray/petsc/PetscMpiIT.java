package org.jdistarray.petsc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jdistarray.testing.EnabledIfMpirun;
import org.jdistarray.testing.MpiLauncher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The PETSc bridge on real MPI ranks, under {@code mpirun -np 1} and {@code -np 2} (this machine has 2 cores): one
 * launch per rank count runs every {@code *OnMpi} class, each with its own PetscSession (PETSc is initialised again
 * for each class, MPI once).
 */
@Tag("mpi")
@Tag("petsc")
@EnabledIfMpirun
@EnabledIfPetsc
class PetscMpiIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    static final Class<?>[] SUITE = {PetscVecOnMpi.class, MatKspOnMpi.class, PetscErrorsOnMpi.class,
        DistArrayVecOnMpi.class};

    @Test
    void oneRank() {
        MpiLauncher.Result r = MpiLauncher.run(1, TIMEOUT, SUITE);
        assertTrue(r.summary().orElseThrow().contains("np=1"), r.report());
    }

    /** The 2-rank suite on each MPI binding explicitly (JNI: skipped, with the reason, without mpi.jar). */
    @ParameterizedTest(name = "two ranks on {0}")
    @ValueSource(strings = {"jna", "jni"})
    void twoRanksOnEachBinding(String binding) {
        MpiLauncher.Result r = MpiLauncher.onBinding(binding).run(2, TIMEOUT, SUITE);
        assertTrue(r.summary().orElseThrow().contains("np=2"), r.report());
        MpiLauncher.assertBinding(r, binding);
    }

    @Test
    void petscInitialisesMpiOnOneAndTwoRanks() throws Exception {
        for (int np : new int[] {1, 2}) {
            String out = launchMain(np, PetscInitsMpiMain.class);
            for (int r = 0; r < np; r++) {
                assertTrue(out.contains("PETSC-INITS-MPI rank=" + r + " ok=true"), out);
            }
        }
    }

    @Test
    void readmeExampleSolvesOnTwoRanks() throws Exception {
        String out = launchMain(2, ReadmeExample.class);
        assertTrue(out.contains("SolveResult[reason=CONVERGED_RTOL"), out);
        assertTrue(out.contains("u(1/2, 1/2) = 0.07"), out);
    }

    static String launchMain(int np, Class<?> main, String... args) throws Exception {
        return MainLauncher.run(np, TIMEOUT, main, args);
    }
}
