package org.jdistarray.trilinos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.DoubleBuffer;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.LocalBlock;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.testing.MpiTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Maps from distributions and vectors on DistArray memory: zero copy both ways, borrowing, copies for padding. */
class TpetraVectorOnMpi {
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

    private static long n(long... shape) {
        long p = 1;
        for (long s : shape) {
            p *= s;
        }
        return p;
    }

    @Test
    void zeroCopyBothWays() {
        Distribution d = Distribution.builder(comm).shape(40, 50).build();
        try (DistArray u = DistArrays.ones(d, DType.FLOAT64); TpetraMap map = TpetraMap.of(u);
                TpetraVector v = TpetraVector.wrap(map, u)) {
            assertTrue(v.isZeroCopy());
            LocalBlock local = u.local();
            assertEquals(local.address(), v.dataAddress(), "Tpetra's host view is the array's memory");
            assertEquals(Math.sqrt(2000), v.norm2(), 1e-12);
            DoubleBuffer b = local.asDoubles(); // Java writes ...
            for (int i = 0; i < b.capacity(); i++) {
                b.put(i, 2.0);
            }
            assertEquals(2 * Math.sqrt(2000), v.norm2(), 1e-12); // ... are seen by Tpetra at once
            v.scale(0.25); // Tpetra write ...
            for (int i = 0; i < b.capacity(); i++) {
                assertEquals(0.5, b.get(i)); // ... read by Java
            }
            assertEquals(0.5, u.getDouble(39, 49));
        }
    }

    @Test
    void rowBlocksGiveAContiguousMapOtherLayoutsNot() {
        Distribution rows = Distribution.builder(comm).shape(12, 7).grid(comm.size(), 1).build();
        Distribution cols = Distribution.builder(comm).shape(12, 7).grid(1, comm.size()).build();
        Distribution cyc = Distribution.builder(comm).shape(30).cyclic(0).build();
        try (TpetraMap a = TpetraMap.of(rows); TpetraMap b = TpetraMap.of(cols); TpetraMap c = TpetraMap.of(cyc)) {
            assertTrue(a.isContiguous());
            assertEquals(comm.size() == 1, b.isContiguous());
            assertEquals(comm.size() == 1, c.isContiguous());
            assertEquals(84, b.globalSize());
            // ids are global C-order linear indices in local-block order
            assertEquals(cols.ownedGlobalIndices(1)[0], b.globalIndex(0)); // element (0, first owned column)
            if (comm.size() == 2) {
                assertArrayEquals(comm.rank() == 0 ? new long[] {0, 2, 4} : new long[] {1, 3, 5},
                        java.util.Arrays.copyOf(c.globalIndices(), 3));
                assertFalse(a.isSameAs(b));
                assertFalse(a.isSameAsNative(b));
            }
            assertTrue(a.isSameAs(a));
            try (TpetraMap again = TpetraMap.contiguous(comm, a.localSize())) {
                assertTrue(again.isSameAs(a));
                assertTrue(again.isSameAsNative(a));
            }
        }
    }

    @Test
    void nonContiguousVectorOps() {
        Distribution d = Distribution.builder(comm).shape(9, 11).grid(1, comm.size()).build();
        try (DistArray x = DistArrays.fromFunction(d, DType.FLOAT64, g -> g[0] * 11 + g[1]);
                DistArray y = DistArrays.full(d, DType.FLOAT64, 2.0);
                TpetraMap map = TpetraMap.of(d); TpetraVector vx = TpetraVector.wrap(map, x);
                TpetraVector vy = TpetraVector.wrap(map, y); TpetraVector ones = TpetraVector.create(map)) {
            double sum = 98 * 99 / 2.0;
            assertEquals(2 * sum, vx.dot(vy), 1e-9);
            vy.update(1.0, vx, -0.5); // y = x - 1
            ones.putScalar(1.0);
            assertEquals(sum - 99, vy.dot(ones), 1e-9);
            assertEquals(98.0 - 1, y.getDouble(8, 10));
        }
    }

    @Test
    void borrowPinsTheArray() {
        Distribution d = Distribution.builder(comm).shape(64).build();
        DistArray u = DistArrays.zeros(d, DType.FLOAT64);
        TpetraMap map = TpetraMap.of(u);
        TpetraVector v = TpetraVector.wrap(map, u);
        assertEquals(1, u.borrowCount());
        IllegalStateException e = assertThrows(IllegalStateException.class, u::close);
        assertTrue(e.getMessage().contains("borrowed"), e.getMessage());
        v.close();
        v.close(); // idempotent
        assertEquals(0, u.borrowCount());
        assertThrows(IllegalStateException.class, v::norm2);
        map.close();
        u.close();
    }

    @Test
    void paddedArraysAreCopiedExplicitly() {
        Distribution d = Distribution.builder(comm).shape(20, 6).grid(comm.size(), 1).padding(0, 1, 0).build();
        try (DistArray u = DistArrays.fromFunction(d, DType.FLOAT64, g -> 10 * g[0] + g[1]);
                TpetraMap map = TpetraMap.of(u)) {
            assertEquals(d.ownedElementCount(), map.localSize());
            if (d.localElementCount() != d.ownedElementCount()) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TpetraVector.wrap(map, u));
                assertTrue(e.getMessage().contains("copyOf"), e.getMessage());
            }
            try (TpetraVector v = TpetraVector.copyOf(map, u)) {
                assertFalse(v.isZeroCopy());
                double expect = 0;
                for (int i = 0; i < 20; i++) {
                    for (int j = 0; j < 6; j++) {
                        expect += Math.pow(10 * i + j, 2);
                    }
                }
                assertEquals(Math.sqrt(expect), v.norm2(), 1e-9);
                v.scale(2);
                v.copyTo(u);
                assertEquals(2 * 193.0, u.getDouble(19, 3));
                assertEquals(0, u.borrowCount());
            }
        }
    }

    @Test
    void multiVectorOnCallerMemory() {
        try (TpetraMap map = TpetraMap.contiguous(comm, 5)) {
            DoubleBuffer mem = DirectBuffers.doubles(15);
            for (int i = 0; i < 15; i++) {
                mem.put(i, i / 5 + 1); // columns of 1s, 2s, 3s
            }
            try (TpetraMultiVector mv = TpetraMultiVector.wrap(map, mem, 3, null)) {
                double s = Math.sqrt(5.0 * comm.size());
                assertArrayEquals(new double[] {s, 2 * s, 3 * s}, mv.norms2(), 1e-12);
                mv.scale(2);
                assertEquals(6.0, mem.get(14));
                assertThrows(IllegalArgumentException.class, () -> TpetraMultiVector.wrap(map, mem, 2, null));
            }
        }
    }

    @Test
    void multiVectorOnADistArrayWhoseRowsAreTheColumns() {
        Distribution grid = Distribution.builder(comm).shape(12, 7).grid(1, comm.size()).build();
        Distribution stack = Distribution.builder(comm).shape(3, 12, 7).undistributed(0).grid(1, 1, comm.size()).build();
        try (TpetraMap map = TpetraMap.of(grid);
                DistArray a = DistArrays.fromFunction(stack, DType.FLOAT64, g -> (g[0] + 1) * (g[1] * 7 + g[2]));
                TpetraMultiVector mv = TpetraMultiVector.wrap(map, a);
                DistArray col = DistArrays.fromFunction(grid, DType.FLOAT64, g -> g[0] * 7 + g[1]);
                TpetraVector v = TpetraVector.wrap(map, col)) {
            assertEquals(a.local().address(), mv.dataAddress());
            assertEquals(1, a.borrowCount());
            double[] norms = mv.norms2();
            for (int j = 0; j < 3; j++) {
                assertEquals((j + 1) * v.norm2(), norms[j], 1e-9);
            }
            mv.scale(-1);
            assertEquals(-3.0 * 83, a.getDouble(2, 11, 6));
            Distribution rowBlocks = Distribution.builder(comm).shape(3, 12, 7).undistributed(0).grid(1, comm.size(), 1)
                    .build();
            try (DistArray other = DistArrays.zeros(rowBlocks, DType.FLOAT64)) {
                if (comm.size() > 1) { // ids in another order than the map's
                    assertThrows(IllegalArgumentException.class, () -> TpetraMultiVector.wrap(map, other));
                }
            }
        }
    }

    @Test
    void badArgumentsThrowBeforeNativeCalls() {
        Distribution d = Distribution.builder(comm).shape(10).build();
        try (DistArray ints = DistArrays.zeros(d, DType.INT64); DistArray other = DistArrays.zeros(
                Distribution.builder(comm).shape(11).build(), DType.FLOAT64); TpetraMap map = TpetraMap.of(d)) {
            assertThrows(IllegalArgumentException.class, () -> TpetraVector.wrap(map, ints));
            assertThrows(IllegalArgumentException.class, () -> TpetraVector.wrap(map, other));
            assertThrows(IllegalArgumentException.class,
                    () -> TpetraVector.wrap(map, java.nio.DoubleBuffer.allocate(map.localSize()), null));
            assertThrows(IllegalArgumentException.class, () -> TpetraMap.of(comm, 10, new long[] {-1}));
            assertThrows(IllegalArgumentException.class, () -> TpetraMap.contiguous(comm, comm.rank() == 0 ? -1 : 3));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TpetraMap.of(comm, 5, comm.rank() == 0 ? new long[] {0, 1} : new long[0]));
            assertTrue(e.getMessage().contains("global size"), e.getMessage());
            try (TpetraVector a = TpetraVector.create(map); TpetraMap m2 = TpetraMap.contiguous(comm, 3);
                    TpetraVector b = TpetraVector.create(m2)) {
                assertThrows(IllegalArgumentException.class, () -> a.dot(b));
            }
        }
    }
}
