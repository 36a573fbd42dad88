package org.jdistarray.trilinos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.solve.ConvergedReason;
import org.jdistarray.solve.SolveResult;
import org.jdistarray.sparse.Stencil;
import org.jdistarray.testing.MpiTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Belos solves on DistArray memory: CG/GMRES with and without Ifpack2, non-convergence as a result, errors. */
class BelosOnMpi {
    private static TrilinosSession session;
    private static Communicator comm;

    @BeforeAll
    static void open() {
        comm = MpiTestContext.comm();
        session = TrilinosSession.init(comm);
    }

    @AfterAll
    static void close() {
        assertEquals(0, session.openObjects(), "objects left open");
        session.close();
    }

    /** Solves the 5-point Poisson problem with b = A u* and returns (result, max |x - u*|). */
    private static Object[] solve(Distribution d, BelosConfig config) {
        try (DistArray exact = DistArrays.fromFunction(d, DType.FLOAT64, g -> Math.sin(0.3 * g[0]) + 0.1 * g[1]);
                DistArray b = DistArrays.zeros(d, DType.FLOAT64); DistArray x = DistArrays.zeros(d, DType.FLOAT64);
                TpetraMap map = TpetraMap.of(d);
                TpetraCrsMatrix a = TpetraCrsMatrix.laplacian(map, Stencil.FIVE_POINT_2D, 1.0).fillComplete();
                TpetraVector ve = TpetraVector.wrap(map, exact); TpetraVector vb = TpetraVector.wrap(map, b);
                TpetraVector vx = TpetraVector.wrap(map, x); BelosSolver solver = BelosSolver.create(a, config)) {
            a.apply(ve, vb);
            SolveResult r = solver.solve(vb, vx);
            vx.update(-1.0, ve, 1.0); // the solution is in x's own memory
            double err = 0;
            for (int i = 0; i < vx.localSize(); i++) {
                err = Math.max(err, Math.abs(x.local().getDouble(i)));
            }
            return new Object[] {r, org.jdistarray.comm.Collectives.max(comm, err)};
        }
    }

    @Test
    void cgOnRowBlocksAndColumnBlocks() {
        for (int[] grid : new int[][] {{comm.size(), 1}, {1, comm.size()}}) {
            Distribution d = Distribution.builder(comm).shape(24, 20).grid(grid).build();
            Object[] out = solve(d, BelosConfig.cg().withTolerance(1e-10));
            SolveResult r = (SolveResult) out[0];
            assertTrue(r.converged(), r.toString());
            assertEquals(ConvergedReason.CONVERGED_RTOL, r.reason());
            assertTrue(r.iterations() > 5 && r.residualNorm() <= 1e-10, r.toString());
            assertTrue((double) out[1] < 1e-7, "error " + out[1]);
        }
    }

    @Test
    void preconditionedSolvesNeedFewerIterations() {
        Distribution d = Distribution.builder(comm).shape(32, 32).build();
        int plain = ((SolveResult) solve(d, BelosConfig.cg())[0]).iterations();
        if (!session.hasIfpack2()) {
            TrilinosException e = assertThrows(TrilinosException.class,
                    () -> solve(d, BelosConfig.cg().withPreconditioner(BelosConfig.Preconditioner.RILUK)));
            assertEquals(TrilinosException.Kind.UNSUPPORTED, e.kind());
            return;
        }
        for (BelosConfig c : new BelosConfig[] {BelosConfig.cg().withPreconditioner(BelosConfig.Preconditioner.RILUK),
            BelosConfig.cg().withPreconditioner(BelosConfig.Preconditioner.SGS),
            BelosConfig.gmres().withPreconditioner(BelosConfig.Preconditioner.ILUT).withGmresRestart(50),
            BelosConfig.gmres().withPreconditioner(BelosConfig.Preconditioner.JACOBI)}) {
            Object[] out = solve(d, c);
            SolveResult r = (SolveResult) out[0];
            assertTrue(r.converged(), c + ": " + r);
            assertTrue((double) out[1] < 1e-5, c + ": error " + out[1]);
            if (c.preconditioner() != BelosConfig.Preconditioner.JACOBI) {
                assertTrue(r.iterations() < plain, c + ": " + r.iterations() + " vs " + plain + " unpreconditioned");
            }
        }
    }

    @Test
    void nonConvergenceIsAResult() {
        Distribution d = Distribution.builder(comm).shape(30, 30).build();
        SolveResult r = (SolveResult) solve(d, BelosConfig.cg().withMaxIterations(5).withTolerance(1e-12))[0];
        assertFalse(r.converged());
        assertEquals(ConvergedReason.DIVERGED_ITS, r.reason());
        assertEquals(5, r.iterations());
    }

    @Test
    void errors() {
        Distribution d = Distribution.builder(comm).shape(8, 8).build();
        try (TpetraMap map = TpetraMap.of(d);
                TpetraCrsMatrix a = TpetraCrsMatrix.laplacian(map, Stencil.FIVE_POINT_2D, 1.0)) {
            assertThrows(IllegalStateException.class, () -> BelosSolver.create(a, BelosConfig.cg()));
            a.fillComplete();
            try (TpetraMap other = TpetraMap.contiguous(comm, 3); TpetraVector wrong = TpetraVector.create(other);
                    TpetraVector ok = TpetraVector.create(map); BelosSolver s = BelosSolver.create(a, BelosConfig.gmres())) {
                assertThrows(IllegalArgumentException.class, () -> s.solve(wrong, ok));
                assertThrows(IllegalArgumentException.class, () -> s.solve(ok, wrong));
                assertThrows(IllegalArgumentException.class, () -> a.apply(wrong, ok));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> BelosConfig.cg().withTolerance(0));
        assertThrows(IllegalArgumentException.class, () -> BelosConfig.cg().withMaxIterations(0));
    }
}
