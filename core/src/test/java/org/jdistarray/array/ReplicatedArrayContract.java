package org.jdistarray.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.jdistarray.comm.Communicator;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.ProtocolExport;
import org.junit.jupiter.api.Test;

/**
 * Oracle tests of 0-d arrays, replicated arrays (every axis undistributed: every rank holds the whole array) and
 * arrays on one rank, against the serial reference of {@link Cases}. Subclasses run them on threads or under mpirun.
 */
public abstract class ReplicatedArrayContract {
    /** One distribution to test; {@code holder} is the rank holding everything, or -1 for every rank. */
    record Kind(String name, Function<Communicator, Distribution> make, Function<Communicator, Integer> holder) {
    }

    static List<Kind> kinds() {
        return List.of(
                new Kind("0-d replicated", c -> Distribution.builder(c).shape().build(), c -> -1),
                new Kind("0-d on the last rank", c -> Distribution.builder(c).shape().onRank(c.size() - 1).build(),
                        c -> c.size() - 1),
                new Kind("1-d undistributed", c -> Distribution.builder(c).shape(5).undistributed(0).build(), c -> -1),
                new Kind("2-d undistributed", c -> Distribution.builder(c).shape(3, 4).undistributed(0)
                        .undistributed(1).build(), c -> -1),
                new Kind("2-d undistributed, empty axis", c -> Distribution.builder(c).shape(0, 3).undistributed(0)
                        .undistributed(1).build(), c -> -1),
                new Kind("1-d on rank 0", c -> Distribution.builder(c).shape(6).onRank(0).build(), c -> 0),
                new Kind("2-d on the middle rank", c -> Distribution.builder(c).shape(3, 4).onRank(c.size() / 2).build(),
                        c -> c.size() / 2),
                new Kind("3-d on the last rank", c -> Distribution.builder(c).shape(2, 3, 2).onRank(c.size() - 1)
                        .build(), c -> c.size() - 1));
    }

    /** SPMD code for one rank. */
    @FunctionalInterface
    interface KindBody {
        void run(Communicator comm, Distribution d, int holder) throws Exception;
    }

    protected abstract void onRanks(DistArrayContract.Spmd task) throws Exception;

    private void eachKind(KindBody body) throws Exception {
        onRanks(comm -> {
            for (Kind k : kinds()) {
                Distribution d = k.make().apply(comm);
                try {
                    body.run(comm, d, k.holder().apply(comm));
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError(k.name() + " on " + comm.size() + " ranks, rank " + comm.rank() + ": " + e, e);
                }
            }
        });
    }

    private static long[][] allIndices(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        long[][] out = new long[(int) n][];
        for (int f = 0; f < n; f++) {
            long[] g = new long[shape.length];
            long rest = f;
            for (int i = shape.length - 1; i >= 0; i--) {
                g[i] = rest % shape[i];
                rest /= shape[i];
            }
            out[f] = g;
        }
        return out;
    }

    @Test
    void metadataFollowsNumPy() throws Exception {
        eachKind((comm, d, holder) -> {
            long size = 1;
            for (long s : d.shape()) {
                size *= s;
            }
            assertEquals(size, d.globalSize());
            boolean holds = holder < 0 || comm.rank() == holder;
            if (holder < 0) {
                assertEquals(comm.size() > 1, d.isReplicated());
                assertArrayEquals(d.shape(), d.localShape());
                assertEquals(size, d.localElementCount());
                assertEquals(size, d.ownedElementCount());
            } else {
                assertFalse(d.isReplicated());
                assertEquals(holds ? size : 0, d.localElementCount());
                for (long[] g : allIndices(d.shape())) {
                    assertEquals(holder, d.ownerOf(g));
                    assertEquals(holds, d.holds(g));
                }
            }
            try (DistArray a = DistArrays.zeros(d, DType.FLOAT64)) {
                assertEquals(d.ndim(), a.ndim());
                assertEquals(size, a.globalSize());
            }
        });
    }

    @Test
    void createReadGatherAgainstTheOracle() throws Exception {
        eachKind((comm, d, holder) -> {
            long[] shape = d.shape();
            for (DType t : List.of(DType.FLOAT64, DType.INT32, DType.UINT8)) {
                try (DistArray a = DistArrays.fromFunction(d, t, g -> Cases.value(Cases.flat(shape, g)))) {
                    for (int root = 0; root < comm.size(); root++) {
                        DistArrayContract.assertGathered(a, t, root);
                    }
                    for (long[] g : allIndices(shape)) {
                        assertEquals(Cases.valueAs(Cases.flat(shape, g), t), a.getDouble(g), () -> Arrays.toString(g));
                    }
                    if (holder < 0 || comm.rank() == holder) {
                        DistArrayContract.assertBlockMatches(a, t);
                    } else {
                        assertEquals(0, a.local().elementCount());
                    }
                }
            }
        });
    }

    @Test
    void scatterFromEveryRoot() throws Exception {
        eachKind((comm, d, holder) -> {
            double[] ref = Cases.reference(d.shape(), DType.FLOAT64);
            for (int root = 0; root < comm.size(); root++) {
                try (DistArray a = DistArrays.fromArray(d, DType.FLOAT64, comm.rank() == root ? ref : null, root);
                     DistArray b = DistArrays.fromArray(d, DType.FLOAT64, ref)) {
                    for (int r = 0; r < comm.size(); r++) {
                        DistArrayContract.assertGathered(a, DType.FLOAT64, r);
                        DistArrayContract.assertGathered(b, DType.FLOAT64, r);
                    }
                }
            }
        });
    }

    @Test
    void writesReachEveryCopy() throws Exception {
        eachKind((comm, d, holder) -> {
            long[] shape = d.shape();
            double[] ref = Cases.reference(shape, DType.FLOAT64);
            try (DistArray a = DistArrays.fromArray(d, DType.FLOAT64, ref)) {
                long[][] idx = allIndices(shape);
                for (int f = 0; f < idx.length; f += 2) {
                    a.setDouble(1000 + f, idx[f]);
                    ref[f] = 1000 + f;
                }
                for (int root = 0; root < comm.size(); root++) {
                    double[] got = a.toDoubleArray(root);
                    if (comm.rank() == root) {
                        assertArrayEquals(ref, got);
                    } else {
                        assertNull(got);
                    }
                }
                if (holder < 0) { // every rank's own copy was written
                    LocalBlock b = a.local();
                    for (int f = 0; f < ref.length; f++) {
                        assertEquals(ref[f], b.getDouble(f));
                    }
                }
            }
        });
    }

    @Test
    void fillAstypeCopy() throws Exception {
        eachKind((comm, d, holder) -> {
            long n = d.globalSize();
            try (DistArray a = DistArrays.zeros(d, DType.FLOAT64)) {
                a.fill(2.75);
                try (DistArray i = a.astype(DType.INT32); DistArray c = a.copy()) {
                    assertEquals(DType.INT32, i.dtype());
                    double[] gi = i.toDoubleArray(0);
                    double[] gc = c.toDoubleArray(comm.size() - 1);
                    if (comm.rank() == 0) {
                        double[] twos = new double[(int) n];
                        Arrays.fill(twos, 2);
                        assertArrayEquals(twos, gi);
                    }
                    if (comm.rank() == comm.size() - 1) {
                        double[] v = new double[(int) n];
                        Arrays.fill(v, 2.75);
                        assertArrayEquals(v, gc);
                    }
                }
            }
        });
    }

    @Test
    void zeroDBehavesAsANumPyScalarArray() throws Exception {
        onRanks(comm -> {
            for (Distribution d : List.of(Distribution.builder(comm).shape().build(),
                    Distribution.builder(comm).shape().onRank(0).build())) {
                try (DistArray a = DistArrays.full(d, DType.FLOAT64, 4.5)) {
                    assertEquals(0, a.ndim());
                    assertEquals(1, a.globalSize());
                    assertArrayEquals(new long[0], a.shape());
                    assertEquals(4.5, a.getDouble());
                    a.setDouble(-1.25);
                    assertEquals(-1.25, a.getDouble());
                    assertEquals(-1, a.getLong());
                    double[] all = a.toDoubleArray(comm.size() - 1);
                    if (comm.rank() == comm.size() - 1) {
                        assertArrayEquals(new double[] {-1.25}, all);
                    }
                    assertThrows(IllegalArgumentException.class, () -> a.getDouble(0));
                }
            }
        });
    }

    @Test
    void protocolRoundTrip() throws Exception {
        eachKind((comm, d, holder) -> {
            long[] shape = d.shape();
            try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> Cases.value(Cases.flat(shape, g)))) {
                if (d.ndim() == 0 && holder >= 0) {
                    if (comm.rank() != holder) {
                        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, a::export);
                        assertTrue(e.getMessage().contains("holds no part of this 0-d array"), e.getMessage());
                    } else {
                        assertEquals(0, a.export().descriptor().ndim());
                    }
                    return;
                }
                ProtocolExport e = a.export();
                try (DistArray b = DistArray.fromProtocol(comm, e)) {
                    assertArrayEquals(shape, b.shape());
                    assertEquals(d.isReplicated(), b.distribution().isReplicated());
                    assertEquals(a.local().address(), b.local().address());
                    for (int root = 0; root < comm.size(); root++) {
                        DistArrayContract.assertGathered(b, DType.FLOAT64, root);
                    }
                    for (long[] g : allIndices(shape)) {
                        assertEquals(Cases.value(Cases.flat(shape, g)), b.getDouble(g));
                    }
                }
            }
        });
    }
}
