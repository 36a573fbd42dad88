package org.jdistarray.petsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;

import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.dist.numbering.BlockNumbering;
import org.jdistarray.solve.ConvergedReason;
import org.jdistarray.solve.SolveResult;
import org.jdistarray.sparse.CsrRows;
import org.jdistarray.sparse.Stencil;
import org.jdistarray.sparse.Stencils;
import org.jdistarray.testing.MpiTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Matrices and solvers on real MPI ranks. */
public class MatKspOnMpi {
    private static PetscSession petsc;
    private static Communicator comm;

    @BeforeAll
    static void open() {
        comm = MpiTestContext.comm();
        petsc = PetscSession.init(comm, PetscOptions.builder().kspType(KspType.GMRES).build());
    }

    @AfterAll
    static void close() {
        assertEquals(0, petsc.openObjects(), "objects left open");
        assertEquals(0, petsc.leakedObjects());
        petsc.close();
    }

    /** The 2-D 5-point Laplacian on n x n, row blocks. */
    static CsrRows laplacian(int n) {
        BlockNumbering num = BlockNumbering.rowBlocks(new int[] {n, n}, comm.size());
        return Stencils.laplacian(Stencil.FIVE_POINT_2D, num, num.lo(comm.rank()), num.hi(comm.rank()));
    }

    /** y = A x in Java, x given by its global formula. */
    private static double applyRow(CsrRows a, int i, java.util.function.LongToDoubleFunction x) {
        double s = 0;
        for (int k = a.rowPtr()[i]; k < a.rowPtr()[i + 1]; k++) {
            s += a.values()[k] * x.applyAsDouble(a.columns()[k]);
        }
        return s;
    }

    @Test
    void bothAssemblyPathsGiveTheSameMatMult() {
        int n = 40;
        CsrRows a = laplacian(n);
        int m = a.rowCount();
        DoubleBuffer xb = DirectBuffers.doubles(m);
        for (int i = 0; i < m; i++) {
            xb.put(i, Math.sin(a.firstRow() + i));
        }
        for (PetscMat.Assembly how : PetscMat.Assembly.values()) {
            try (PetscMat A = PetscMat.fromCsr(comm, a, m, (long) n * n, how);
                    PetscVec x = PetscVec.wrap(comm, xb, (long) n * n);
                    PetscVec y = x.duplicate()) {
                assertTrue(A.isAssembled());
                assertEquals(a.firstRow(), A.ownershipRange()[0]);
                A.mult(x, y);
                try (VecArray ya = y.readArray()) {
                    for (int i = 0; i < m; i++) {
                        assertEquals(applyRow(a, i, Math::sin), ya.buffer().get(i), 1e-12, how + " row " + i);
                    }
                }
            }
        }
    }

    @Test
    void chunkedAssemblyEqualsWholeCsrAndRejectsGaps() {
        int n = 30;
        long g = (long) n * n;
        BlockNumbering num = BlockNumbering.rowBlocks(new int[] {n, n}, comm.size());
        int[] lo = num.lo(comm.rank());
        int[] hi = num.hi(comm.rank());
        int per = 4;
        int chunks = (hi[0] - lo[0] + per - 1) / per;
        java.util.function.IntFunction<CsrRows> chunk = k -> Stencils.laplacian(Stencil.FIVE_POINT_2D, num,
                new int[] {lo[0] + k * per, 0}, new int[] {Math.min(hi[0], lo[0] + (k + 1) * per), n});
        CsrRows whole = laplacian(n);
        try (PetscMat A = PetscMat.fromRowChunks(comm, chunks, chunk, whole.rowCount(), g);
                PetscMat B = PetscMat.fromCsr(comm, whole, whole.rowCount(), g);
                PetscVec x = PetscVec.create(comm, whole.rowCount(), g); PetscVec y1 = x.duplicate();
                PetscVec y2 = x.duplicate()) {
            try (VecArray xa = x.array()) {
                for (int i = 0; i < whole.rowCount(); i++) {
                    xa.buffer().put(i, Math.cos(whole.firstRow() + i));
                }
            }
            A.mult(x, y1);
            B.mult(x, y2);
            y1.axpy(-1.0, y2);
            assertEquals(0.0, y1.norm(NormType.INFINITY), 0.0);
        }
        // a gap between chunks on the last rank: every rank throws
        int last = comm.size() - 1;
        java.util.function.IntFunction<CsrRows> gappy = k -> chunk.apply(comm.rank() == last && k == 1 ? 2 : k);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PetscMat.fromRowChunks(comm, chunks, gappy, whole.rowCount(), g));
        assertTrue(e.getMessage().contains("chunk 1 starts at row"), e.getMessage());
        assertTrue(comm.rank() == last || e.getMessage().contains("rank " + last + " failed"), e.getMessage());
    }

    @Test
    void perEntryAssemblyIntoExactPreallocation() {
        int n = 12;
        CsrRows a = laplacian(n);
        long g = (long) n * n;
        try (PetscMat A = PetscMat.preallocated(comm, a, a.rowCount(), g);
                PetscVec x = PetscVec.create(comm, a.rowCount(), g); PetscVec y = x.duplicate()) {
            assertFalse(A.isAssembled());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> A.mult(x, y));
            assertTrue(e.getMessage().contains("not assembled"), e.getMessage());
            for (int i = 0; i < a.rowCount(); i++) {
                long row = a.firstRow() + i;
                for (int k = a.rowPtr()[i]; k < a.rowPtr()[i + 1]; k++) {
                    A.set(row, a.columns()[k], a.columns()[k] == row ? 1.0 : a.values()[k]);
                }
            }
            if (a.rowCount() > 0) {
                // PETSc's own state check: insert and add cannot be mixed without an assembly in between
                PetscException mixed = assertThrows(PetscException.class, () -> A.add(a.firstRow(), a.firstRow(), 1.0));
                assertEquals(PetscError.ARG_WRONGSTATE, mixed.error());
            }
            A.assemble();
            for (int i = 0; i < a.rowCount(); i++) {
                A.add(a.firstRow() + i, a.firstRow() + i, 3.0); // diagonal 1 + 3 = 4
            }
            A.assemble();
            x.set(1.0);
            A.mult(x, y);
            // row sums of the Dirichlet Laplacian: 0 inside, 1 at edges, 2 at corners
            assertEquals(4.0 * (n - 2) + 4 * 2.0, y.sum(), 1e-12);
            // an entry outside the pattern: PETSc's own error (new nonzero caused a malloc)
            if (a.rowCount() > 0) {
                long row = a.firstRow();
                long far = (row + g / 2) % g;
                PetscException pe = assertThrows(PetscException.class, () -> A.set(row, far, 1.0));
                assertEquals(PetscError.ARG_OUTOFRANGE, pe.error());
                assertTrue(pe.specificMessage().toLowerCase(java.util.Locale.ROOT).contains("new nonzero"), pe.specificMessage());
                assertEquals(comm.rank(), pe.rank());
            }
            assertThrows(IndexOutOfBoundsException.class, () -> A.set(g, 0, 1.0));
            assertThrows(IndexOutOfBoundsException.class, () -> A.set(0, -1, 1.0));
        }
    }

    @Test
    void cgJacobiSolvesThePoissonProblemWithMonitor() {
        int n = 32;
        long g = (long) n * n;
        CsrRows a = laplacian(n);
        int m = a.rowCount();
        DoubleBuffer xExact = DirectBuffers.doubles(m);
        DoubleBuffer bb = DirectBuffers.doubles(m);
        DoubleBuffer xb = DirectBuffers.doubles(m);
        for (int i = 0; i < m; i++) {
            xExact.put(i, Math.cos(0.1 * (a.firstRow() + i)));
        }
        for (int i = 0; i < m; i++) {
            bb.put(i, applyRow(a, i, c -> Math.cos(0.1 * c)));
        }
        List<double[]> history = new ArrayList<>();
        try (PetscMat A = PetscMat.fromCsr(comm, a, m, g); PetscVec b = PetscVec.wrap(comm, bb, g);
                PetscVec x = PetscVec.wrap(comm, xb, g);
                Ksp ksp = Ksp.create(comm).operators(A).type(KspType.CG).preconditioner(PcType.JACOBI)
                        .tolerances(1e-10, 1e-50, 1e4, 1000).monitor((it, r) -> history.add(new double[] {it, r}))) {
            assertEquals("cg", ksp.typeName());
            assertEquals("jacobi", ksp.preconditionerName());
            SolveResult r = ksp.solve(b, x);
            assertTrue(r.converged(), r.toString());
            assertEquals(ConvergedReason.CONVERGED_RTOL, r.reason());
            assertEquals(r.iterations() + 1, history.size(), "monitor: iteration 0 and one call per iteration");
            assertEquals(r.residualNorm(), history.get(history.size() - 1)[1], 0.0);
            double err = 0;
            for (int i = 0; i < m; i++) {
                err = Math.max(err, Math.abs(xb.get(i) - xExact.get(i)));
            }
            assertTrue(Collectives.max(comm, err) < 1e-7, "max error " + err);
            // initial guess nonzero: starting from the solution converges at once
            ksp.initialGuessNonzero(true).monitor(null);
            SolveResult again = ksp.solve(b, x);
            assertTrue(again.iterations() <= 1, again.toString());
        }
    }

    @Test
    void nonConvergenceIsAResultAndNormNoneRunsFixedIterations() {
        int n = 32;
        CsrRows a = laplacian(n);
        long g = (long) n * n;
        try (PetscMat A = PetscMat.fromCsr(comm, a, a.rowCount(), g); PetscVec b = PetscVec.create(comm, a.rowCount(), g);
                PetscVec x = b.duplicate(); Ksp ksp = Ksp.create(comm).operators(A).type(KspType.CG)) {
            b.set(1.0);
            ksp.preconditioner(PcType.NONE).tolerances(1e-14, 1e-50, 1e4, 5);
            SolveResult r = ksp.solve(b, x);
            assertEquals(ConvergedReason.DIVERGED_ITS, r.reason());
            assertFalse(r.converged());
            assertEquals(5, r.iterations());
            ksp.normType(KspNormType.NONE).tolerances(0, 0, 1e300, 7);
            SolveResult fixed = ksp.solve(b, x);
            assertEquals(ConvergedReason.CONVERGED_ITS, fixed.reason());
            assertEquals(7, fixed.iterations());
            ksp.normType(KspNormType.PRECONDITIONED).tolerances(1e-8, 1e-50, 1e4, 1000);
            SolveResult back = ksp.solve(b, x);
            assertEquals(ConvergedReason.CONVERGED_RTOL, back.reason(), "default test restored");
        }
    }

    @Test
    void optionsFromTheSessionAndGamgWhenPresent() {
        int n = 32;
        CsrRows a = laplacian(n);
        long g = (long) n * n;
        try (PetscMat A = PetscMat.fromCsr(comm, a, a.rowCount(), g); PetscVec b = PetscVec.create(comm, a.rowCount(), g);
                PetscVec x = b.duplicate(); Ksp ksp = Ksp.create(comm).operators(A).fromOptions()) {
            assertEquals("gmres", ksp.typeName(), "-ksp_type gmres from the session's options");
            b.set(1.0);
            ksp.type(KspType.CG).preconditioner(PcType.GAMG).tolerances(1e-8, 1e-50, 1e4, 200);
            SolveResult r = ksp.solve(b, x);
            assertTrue(r.converged(), r.toString());
            assertTrue(r.iterations() < 30, "GAMG: " + r);
        }
    }

    @Test
    void shellMatrixCallsJavaAndSolves() {
        // matrix-free 1-D Laplacian (tridiagonal 2, -1) with a halo exchange in the multiply
        int m = 50 + comm.rank();
        long g = Collectives.sum(comm, (long) m);
        int[] calls = new int[1];
        DoubleBuffer halo = DirectBuffers.doubles(2);
        DoubleBuffer send = DirectBuffers.doubles(2);
        MatMultiply op = (x, y) -> {
            calls[0]++;
            exchange(x, send, halo);
            for (int i = 0; i < m; i++) {
                double left = i > 0 ? x.get(i - 1) : halo.get(0);
                double right = i < m - 1 ? x.get(i + 1) : halo.get(1);
                y.put(i, 2 * x.get(i) - left - right);
            }
        };
        try (PetscMat S = PetscMat.shell(comm, m, m, g, g, op); PetscVec x = PetscVec.create(comm, m, g);
                PetscVec y = x.duplicate()) {
            assertTrue(S.isAssembled());
            x.set(1.0);
            S.mult(x, y);
            assertEquals(1, calls[0]);
            assertEquals(2.0, y.sum(), 0.0, "only the two global ends keep 1");
            try (Ksp ksp = Ksp.create(comm).operators(S).type(KspType.CG).preconditioner(PcType.NONE)
                    .tolerances(1e-10, 1e-50, 1e4, 1000)) {
                SolveResult r = ksp.solve(y, x);
                assertTrue(r.converged(), r.toString());
                assertTrue(calls[0] > 2);
            }
            assertThrows(UnsupportedOperationException.class, () -> S.set(0, 0, 1.0));
        }
    }

    @Test
    void anExceptionInAJavaCallbackBecomesThePetscExceptionCause() {
        long g = 10L * comm.size();
        IllegalStateException boom = new IllegalStateException("deliberate failure in the shell multiply");
        try (PetscMat S = PetscMat.shell(comm, 10, 10, g, g, (x, y) -> {
            throw boom;
        }); PetscVec x = PetscVec.create(comm, 10, g); PetscVec y = x.duplicate()) {
            PetscException e = assertThrows(PetscException.class, () -> S.mult(x, y));
            assertSame(boom, e.getCause());
            assertEquals(PetscError.USER, e.error());
        }
    }

    private static void exchange(DoubleBuffer x, DoubleBuffer send, DoubleBuffer halo) {
        int r = comm.rank();
        int p = comm.size();
        int m = x.limit();
        halo.put(0, 0.0).put(1, 0.0);
        send.put(0, x.get(0)).put(1, x.get(m - 1));
        if (r + 1 < p) {
            comm.sendRecv(send.slice(1, 1), r + 1, 1, halo.slice(1, 1), r + 1, 0);
        }
        if (r > 0) {
            comm.sendRecv(send.slice(0, 1), r - 1, 0, halo.slice(0, 1), r - 1, 1);
        }
    }

    @Test
    void kspWithoutOperatorsAndBadLayoutsAreJavaExceptions() {
        try (Ksp ksp = Ksp.create(comm); PetscVec v = PetscVec.create(comm, 4, 4L * comm.size()); PetscVec w = v.duplicate()) {
            assertThrows(IllegalStateException.class, () -> ksp.solve(v, w));
            assertNull(null);
            CsrRows a = laplacian(4);
            try (PetscMat A = PetscMat.fromCsr(comm, a, a.rowCount(), 16)) {
                ksp.operators(A);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ksp.solve(v, w));
                assertTrue(e.getMessage().contains("layout"), e.getMessage());
                try (PetscVec b = PetscVec.create(comm, a.rowCount(), 16)) {
                    assertThrows(IllegalArgumentException.class, () -> ksp.solve(b, b), "b is x");
                    assertThrows(IllegalArgumentException.class, () -> A.mult(b, b));
                }
            }
        }
    }
}
