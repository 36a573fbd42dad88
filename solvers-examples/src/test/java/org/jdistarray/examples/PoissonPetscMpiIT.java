package org.jdistarray.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jdistarray.petsc.EnabledIfPetsc;
import org.jdistarray.petsc.MainLauncher;
import org.jdistarray.testing.EnabledIfMpirun;
import org.jdistarray.trilinos.TrilinosSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Poisson example (on distributed arrays) and the demo under {@code mpirun -np 1} and {@code -np 2}: converges, error O(h²), same on both. */
@Tag("mpi")
@Tag("petsc")
@EnabledIfMpirun
@EnabledIfPetsc
class PoissonPetscMpiIT {
    @Test
    void solvesOnOneAndTwoRanks() throws Exception {
        for (int np : new int[] {1, 2}) {
            String out = MainLauncher.run(np, Duration.ofSeconds(120), PoissonPetsc.class, "N=96");
            assertTrue(out.contains("POISSON N=96 ranks=" + np + " pc=jacobi reason=CONVERGED_RTOL"), out);
            assertTrue(out.contains("pc=gamg reason=CONVERGED_RTOL") || out.contains("pc=gamg skipped"), out);
            assertTrue(!out.contains("ok=false"), out);
        }
    }

    @Test
    void demoComparesTheSolversSideBySide() throws Exception {
        String out = MainLauncher.run(2, Duration.ofSeconds(120), PoissonDemo.class, "N=64");
        assertTrue(out.contains("64 x 64 grid (4096 unknowns), 2 MPI rank(s)"), out);
        assertTrue(out.contains("PETSc CG+jacobi      CONVERGED_RTOL"), out);
        assertTrue(out.contains("demo OK"), out);
        if (TrilinosSession.isAvailable()) {
            // the same arrays solved through Tpetra/Belos: converged, and the solution equals PETSc's (first column)
            for (String solver : new String[] {"Trilinos CG+jacobi", "Trilinos CG+riluk"}) {
                String line = out.lines().filter(l -> l.startsWith(solver)).findFirst()
                        .orElseThrow(() -> new AssertionError("no row for " + solver + " in\n" + out));
                String[] cols = line.trim().split("\\s+");
                assertEquals("CONVERGED_RTOL", cols[2], line);
                double diff = Double.parseDouble(cols[cols.length - 1]);
                assertTrue(diff < 1e-6, "solutions differ by " + diff + ": " + line);
            }
        }
    }
}
