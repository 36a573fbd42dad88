package org.jdistarray.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;

import org.jdistarray.array.internal.LocalBox;
import org.jdistarray.array.internal.NativeMemory;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.ArrayDescriptor;
import org.jdistarray.protocol.Block;
import org.jdistarray.protocol.BufferSpec;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.DistKind;
import org.jdistarray.protocol.ProtocolException;
import org.jdistarray.protocol.ProtocolExport;
import org.junit.jupiter.api.Test;

/** Memory, close and borrow rules, the leak net, multi-chunk blocks, size guards and bad inputs. */
class ArrayResourcesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static Distribution block(org.jdistarray.comm.Communicator comm, long... shape) {
        DistKind[] k = new DistKind[shape.length];
        java.util.Arrays.fill(k, DistKind.BLOCK);
        return Distribution.fromShape(comm, shape, List.of(k));
    }

    @Test
    void memoryIsAlignedNativeOrderAndDirect() {
        LocalCluster.run(2, TIMEOUT, comm -> {
            for (DType t : DType.values()) {
                try (DistArray a = DistArrays.zeros(block(comm, 9, 5), t)) {
                    LocalBlock b = a.local();
                    assertEquals(0, b.address() % 64, "64-byte aligned");
                    ByteBuffer bytes = b.asBytes();
                    assertTrue(bytes.isDirect());
                    assertEquals(ByteOrder.nativeOrder(), bytes.order());
                    assertEquals(b.elementCount() * t.itemSize(), bytes.capacity());
                    assertEquals(b.address(), NativeMemory.addressOf(bytes));
                }
            }
            try (DistArray a = DistArrays.zeros(block(comm, 4), DType.INT32)) {
                assertThrows(IllegalStateException.class, () -> a.local().asDoubles());
                a.local().asInts().put(0, 7);
                assertEquals(7, a.local().getLong(0));
            }
        });
    }

    @Test
    void closeIsLocalIdempotentAndABorrowedArrayRefusesOnItsRank() {
        LocalCluster.run(3, TIMEOUT, comm -> {
            DistArray a = DistArrays.ones(block(comm, 6), DType.FLOAT64);
            Borrow borrow = comm.rank() == 1 ? a.borrow() : null;
            if (comm.rank() == 1) {
                IllegalStateException e = assertThrows(IllegalStateException.class, a::close);
                assertTrue(e.getMessage().contains("still borrowed"), e.getMessage());
                assertTrue(e.getMessage().contains("1 borrow(s) on rank 1"), e.getMessage());
                assertEquals(1, a.borrowCount());
                assertFalse(a.isClosed());
                assertEquals(1.0, a.local().getDouble(0), "nothing was freed");
                borrow.close();
                borrow.close();
                assertFalse(borrow.isOpen());
            } else {
                a.close(); // local: needs no other rank
                assertTrue(a.isClosed());
            }
            a.close();
            a.close();
            assertTrue(a.isClosed());
            assertThrows(IllegalStateException.class, a::local);
            assertThrows(IllegalStateException.class, () -> a.fill(1.0));
            assertThrows(IllegalStateException.class, a::export);
        });
    }

    @Test
    void unclosedMemoryIsFreedByTheLeakNetAndCounted() throws Exception {
        long before = NativeMemory.leakCount();
        for (int i = 0; i < 20; i++) {
            NativeMemory.allocate(1 << 16, false); // never closed
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (NativeMemory.leakCount() < before + 20 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(NativeMemory.leakCount() >= before + 20, "leaks counted: " + (NativeMemory.leakCount() - before));
        NativeMemory closed = NativeMemory.allocate(64, true);
        closed.close();
        closed.close();
        assertTrue(closed.isClosed());
    }

    @Test
    void viewsKeepTheMemoryAliveAfterTheArrayIsGone() throws Exception {
        NativeMemory m = NativeMemory.allocate(1024, true);
        java.nio.DoubleBuffer view = m.chunks()[0].asDoubleBuffer();
        long leaks = NativeMemory.leakCount();
        m = null;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(10);
        }
        view.put(3, 1.5);
        assertEquals(1.5, view.get(3));
        assertEquals(leaks, NativeMemory.leakCount(), "not freed while a derived view is reachable");
    }

    @Test
    void multiChunkBlocksBehaveLikeSingleBuffers() {
        LocalCluster.run(3, TIMEOUT, comm -> {
            Distribution d = Distribution.builder(comm).shape(11, 13).cyclic(1, 2).build();
            long[] shape = d.shape();
            double[] ref = Cases.reference(shape, DType.FLOAT64);
            try (DistArray a = DistArrays.allocate(d, DType.FLOAT64, true, 6)) {
                assertTrue(a.local().chunkCount() > 1 || a.local().byteSize() <= 64);
                LocalBlock b = a.local();
                LocalBox.all(b.shape()).forEachCell(d.dimData(), shape, (g, f, off) -> b.setDouble(off, ref[(int) f]));
                double[] got = a.toDoubleArray(0);
                if (comm.rank() == 0) {
                    assertArrayEquals(ref, got);
                }
                assertEquals(ref[7 * 13 + 12], a.getDouble(7, -1));
                try (DistArray c = a.astype(DType.INT32); DistArray e = a.copy()) {
                    assertEquals(a.local().chunkCount(), c.local().chunkCount() > 1 ? a.local().chunkCount() : 1);
                    double[] gi = c.toDoubleArray(1);
                    double[] ge = e.toDoubleArray(1);
                    if (comm.rank() == 1) {
                        assertArrayEquals(ref, gi);
                        assertArrayEquals(ref, ge);
                    }
                }
                a.fill(3.0);
                assertEquals(3.0, a.getDouble(10, 12));
                assertThrows(UnsupportedOperationException.class,
                        () -> { if (a.local().chunkCount() > 1) { a.export(); } else { throw new UnsupportedOperationException(); } });
            }
        });
    }

    @Test
    void gatherSizeGuardFailsOnEveryRank() {
        List<String> out = DistributionTestAccess.outcomes(2, comm -> {
            try (DistArray a = DistArrays.zeros(block(comm, 100, 100), DType.FLOAT64)) {
                return a.toDoubleArray(0, 1000);
            }
        });
        for (String s : out) {
            assertTrue(s.startsWith("DistArrayException") && s.contains("exceeds the limit of 1000 bytes"), out.toString());
        }
    }

    @Test
    void invalidProtocolExportsFailOnEveryRankWithTheViolations() {
        List<String> out = DistributionTestAccess.outcomes(2, comm -> {
            int r = comm.rank();
            // rank 1's block claims start 5 but holds 3 cells of an axis of size 6: stop - start != extent
            Block bad = r == 0 ? new Block(6, 2, 0, 0, 3) : new Block(6, 2, 1, 3, 6);
            ArrayDescriptor d = new ArrayDescriptor(r == 1 ? "9.0.0" : ArrayDescriptor.PROTOCOL_VERSION,
                    new BufferSpec(DType.FLOAT64, new long[] {3}), List.of(bad));
            ByteBuffer buf = ByteBuffer.allocateDirect(24).order(ByteOrder.nativeOrder());
            return DistArray.fromProtocol(comm, new ProtocolExport(d, buf));
        });
        assertTrue(out.get(1).startsWith("ProtocolException") && out.get(1).contains("__version__"), out.toString());
        assertTrue(out.get(0).startsWith("ProtocolException: rank 1 failed"), out.toString());
        LocalCluster.run(2, TIMEOUT, comm -> {
            ProtocolException e = assertThrows(ProtocolException.class, () -> {
                ArrayDescriptor d = new ArrayDescriptor("x", new BufferSpec(DType.FLOAT64, new long[] {1}),
                        List.of(new Block(2, 2, comm.rank(), comm.rank(), comm.rank() + 1)));
                DistArray.fromProtocol(comm, new ProtocolExport(d, ByteBuffer.allocateDirect(8)));
            });
            if (!e.getMessage().startsWith("rank")) {
                assertFalse(e.violations().isEmpty());
            }
        });
    }

    @Test
    void foreignMemoryIsWrappedWithoutCopyAndNotFreed() {
        LocalCluster.run(2, TIMEOUT, comm -> {
            int r = comm.rank();
            ByteBuffer mine = ByteBuffer.allocateDirect(3 * 8).order(ByteOrder.nativeOrder());
            for (int i = 0; i < 3; i++) {
                mine.putDouble(8 * i, 10 * r + i);
            }
            ArrayDescriptor d = new ArrayDescriptor(new BufferSpec(DType.FLOAT64, new long[] {3}),
                    List.of(new Block(6, 2, r, 3L * r, 3L * r + 3)));
            try (DistArray a = DistArray.fromProtocol(comm, new ProtocolExport(d, mine))) {
                assertEquals(NativeMemory.addressOf(mine), a.local().address());
                assertEquals(12.0, a.getDouble(5));
                a.setDouble(-1.0, 4);
            }
            assertEquals(r == 1 ? -1.0 : 1.0, mine.getDouble(8), "written through, and still usable after close");
        });
    }

    @Test
    void arangeAndLinspace() {
        LocalCluster.run(3, TIMEOUT, comm -> {
            try (DistArray a = DistArrays.arange(comm, 10);
                 DistArray b = DistArrays.arange(comm, 1.0, 2.0, 0.25, DType.FLOAT64);
                 DistArray c = DistArrays.linspace(comm, 0.0, 1.0, 5);
                 DistArray e = DistArrays.linspace(Distribution.builder(comm).shape(4).cyclic(0).build(), 0, 1, false)) {
                assertEquals(DType.INT64, a.dtype());
                long[] av = a.toLongArray(0);
                double[] bv = b.toDoubleArray(0);
                double[] cv = c.toDoubleArray(0);
                double[] ev = e.toDoubleArray(0);
                if (comm.rank() == 0) {
                    assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, av);
                    assertArrayEquals(new double[] {1.0, 1.25, 1.5, 1.75}, bv);
                    assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1.0}, cv);
                    assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75}, ev);
                }
            }
            assertThrows(IllegalArgumentException.class, () -> DistArrays.arange(comm, 0, 1, 0, DType.FLOAT64));
        });
    }
}
