package org.jdistarray.petsc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.testing.MpiTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Vectors on real MPI ranks: zero copy, the stale-norm trap, operations, validation. Runs inside mpirun ranks. */
public class PetscVecOnMpi {
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

    /** Local block of rank r: n + r entries (uneven on purpose). */
    private static int local(int n) {
        return n + comm.rank();
    }

    private static long global(int n) {
        long g = 0;
        for (int r = 0; r < comm.size(); r++) {
            g += n + r;
        }
        return g;
    }

    @Test
    void zeroCopyBothWays() {
        int n = 4096;
        DoubleBuffer mine = DirectBuffers.doubles(local(n));
        for (int i = 0; i < mine.capacity(); i++) {
            mine.put(i, 1.0); // written from Java before the wrap
        }
        long g = global(n);
        try (PetscVec v = PetscVec.wrap(comm, mine, g)) {
            assertTrue(v.isWrapped());
            assertEquals(g, v.size());
            assertEquals(local(n), v.localSize());
            // read through PETSc
            assertEquals(Math.sqrt(g), v.norm(), 1e-12);
            long first = v.ownershipRange()[0];
            assertArrayEquals(new double[] {1.0, 1.0}, v.getValues(first, first + local(n) - 1));
            // same memory
            long address = Pointer.nativeValue(Native.getDirectBufferPointer(mine));
            try (VecArray a = v.array()) {
                assertEquals(address, a.nativeAddress(), "VecGetArray must return the Java buffer's address");
            }
            // write through PETSc, read from Java
            v.scale(0.5);
            for (int i = 0; i < mine.capacity(); i++) {
                assertEquals(0.5, mine.get(i), 0.0);
            }
            // write from Java, read through PETSc (automatic state tracking)
            mine.put(0, 3.0);
            assertEquals(3.0, v.getValues(first)[0], 0.0);
            assertEquals(Math.sqrt(0.25 * (g - comm.size()) + 9.0 * comm.size()), v.norm(), 1e-12);
        }
        assertEquals(1.0 - 0.5, mine.get(1), 0.0, "the buffer outlives the Vec");
    }

    @Test
    void wrapWithPositionUsesTheRemainingElements() {
        DoubleBuffer big = DirectBuffers.doubles(10);
        big.position(3).limit(8);
        for (int i = 3; i < 8; i++) {
            big.put(i, i);
        }
        try (PetscVec v = PetscVec.wrap(comm, big, 5L * comm.size())) {
            assertEquals(5, v.localSize());
            assertEquals(comm.size() * (3 + 4 + 5 + 6 + 7.0), v.sum(), 0.0);
        }
    }

    @Test
    void staleNormTrapManualTrackingNeedsJavaWrote() {
        DoubleBuffer mine = DirectBuffers.doubles(100);
        fill(mine, 1.0);
        try (PetscVec v = PetscVec.wrap(comm, mine, 100L * comm.size(), PetscVec.StateTracking.MANUAL, null)) {
            double n1 = v.norm();
            assertEquals(Math.sqrt(100.0 * comm.size()), n1, 1e-12);
            fill(mine, 2.0);
            assertEquals(n1, v.norm(), 0.0, "PETSc returns its cached norm: the trap this test documents");
            v.javaWrote();
            assertEquals(2 * n1, v.norm(), 1e-12, "after javaWrote the norm is recomputed");
        }
        try (PetscVec v = PetscVec.wrap(comm, mine, 100L * comm.size())) {
            double n2 = v.norm();
            fill(mine, 3.0);
            assertEquals(1.5 * n2, v.norm(), 1e-12, "automatic tracking sees Java writes");
        }
    }

    @Test
    void arrayViewsOfPetscAllocatedVectors() {
        try (PetscVec v = PetscVec.create(comm, PetscVec.DECIDE, 1001)) {
            assertFalse(v.isWrapped());
            assertEquals(1001, v.ownershipRanges()[comm.size()]);
            assertEquals(0.0, v.norm(), 0.0);
            try (VecArray a = v.array()) {
                DoubleBuffer b = a.buffer();
                assertEquals(v.localSize(), b.remaining());
                for (int i = 0; i < b.limit(); i++) {
                    b.put(i, 2.0);
                }
            }
            assertEquals(2.0 * Math.sqrt(1001), v.norm(), 1e-12, "VecRestoreArray bumped the state");
            try (VecArray r = v.readArray()) {
                assertTrue(r.readOnly());
                assertTrue(r.buffer().isReadOnly());
                assertEquals(2.0, r.buffer().get(0), 0.0);
            }
            VecArray open = v.array();
            assertThrows(IllegalStateException.class, v::close, "a view is open");
            open.close();
            open.close(); // idempotent
        }
    }

    @Test
    void operationsMatchJava() {
        int n = 1000;
        DoubleBuffer xb = DirectBuffers.doubles(local(n));
        DoubleBuffer yb = DirectBuffers.doubles(local(n));
        for (int i = 0; i < xb.capacity(); i++) {
            xb.put(i, i + 1.0);
            yb.put(i, 2.0);
        }
        long g = global(n);
        try (PetscVec x = PetscVec.wrap(comm, xb, g); PetscVec y = PetscVec.wrap(comm, yb, g); PetscVec z = x.duplicate()) {
            double dot = 0;
            for (int i = 0; i < xb.capacity(); i++) {
                dot += 2.0 * (i + 1.0);
            }
            assertEquals(sum(dot), x.dot(y), 1e-9);
            y.axpy(3.0, x); // y = 2 + 3 (i+1)
            assertEquals(2.0 + 3.0 * 5, yb.get(4), 0.0);
            y.aypx(0.5, x); // y = x + 0.5 y
            assertEquals(5 + 0.5 * 17, yb.get(4), 0.0);
            x.copyTo(z);
            assertEquals(x.norm(), z.norm(), 0.0);
            z.set(1.0);
            assertEquals(g, z.sum(), 0.0);
            assertEquals(g, z.norm(NormType.ONE), 0.0);
            assertEquals(1.0, z.norm(NormType.INFINITY), 0.0);
            // setValues across ranks + assembly
            if (comm.rank() == 0) {
                z.setValues(new long[] {0, g - 1}, new double[] {7.0, 9.0}, false);
            }
            z.assemble();
            assertEquals(9.0, z.norm(NormType.INFINITY), 0.0);
            assertEquals(g - 2 + 16.0, z.sum(), 0.0);
        }
    }

    @Test
    void closeIsIdempotentAndReleasesTheBorrow() {
        AtomicInteger released = new AtomicInteger();
        PetscVec v = PetscVec.wrap(comm, DirectBuffers.doubles(8), 8L * comm.size(), PetscVec.StateTracking.AUTOMATIC,
                released::incrementAndGet);
        v.close();
        v.close();
        assertEquals(1, released.get());
        assertTrue(v.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, v::norm);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void badWrapsAreJavaExceptionsOnEveryRank() {
        // sizes that do not add up (PETSc itself would accept 10 + 10 != 21)
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PetscVec.wrap(comm, DirectBuffers.doubles(10), 10L * comm.size() + 1));
        assertTrue(e.getMessage().contains("add up"), e.getMessage());
        // one rank's bad buffer fails every rank
        DoubleBuffer bad = comm.rank() == comm.size() - 1 ? DoubleBuffer.allocate(4)
                : DirectBuffers.doubles(4);
        e = assertThrows(IllegalArgumentException.class, () -> PetscVec.wrap(comm, bad, 4L * comm.size()));
        assertTrue(e.getMessage().contains("not direct"), e.getMessage());
        assertTrue(comm.rank() == comm.size() - 1 || e.getMessage().contains("rank " + (comm.size() - 1) + " failed"),
                e.getMessage());
        DoubleBuffer bigEndian = ByteBuffer.allocateDirect(32).asDoubleBuffer();
        assertThrows(IllegalArgumentException.class, () -> PetscVec.wrap(comm, bigEndian, 4L * comm.size()));
        assertThrows(IllegalArgumentException.class, () -> PetscVec.create(comm, -5, 10));
        assertThrows(IllegalArgumentException.class, () -> PetscVec.create(comm, 4, 1L << 33));
    }

    @Test
    void mismatchedLayoutsAndIndicesAreRejected() {
        long g = 12L * comm.size();
        try (PetscVec a = PetscVec.create(comm, 12, g);
                PetscVec b = PetscVec.create(comm, comm.rank() == 0 ? 12 + (comm.size() - 1) : 11, g)) {
            if (comm.size() > 1) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.axpy(1.0, b));
                assertTrue(e.getMessage().contains("layouts differ"), e.getMessage());
                assertThrows(IllegalArgumentException.class, () -> a.dot(b));
            }
            long[] own = a.ownershipRange();
            assertThrows(IndexOutOfBoundsException.class, () -> a.getValues(own[1]));
            assertThrows(IndexOutOfBoundsException.class, () -> a.getValues(-1));
            assertThrows(IndexOutOfBoundsException.class, () -> a.setValues(new long[] {g}, new double[] {1}, true));
        }
        try (PetscVec small = PetscVec.create(comm, 3, 3L * comm.size()); PetscVec big = PetscVec.create(comm, 4, 4L * comm.size())) {
            assertThrows(IllegalArgumentException.class, () -> small.copyTo(big));
        }
    }

    private static void fill(DoubleBuffer b, double v) {
        for (int i = 0; i < b.capacity(); i++) {
            b.put(i, v);
        }
    }

    private static double sum(double local) {
        return org.jdistarray.comm.Collectives.sum(comm, local);
    }
}
