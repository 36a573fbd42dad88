package org.jdistarray.trilinos;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jdistarray.testing.EnabledIfMpirun;
import org.jdistarray.testing.MpiLauncher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Trilinos bridge on real MPI ranks, as a singleton and under {@code mpirun -np 1} and {@code -np 2} (this machine
 * has 2 cores):
 * one launch per rank count runs every {@code *OnMpi} class, each with its own TrilinosSession (Tpetra stays up
 * between sessions, MPI once).
 */
@Tag("mpi")
@Tag("trilinos")
@EnabledIfMpirun
@EnabledIfTpetraShim
class TrilinosMpiIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(240);
    static final Class<?>[] SUITE = {TpetraVectorOnMpi.class, TpetraMatrixOnMpi.class, BelosOnMpi.class,
        SessionOnMpi.class, ReadmeOnMpi.class};

    @Test
    void singleton() {
        MpiLauncher.Result r = MpiLauncher.runSingleton(TIMEOUT, SUITE); // plain java, MPI_Init without mpirun
        assertTrue(r.summary().orElseThrow().contains("np=1"), r.report());
    }

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
}
