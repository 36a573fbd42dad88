package org.jdistarray.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

import org.jdistarray.array.internal.LocalBox;
import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.JsonCodec;
import org.jdistarray.protocol.ProtocolExport;
import org.junit.jupiter.api.Test;

/**
 * Oracle tests of every creation and access path against a serial reference array, for every case of {@link Cases}
 * (all distribution kinds, 1-D to 4-D, irregular, empty). Subclasses run the SPMD bodies on threads or under mpirun.
 */
public abstract class DistArrayContract {
    static final List<DType> DTYPES = List.of(DType.FLOAT64, DType.FLOAT32, DType.INT64, DType.INT32, DType.UINT8,
            DType.BOOL, DType.INT16, DType.UINT32);

    /** SPMD code for one rank. */
    @FunctionalInterface
    public interface Spmd {
        void run(Communicator comm) throws Exception;
    }

    /** Runs {@code task} on every rank of the communicator under test. */
    protected abstract void onRanks(Spmd task) throws Exception;

    /** Runs {@code body} for every case, on every rank. */
    private void eachCase(CaseBody body) throws Exception {
        onRanks(comm -> {
            for (Cases.Case c : Cases.all()) {
                Distribution d = c.make().apply(comm);
                try {
                    body.run(comm, d, c.name());
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError(c.name() + " on " + comm.size() + " ranks, rank " + comm.rank() + ": " + e, e);
                }
            }
        });
    }

    @FunctionalInterface
    interface CaseBody {
        void run(Communicator comm, Distribution d, String name) throws Exception;
    }

    /** Every cell of the local block (padding included) holds the reference value of its global index. */
    static void assertBlockMatches(DistArray a, DType dtype) {
        LocalBlock b = a.local();
        long[] shape = a.shape();
        LocalBox.all(b.shape()).forEachCell(a.distribution().dimData(), shape, (g, flat, off) ->
                assertEquals(Cases.valueAs(flat, dtype), b.getDouble(off), () -> "cell " + Arrays.toString(g)));
    }

    static void assertGathered(DistArray a, DType dtype, int root) {
        double[] got = a.toDoubleArray(root);
        if (a.distribution().rank() == root) {
            assertArrayEquals(Cases.reference(a.shape(), dtype), got);
        } else {
            assertNull(got);
        }
    }

    @Test
    void fromFunctionMatchesTheOracleForEveryDtype() throws Exception {
        eachCase((comm, d, name) -> {
            for (DType t : DTYPES) {
                long[] shape = d.shape();
                try (DistArray a = DistArrays.fromFunction(d, t, g -> Cases.value(Cases.flat(shape, g)))) {
                    assertEquals(t, a.dtype());
                    assertBlockMatches(a, t);
                    assertGathered(a, t, comm.size() - 1);
                }
            }
        });
    }

    @Test
    void fromArrayOnRootOnEveryRankAndFromBufferMatchTheOracle() throws Exception {
        eachCase((comm, d, name) -> {
            double[] ref = Cases.reference(d.shape(), DType.FLOAT64);
            long[] refLong = Arrays.stream(ref).mapToLong(v -> (long) v).toArray();
            int root = comm.size() / 2;
            try (DistArray a = DistArrays.fromArray(d, DType.FLOAT64, comm.rank() == root ? ref : null, root);
                 DistArray b = DistArrays.fromArray(d, DType.INT32, ref);
                 DistArray c = DistArrays.fromArray(d, DType.INT64, comm.rank() == 0 ? refLong : null, 0);
                 DistArray e = DistArrays.fromArray(d, DType.UINT8, refLong)) {
                assertBlockMatches(a, DType.FLOAT64);
                assertBlockMatches(b, DType.INT32);
                assertBlockMatches(c, DType.INT64);
                assertBlockMatches(e, DType.UINT8);
                assertGathered(a, DType.FLOAT64, 0);
                ByteBuffer flat = a.toBuffer(root, Long.MAX_VALUE);
                try (DistArray f = DistArrays.fromBuffer(d, DType.FLOAT64, flat, root)) {
                    assertBlockMatches(f, DType.FLOAT64);
                }
                long[] longs = c.toLongArray(0);
                if (comm.rank() == 0) {
                    assertArrayEquals(refLong, longs);
                }
            }
        });
    }

    @Test
    void constantCreationAndLikeVariants() throws Exception {
        eachCase((comm, d, name) -> {
            try (DistArray z = DistArrays.zeros(d, DType.FLOAT64);
                 DistArray o = DistArrays.ones(d, DType.INT32);
                 DistArray f = DistArrays.full(d, DType.FLOAT32, 2.5);
                 DistArray fl = DistArrays.full(d, DType.INT64, Long.MAX_VALUE - 1);
                 DistArray zl = DistArrays.zerosLike(o);
                 DistArray ol = DistArrays.onesLike(z);
                 DistArray fll = DistArrays.fullLike(f, -1.5);
                 DistArray el = DistArrays.emptyLike(f)) {
                long n = d.localElementCount();
                for (long i = 0; i < n; i++) {
                    assertEquals(0.0, z.local().getDouble(i));
                    assertEquals(1.0, o.local().getDouble(i));
                    assertEquals(2.5, f.local().getDouble(i));
                    assertEquals(Long.MAX_VALUE - 1, fl.local().getLong(i));
                    assertEquals(0, zl.local().getLong(i));
                    assertEquals(1.0, ol.local().getDouble(i));
                    assertEquals(-1.5, fll.local().getDouble(i));
                }
                assertEquals(DType.INT32, zl.dtype());
                assertEquals(DType.FLOAT32, el.dtype());
                assertTrue(zl.isCompatible(o) && el.distribution().equals(d));
            }
        });
    }

    @Test
    void getAndSetByGlobalIndexWithNegativeIndices() throws Exception {
        eachCase((comm, d, name) -> {
            long[] shape = d.shape();
            if (d.globalSize() == 0) {
                try (DistArray a = DistArrays.zeros(d, DType.FLOAT64)) {
                    long[] idx = new long[shape.length];
                    assertThrows(IndexOutOfBoundsException.class, () -> a.getDouble(idx));
                }
                return;
            }
            try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> Cases.value(Cases.flat(shape, g)))) {
                double[] ref = Cases.reference(shape, DType.FLOAT64);
                for (long f = 0; f < d.globalSize(); f += 1 + d.globalSize() / 13) {
                    long[] g = unflat(shape, f);
                    assertEquals(ref[(int) f], a.getDouble(g));
                    assertEquals((long) ref[(int) f], a.getLong(g));
                    long[] neg = g.clone();
                    for (int i = 0; i < neg.length; i++) {
                        neg[i] -= shape[i];
                    }
                    assertEquals(ref[(int) f], a.getDouble(neg));
                    a.setDouble(1000 + f, neg);
                    ref[(int) f] = 1000 + f;
                    a.setLong(-(1000 + f), g);
                    ref[(int) f] = -(1000 + f);
                }
                double[] got = a.toDoubleArray(0);
                if (comm.rank() == 0) {
                    assertArrayEquals(ref, got);
                }
                // ghost copies follow the owner: every held cell equals the reference
                LocalBlock b = a.local();
                LocalBox.all(b.shape()).forEachCell(d.dimData(), shape, (g, fl, off) ->
                        assertEquals(ref[(int) fl], b.getDouble(off), () -> "cell " + Arrays.toString(g)));
                long[] bad = shape.clone();
                IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> a.getDouble(bad));
                assertTrue(e.getMessage().contains(Arrays.toString(bad)) && e.getMessage().contains(Arrays.toString(shape)),
                        e.getMessage());
                long[] tooNegative = new long[shape.length];
                tooNegative[0] = -shape[0] - 1;
                assertThrows(IndexOutOfBoundsException.class, () -> a.setDouble(1, tooNegative));
                assertThrows(IllegalArgumentException.class, () -> a.getDouble(new long[shape.length + 1]));
            }
        });
    }

    static long[] unflat(long[] shape, long f) {
        long[] g = new long[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            g[i] = f % shape[i];
            f /= shape[i];
        }
        return g;
    }

    @Test
    void ownedIterationCoversEveryElementOnceWithItsValue() throws Exception {
        eachCase((comm, d, name) -> {
            long[] shape = d.shape();
            try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> Cases.value(Cases.flat(shape, g)))) {
                long[] seen = new long[(int) d.globalSize()];
                long[] count = {0};
                a.forEachOwned((g, off) -> {
                    long f = Cases.flat(shape, g);
                    seen[(int) f]++;
                    count[0]++;
                    assertEquals(Cases.value(f), a.local().getDouble(off));
                    assertTrue(a.local().owns(g));
                });
                assertEquals(d.ownedElementCount(), count[0]);
                // two-buffer all-reduce: ThreadCommunicator's in-place all-reduce keeps a stale scratch limit
                // after Collectives' one-element calls (reported to the communicator branch)
                java.nio.LongBuffer send = org.jdistarray.comm.DirectBuffers.of(seen);
                java.nio.LongBuffer total = org.jdistarray.comm.DirectBuffers.longs(seen.length);
                comm.allReduce(send, total, org.jdistarray.comm.ReduceOp.SUM);
                for (int i = 0; i < seen.length; i++) {
                    assertEquals(1, total.get(i), "global flat index " + i);
                }
            }
        });
    }

    @Test
    void astypeFollowsNumpyUnsafeCastingAndCopyIsIndependent() throws Exception {
        eachCase((comm, d, name) -> {
            long[] shape = d.shape();
            try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> Cases.value(Cases.flat(shape, g)) + 0.75)) {
                for (DType t : DTYPES) {
                    try (DistArray b = a.astype(t)) {
                        LocalBlock lb = b.local();
                        LocalBox.all(lb.shape()).forEachCell(d.dimData(), shape, (g, f, off) -> {
                            double v = Cases.value(f) + 0.75;
                            double expect = t == DType.FLOAT64 || t == DType.FLOAT32 ? v
                                    : t == DType.BOOL ? 1 : Cases.cast((double) (long) v, t);
                            assertEquals(expect, lb.getDouble(off), () -> t + " " + Arrays.toString(g));
                        });
                    }
                }
                try (DistArray c = a.copy()) {
                    c.fill(7.0);
                    assertBlockMatchesShifted(a, 0.75);
                    if (c.local().elementCount() > 0) {
                        assertNotEquals(a.local().address(), c.local().address());
                    }
                }
            }
        });
    }

    private static void assertBlockMatchesShifted(DistArray a, double shift) {
        LocalBlock b = a.local();
        LocalBox.all(b.shape()).forEachCell(a.distribution().dimData(), a.shape(), (g, flat, off) ->
                assertEquals(Cases.value(flat) + shift, b.getDouble(off)));
    }

    @Test
    void exportAndImportShareMemoryAndMetadata() throws Exception {
        eachCase((comm, d, name) -> {
            long[] shape = d.shape();
            try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> Cases.value(Cases.flat(shape, g)))) {
                ProtocolExport e = a.export();
                assertEquals(d.dimData(), e.descriptor().dimData());
                assertArrayEquals(d.localShape(), e.descriptor().buffer().shape());
                try (DistArray b = DistArray.fromProtocol(comm, e)) {
                    assertTrue(b.distribution().isCompatible(d), () -> b.distribution() + " vs " + d);
                    assertArrayEquals(shape, b.shape());
                    assertEquals(a.local().address(), b.local().address());
                    assertBlockMatches(b, DType.FLOAT64);
                    if (b.local().elementCount() > 0) {
                        b.local().asDoubles().put(0, 12345.0);
                        assertEquals(12345.0, a.local().getDouble(0));
                        a.local().setDouble(0, -4.0);
                        assertEquals(-4.0, b.export().buffer().order(ByteOrder.nativeOrder()).getDouble(0));
                    }
                    // an undistributed axis comes back as a one-process block: the same protocol dictionary
                    assertEquals(JsonCodec.write(e.descriptor()), JsonCodec.write(b.export().descriptor()));
                }
                assertTrue(a.local().elementCount() == 0 || a.local().getDouble(0) == -4.0, "memory survives the importer's close");
            }
        });
    }

    @Test
    void errorsAreRaisedOnEveryRankWithoutHanging() throws Exception {
        onRanks(comm -> {
            Distribution d = Distribution.fromShape(comm, new long[] {5, 4}, List.of(
                    org.jdistarray.protocol.DistKind.BLOCK, org.jdistarray.protocol.DistKind.BLOCK));
            double[] wrong = comm.rank() == 0 ? new double[19] : null;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DistArrays.fromArray(d, DType.FLOAT64, wrong, 0));
            assertTrue(e.getMessage().contains("19 values"), e.getMessage());
            try (DistArray a = DistArrays.zeros(d, DType.FLOAT64)) {
                IndexOutOfBoundsException ie = assertThrows(IndexOutOfBoundsException.class, () -> a.getDouble(5, 0));
                assertTrue(ie.getMessage().contains("[5, 0]") && ie.getMessage().contains("[5, 4]"), ie.getMessage());
                assertEquals(0.0, a.getDouble(4, 3), "still usable afterwards");
            }
            comm.barrier();
        });
    }
}
