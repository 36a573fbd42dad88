package org.jdistarray.petsc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.LocalBlock;
import org.jdistarray.comm.Collectives;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.dist.numbering.GlobalNumbering;
import org.jdistarray.dist.numbering.GridNumbering;
import org.jdistarray.protocol.DType;
import org.jdistarray.solve.ConvergedReason;
import org.jdistarray.solve.SolveResult;
import org.jdistarray.sparse.CsrRows;
import org.jdistarray.sparse.Stencil;
import org.jdistarray.sparse.Stencils;
import org.jdistarray.testing.MpiTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Vectors on distributed arrays (no copy) for every layout, copies of padded arrays, vectors as arrays, stencil
 * matrices and shells in the arrays' numbering. Runs inside mpirun ranks (np 1 and 2), no threads.
 */
public class DistArrayVecOnMpi {
    private static PetscSession petsc;
    private static Communicator comm;

    @BeforeAll
    static void open() {
        comm = MpiTestContext.comm();
        petsc = PetscSession.init(comm);
    }

    @AfterAll
    static void close() {
        assertEquals(0, petsc.openObjects(), "objects left open");
        petsc.close();
    }

    private static Map<String, Function<Communicator, Distribution>> layouts() {
        Map<String, Function<Communicator, Distribution>> m = new LinkedHashMap<>();
        m.put("1-D block", c -> Distribution.builder(c).shape(1000).build());
        m.put("1-D irregular block", c -> Distribution.builder(c).shape(1000)
                .blockBounds(0, c.size() == 1 ? new long[] {0, 1000} : new long[] {0, 137, 1000}).build());
        m.put("1-D cyclic", c -> Distribution.builder(c).shape(1001).cyclic(0).build());
        m.put("1-D block-cyclic", c -> Distribution.builder(c).shape(1001).cyclic(0, 7).build());
        m.put("2-D block, column split", c -> Distribution.builder(c).shape(33, 40).grid(1, c.size()).build());
        m.put("2-D block-cyclic x block", c -> Distribution.builder(c).shape(30, 17).cyclic(0, 4).build());
        m.put("2-D cyclic columns", c -> Distribution.builder(c).shape(9, 31).grid(1, c.size()).cyclic(1, 3).build());
        m.put("3-D block", c -> Distribution.builder(c).shape(6, 7, 8).grid(1, c.size(), 1).build());
        m.put("1-D unstructured, decreasing", c -> Distribution.builder(c).shape(101).unstructured(0, unstructured(c.size(), 101))
                .build());
        m.put("empty local block", c -> Distribution.builder(c).shape(1, 5).grid(c.size(), 1).build());
        return m;
    }

    /** Rank r holds the indices congruent to r modulo the size, in decreasing order. */
    private static long[][] unstructured(int ranks, int n) {
        long[][] idx = new long[ranks][];
        for (int r = 0; r < ranks; r++) {
            int mine = r;
            idx[r] = java.util.stream.LongStream.iterate(n - 1, g -> g >= 0, g -> g - 1).filter(g -> g % ranks == mine)
                    .toArray();
        }
        return idx;
    }

    private static double value(long[] g, long[] shape) {
        long lin = 0;
        for (int d = 0; d < g.length; d++) {
            lin = lin * shape[d] + g[d];
        }
        return 1 + lin;
    }

    @Test
    void zeroCopyOnEveryLayoutBothWays() {
        for (var e : layouts().entrySet()) {
            Distribution d = e.getValue().apply(comm);
            String what = e.getKey() + ": ";
            long[] shape = d.shape();
            DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> value(g, shape));
            double sq = 0;
            for (long i = 1; i <= d.globalSize(); i++) {
                sq += (double) i * i;
            }
            try (PetscVec v = PetscVec.wrap(a)) {
                GlobalNumbering num = v.numbering();
                assertTrue(v.isWrapped(), what);
                assertTrue(v.copyReport().isEmpty(), what);
                assertEquals(d.globalSize(), v.size(), what);
                assertArrayEquals(new long[] {num.firstRow(), num.endRow()}, v.ownershipRange(), what);
                LocalBlock local = a.local();
                try (VecArray view = v.readArray()) {
                    if (local.elementCount() > 0) {
                        assertEquals(local.address(), view.nativeAddress(), what + "VecGetArray is the array's memory");
                    }
                }
                assertEquals(Math.sqrt(sq), v.norm(), 1e-9 * Math.sqrt(sq), what + "VecNorm of Java's values");
                long[] rows = new long[v.localSize()];
                for (int k = 0; k < rows.length; k++) {
                    rows[k] = num.firstRow() + k;
                }
                double[] got = v.getValues(rows);
                for (int k = 0; k < rows.length; k++) {
                    assertEquals(value(num.indexOf(rows[k]), shape), got[k], what + "VecGetValues at row " + rows[k]);
                }
                long[] last = new long[shape.length];
                for (int i = 0; i < shape.length; i++) {
                    last[i] = shape[i] - 1;
                }
                double old = value(last, shape);
                a.setDouble(0.0, last); // a Java write, seen by PETSc's next norm (state tracking)
                double sq2 = sq - old * old;
                assertEquals(Math.sqrt(sq2), v.norm(), 1e-9 * Math.sqrt(sq), what + "PETSc sees the Java write");
                v.scale(-2.0);
                long[] first = new long[shape.length];
                assertEquals(-2.0, a.getDouble(first), what + "Java sees VecScale");
                assertEquals(0.0, a.getDouble(last), 0.0, what);
                IllegalStateException busy = assertThrows(IllegalStateException.class, a::close, what);
                assertTrue(busy.getMessage().contains("borrowed"), busy.getMessage());
                assertFalse(a.isClosed(), what);
            }
            a.close(); // the vector released its borrow
            assertTrue(a.isClosed(), what);
        }
    }

    @Test
    void badArraysAreRefusedOnEveryRankAndPaddedOnesCopiedOnRequest() {
        Distribution d = Distribution.builder(comm).shape(12, 5).build();
        try (DistArray f32 = DistArrays.ones(d, DType.FLOAT32)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PetscVec.wrap(f32));
            assertTrue(e.getMessage().contains("float64"), e.getMessage());
            assertEquals(0, f32.borrowCount());
        }
        DistArray closed = DistArrays.ones(d, DType.FLOAT64);
        closed.close();
        IllegalArgumentException gone = assertThrows(IllegalArgumentException.class, () -> PetscVec.wrap(closed));
        assertTrue(gone.getMessage().contains("closed"), gone.getMessage());
        try (PetscVec plain = PetscVec.create(comm, PetscVec.DECIDE, 10)) {
            assertThrows(IllegalStateException.class, plain::numbering);
            assertThrows(IllegalStateException.class, plain::asDistArray);
        }
        Distribution padded = Distribution.builder(comm).shape(12, 5).padding(0, 1, 0).build();
        long[] shape = padded.shape();
        try (DistArray p = DistArrays.fromFunction(padded, DType.FLOAT64, g -> value(g, shape))) {
            if (comm.size() > 1) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PetscVec.wrap(p));
                assertTrue(e.getMessage().contains("padding") && e.getMessage().contains("copyOf"), e.getMessage());
            }
            try (PetscVec v = PetscVec.wrapOrCopy(p)) {
                assertEquals(comm.size() > 1, v.copyReport().isPresent());
                assertEquals(comm.size() > 1, !v.isWrapped());
                v.copyReport().ifPresent(r -> {
                    assertEquals(8L * padded.ownedElementCount(), r.bytes());
                    assertTrue(r.reason().contains("padding"), r.reason());
                });
                double sum = 60.0 * 61 / 2;
                assertEquals(sum, v.sum(), 1e-9);
                v.scale(2.0);
                v.copyInto(p);
                p.exchangeGhosts();
                assertEquals(2 * value(new long[] {6, 2}, shape), p.getDouble(6, 2));
            }
            try (PetscVec c = PetscVec.copyOf(p)) {
                assertTrue(c.copyReport().isPresent());
                assertEquals(2 * 60.0 * 61 / 2, c.sum(), 1e-9);
            }
        }
    }

    @Test
    void createdVectorsAreDistArraysWithoutCopy() {
        Distribution d = Distribution.builder(comm).shape(20, 6).cyclic(0, 3).build();
        GlobalNumbering num = GlobalNumbering.of(d);
        try (PetscVec v = PetscVec.create(num)) {
            DistArray view = v.asDistArray();
            view.forEachOwned((g, off) -> view.local().setDouble(off, g[0] * 6 + g[1]));
            v.javaWrote();
            assertEquals(119.0 * 120 / 2, v.sum(), 1e-9);
            v.scale(0.5);
            assertEquals(0.5 * (7 * 6 + 4), view.getDouble(7, 4));
        }
    }

    @Test
    void laplacianInTheArraysNumberingMultipliesWrappedArrays() {
        for (Distribution d : new Distribution[] {Distribution.builder(comm).shape(23, 19).grid(1, comm.size()).build(),
            Distribution.builder(comm).shape(23, 19).cyclic(0, 2).build()}) {
            GlobalNumbering num = GlobalNumbering.of(d);
            try (DistArray x = DistArrays.fromFunction(d, DType.FLOAT64, g -> f(g[0], g[1]));
                    DistArray y = DistArrays.zeros(d, DType.FLOAT64);
                    PetscMat a = PetscMat.laplacian(Stencil.FIVE_POINT_2D, num, 1.0);
                    PetscVec xv = PetscVec.wrap(x); PetscVec yv = PetscVec.wrap(y)) {
                a.mult(xv, yv);
                y.forEachOwned((g, off) -> {
                    long i = g[0];
                    long j = g[1];
                    double want = 4 * f(i, j) - f2(i - 1, j) - f2(i + 1, j) - f2(i, j - 1) - f2(i, j + 1);
                    assertEquals(want, y.local().getDouble(off), 1e-9, "row " + i + "," + j);
                });
                a.setAt(new long[] {0, 0}, new long[] {0, 0}, 10.0); // every rank sets the same entry
                a.assemble();
                a.mult(xv, yv);
                assertEquals(10 * f(0, 0) - f(1, 0) - f(0, 1), y.getDouble(0, 0), 1e-9);
            }
        }
    }

    @Test
    void everyStencilOnAnyLayoutIsTheNaturalMatrixPermuted() {
        for (Stencil st : Stencil.values()) {
            long[] shape = st.dims() == 2 ? new long[] {11, 9} : new long[] {5, 6, 7};
            int[] ishape = java.util.Arrays.stream(shape).mapToInt(x -> (int) x).toArray();
            CsrRows nat = Stencils.laplacian(st, GridNumbering.rowMajor(ishape), new int[st.dims()], ishape, 3.0);
            Distribution d = st.dims() == 2 ? Distribution.builder(comm).shape(shape).cyclic(0, 2).build()
                    : Distribution.builder(comm).shape(shape).grid(1, 1, comm.size()).cyclic(2, 3).build();
            GlobalNumbering num = GlobalNumbering.of(d);
            try (DistArray x = DistArrays.fromFunction(d, DType.FLOAT64, g -> value(g, shape) % 7);
                    DistArray y = DistArrays.zeros(d, DType.FLOAT64);
                    PetscMat a = PetscMat.laplacian(st, num, 3.0); PetscVec xv = PetscVec.wrap(x);
                    PetscVec yv = PetscVec.wrap(y)) {
                a.mult(xv, yv);
                y.forEachOwned((g, off) -> {
                    int r = (int) (value(g, shape) - 1);
                    double want = 0;
                    for (int e = nat.rowPtr()[r]; e < nat.rowPtr()[r + 1]; e++) {
                        want += nat.values()[e] * ((nat.columns()[e] + 1) % 7);
                    }
                    assertEquals(want, y.local().getDouble(off), 1e-9, st + " at " + java.util.Arrays.toString(g));
                });
            }
        }
    }

    private static double f(long i, long j) {
        return i * i + 3.0 * j + 1;
    }

    /** f inside the 23 x 19 grid, 0 outside (Dirichlet). */
    private static double f2(long i, long j) {
        return i < 0 || j < 0 || i >= 23 || j >= 19 ? 0 : f(i, j);
    }

    @Test
    void shellOverDistArraysSolvesWithCg() {
        Distribution d = Distribution.builder(comm).shape(40, 10).cyclic(0, 3).build();
        GlobalNumbering num = GlobalNumbering.of(d);
        int[] calls = {0};
        ArrayOperator diag = (x, y) -> {
            calls[0]++;
            LocalBlock xl = x.local();
            LocalBlock yl = y.local();
            y.forEachOwned((g, off) -> yl.setDouble(off, (1 + g[0]) * xl.getDouble(off)));
        };
        try (DistArray b = DistArrays.ones(d, DType.FLOAT64); DistArray u = DistArrays.zeros(d, DType.FLOAT64);
                PetscMat a = PetscMat.shell(num, num, diag); PetscVec bv = PetscVec.wrap(b); PetscVec uv = PetscVec.wrap(u);
                Ksp ksp = Ksp.create(comm).operators(a).type(KspType.CG).preconditioner(PcType.NONE)
                        .tolerances(1e-12, 1e-50, 1e4, 1000)) {
            SolveResult r = ksp.solve(bv, uv);
            assertEquals(ConvergedReason.CONVERGED_RTOL, r.reason(), r.toString());
            assertTrue(calls[0] > 1);
            double[] worst = {0};
            u.forEachOwned((g, off) -> worst[0] = Math.max(worst[0], Math.abs(u.local().getDouble(off) - 1.0 / (1 + g[0]))));
            assertTrue(Collectives.max(comm, worst[0]) < 1e-8, "max error " + worst[0]);
        }
    }
}
