package org.jdistarray.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.DoubleBuffer;

import org.jdistarray.comm.CartCommunicator;
import org.jdistarray.comm.CollectiveMismatchException;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.comm.Request;
import org.jdistarray.comm.Status;
import org.jdistarray.comm.CommContext;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Test;

/**
 * Library traffic never meets user traffic, and ranks that do not make the same collective call get an exception on
 * every rank instead of a hang or another array's data (issue "Hardening", cases 1 and 4). Subclasses run the SPMD
 * bodies on thread ranks and under mpirun.
 */
public abstract class CollectiveSafetyContract {
    /** Runs {@code task} on every rank of the communicator under test. */
    protected abstract void onRanks(DistArrayContract.Spmd task) throws Exception;

    private static Distribution halo(Communicator comm) {
        return Distribution.builder(comm).shape(5 * comm.size() + 3, 6).padding(0, 1, 1).periodic(0)
                .padding(1, 1, 0).build();
    }

    private static Distribution plain(Communicator comm) {
        return Distribution.builder(comm).shape(3 * comm.size() + 1, 2).build();
    }

    @Test
    void aUserAnyTagReceivePostedDuringAGhostExchangeGetsOnlyTheUserMessage() throws Exception {
        onRanks(comm -> {
            int n = comm.size();
            int me = comm.rank();
            try (DistArray u = DistArrays.fromFunction(halo(comm), DType.FLOAT64, g -> 100 * g[0] + g[1])) {
                DoubleBuffer in = DirectBuffers.doubles(1);
                Request r = comm.iRecv(in, Communicator.ANY_SOURCE, Communicator.ANY_TAG);
                u.local().asDoubles().put(0, -1.0); // wipe a ghost: the exchange must restore it
                u.exchangeGhosts();
                u.exchangeGhosts();
                // the library's own ghost tag, on purpose: still no confusion
                comm.send(DirectBuffers.of(1000.0 + me), (me + 1) % n, Redistributor.TAG);
                Status s = r.await();
                assertEquals(1000.0 + (me - 1 + n) % n, in.get(0), "the user's receive got the user's message");
                assertEquals(Redistributor.TAG, s.tag());
                assertEquals((me - 1 + n) % n, s.source());
                double[] all = u.toDoubleArray(0);
                try (DistArray ref = DistArrays.fromFunction(halo(comm), DType.FLOAT64, g -> 100 * g[0] + g[1])) {
                    ref.exchangeGhosts(); // periodic images hold the wrapped values
                    double[] expected = ref.toDoubleArray(0);
                    if (me == 0) {
                        assertArrayEquals(expected, all, "the ghost exchanges moved the array's own data");
                    }
                }
                assertTrue(u.local().getDouble(0) != -1.0, "ghost restored");
            }
        });
    }

    @Test
    void theLibraryTalksOnOnePrivateDuplicateCachedOnTheCommunicator() throws Exception {
        onRanks(comm -> {
            Distribution a = plain(comm);
            Distribution b = halo(comm);
            CommContext ctx = a.context();
            assertSame(ctx, b.context(), "one context per communicator");
            Communicator priv = ctx.comm();
            assertNotSame(comm, priv);
            assertSame(priv, ctx.comm(), "duplicated once");
            assertEquals(comm.size(), priv.size());
            assertEquals(comm.rank(), priv.rank());
            int[] dims = a.gridShape();
            CartCommunicator rows = ctx.axes(dims, true, false);
            assertSame(rows, ctx.axes(dims, true, false), "sub-communicators are cached");
            assertEquals(dims[0], rows.size());
            assertEquals(dims[1], ctx.axes(dims, false, true).size());
        });
    }

    @Test
    void closingTheUserCommunicatorFreesThePrivateOnes() throws Exception {
        onRanks(comm -> {
            Communicator mine = comm.dup();
            CommContext ctx;
            try (DistArray x = DistArrays.ones(plain(mine), DType.INT32)) {
                ctx = x.distribution().context();
                long[] all = x.toLongArray(0);
                if (comm.rank() == 0) {
                    assertEquals(x.globalSize(), java.util.Arrays.stream(all).sum());
                }
            }
            Communicator priv = ctx.comm();
            mine.close();
            assertThrows(IllegalStateException.class, ctx::comm);
            assertThrows(IllegalStateException.class, priv::barrier, "the private duplicate was freed");
        });
    }

    @Test
    void aRankThatSkipsAGatherMakesEveryRankThrowInsteadOfReturningAnotherArraysData() throws Exception {
        onRanks(comm -> {
            if (comm.size() < 2) {
                return;
            }
            Distribution d = plain(comm);
            try (DistArray a = DistArrays.full(d, DType.FLOAT64, 1.0);
                    DistArray b = DistArrays.full(d, DType.FLOAT64, 2.0)) {
                CollectiveMismatchException e = assertThrows(CollectiveMismatchException.class, () -> {
                    if (comm.rank() != 0) {
                        a.toDoubleArray(0);
                    }
                    b.toDoubleArray(0);
                });
                assertTrue(e.getMessage().contains("rank 0: toDoubleArray(0, ") && e.getMessage().contains("on array #"),
                        e.getMessage());
                // afterwards the communicator is still usable: a correct call works
                double[] z = b.toDoubleArray(0);
                if (comm.rank() == 0) {
                    for (double v : z) {
                        assertEquals(2.0, v, 0.0);
                    }
                }
            }
        });
    }

    @Test
    void aRankThatSkipsAGhostExchangeMakesEveryRankThrow() throws Exception {
        onRanks(comm -> {
            if (comm.size() < 2) {
                return;
            }
            Distribution d = halo(comm);
            try (DistArray a = DistArrays.zeros(d, DType.FLOAT64); DistArray b = DistArrays.ones(d, DType.FLOAT64)) {
                assertThrows(CollectiveMismatchException.class, () -> {
                    if (comm.rank() == comm.size() - 1) {
                        a.exchangeGhosts();
                    }
                    b.exchangeGhosts();
                });
                assertThrows(CollectiveMismatchException.class, () -> {
                    if (comm.rank() == 0) {
                        a.exchangeGhosts();
                    } else {
                        a.toDoubleArray(0);
                    }
                });
            }
        });
    }

    @Test
    void differentRootsOrIndicesPerRankThrowOnEveryRank() throws Exception {
        onRanks(comm -> {
            if (comm.size() < 2) {
                return;
            }
            int me = comm.rank();
            try (DistArray a = DistArrays.arange(comm, 10)) {
                CollectiveMismatchException e = assertThrows(CollectiveMismatchException.class,
                        () -> a.toDoubleArray(me % 2));
                assertTrue(e.getMessage().contains("rank 1: toDoubleArray(1, "), e.getMessage());
                assertThrows(CollectiveMismatchException.class, () -> a.toLongArray(me == 0 ? 0 : 1));
                assertThrows(CollectiveMismatchException.class, () -> a.getDouble(me));
                assertThrows(CollectiveMismatchException.class, () -> a.getLong(-1 - me));
                assertThrows(CollectiveMismatchException.class,
                        () -> DistArrays.fromArray(a.distribution(), DType.INT64, new long[10], me % 2));
                // a bad root named alike everywhere is an argument error on every rank
                assertThrows(IllegalArgumentException.class, () -> a.toDoubleArray(comm.size()));
                assertEquals(7L, a.getLong(7));
                long[] all = a.toLongArray(1);
                if (me == 1) {
                    assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, all);
                }
            }
        });
    }

    @Test
    void inCheckingModeLogicallyCollectiveCallsWithDifferentArgumentsThrowOnEveryRank() throws Exception {
        assertTrue(CommContext.checkingByDefault(), "the test suite runs with -Djdistarray.checks=true");
        onRanks(comm -> {
            if (comm.size() < 2) {
                return;
            }
            int me = comm.rank();
            try (DistArray a = DistArrays.zeros(halo(comm), DType.FLOAT64)) {
                assertTrue(a.distribution().context().checking());
                CollectiveMismatchException e = assertThrows(CollectiveMismatchException.class,
                        () -> a.setDouble(1.0, me, 0));
                assertTrue(e.getMessage().contains("setDouble"), e.getMessage());
                assertThrows(CollectiveMismatchException.class, () -> a.setDouble(me, 0, 0));
                assertThrows(CollectiveMismatchException.class, () -> a.setLong(me, 1, 1));
                assertThrows(CollectiveMismatchException.class, () -> a.fill((double) me));
                assertThrows(CollectiveMismatchException.class,
                        () -> a.astype(me == 0 ? DType.FLOAT32 : DType.INT32).close());
                a.setDouble(5.0, 2, 2); // the same on every rank: fine
                a.exchangeGhosts();
                assertEquals(5.0, a.getDouble(2, 2), 0.0);
            }
        });
    }

    /** Issue "Hardening" case 3 on every communicator: a view kept past close() never crashes nor reaches an array. */
    @Test
    void aViewUsedAfterCloseNeitherCrashesNorTouchesANewArray() throws Exception {
        onRanks(comm -> {
            for (long rows : new long[] {3L * comm.size(), 4096L * comm.size()}) { // malloc'd and mmap'd blocks
                Distribution d = Distribution.builder(comm).shape(rows, 8).padding(0, 1, 0).build();
                DistArray x = DistArrays.full(d, DType.FLOAT64, 7.0);
                DoubleBuffer kept = x.local().asDoubles();
                x.close();
                try (DistArray y = DistArrays.full(d, DType.FLOAT64, 3.0)) {
                    for (int i = 0; i < kept.capacity(); i++) {
                        assertEquals(0.0, kept.get(i), 0.0, "a closed array's view reads zeros");
                        kept.put(i, -1.0); // discarded
                    }
                    DoubleBuffer fresh = y.local().asDoubles();
                    for (int i = 0; i < fresh.capacity(); i++) {
                        assertEquals(3.0, fresh.get(i), 0.0, "the new array is untouched");
                    }
                    assertThrows(IllegalStateException.class, () -> x.local());
                }
            }
        });
    }

    /** The operations of the later issues go through the same check: a rank that skips one makes every rank throw. */
    @Test
    void aRankThatSkipsARedistributionReductionOrRandomFillMakesEveryRankThrow() throws Exception {
        onRanks(comm -> {
            if (comm.size() < 2) {
                return;
            }
            Distribution rows = plain(comm);
            Distribution cyclic = Distribution.builder(comm).shape(rows.shape()).cyclic(0, 1).build();
            try (DistArray a = DistArrays.ones(rows, DType.FLOAT64); DistArray b = DistArrays.ones(rows, DType.FLOAT64)) {
                boolean skips = comm.rank() == comm.size() - 1;
                assertThrows(CollectiveMismatchException.class, () -> {
                    if (!skips) {
                        a.redistribute(cyclic).close();
                    }
                    b.redistribute(cyclic).close();
                });
                assertThrows(CollectiveMismatchException.class, () -> {
                    if (!skips) {
                        org.jdistarray.ops.Reductions.sum(a).close();
                    }
                    org.jdistarray.ops.Reductions.sum(b).close();
                });
                assertThrows(CollectiveMismatchException.class,
                        () -> org.jdistarray.random.RandomArrays.rand(rows, comm.rank()).close());
                try (DistArray s = org.jdistarray.ops.Reductions.sum(a)) {
                    assertEquals(a.globalSize(), s.item(), 0.0, "the communicator is usable afterwards");
                }
            }
        });
    }

    /**
     * The same for indexing, algorithms, file IO and shared-memory export: a rank that skips one call (and so makes
     * its next one on another array) makes every rank throw, never hang, and the communicator works afterwards.
     */
    @Test
    void aRankThatSkipsAnIndexingAlgorithmFileOrExportCallMakesEveryRankThrow() throws Exception {
        onRanks(comm -> {
            if (comm.size() < 2) {
                return;
            }
            Distribution rows = Distribution.builder(comm).shape(3L * comm.size() + 1).build();
            boolean skips = comm.rank() == comm.size() - 1;
            java.nio.file.Path dir = SharedExportContract.sharedDir(comm, "skip");
            try (DistArray a = DistArrays.arange(rows, 0, 1, DType.FLOAT64);
                 DistArray b = DistArrays.arange(rows, 5, 1, DType.FLOAT64);
                 DistArray m = org.jdistarray.ops.Np.greater(a, 2.0)) {
                java.util.Map<String, java.util.function.Consumer<DistArray>> calls = new java.util.LinkedHashMap<>();
                calls.put("take", x -> org.jdistarray.ops.Indexing.take(x, new long[] {0, 1}, null).close());
                calls.put("getMask", x -> org.jdistarray.ops.Indexing.getMask(x, m).close());
                calls.put("flatnonzero", x -> org.jdistarray.ops.Indexing.flatnonzero(x).close());
                calls.put("concatenate", x -> org.jdistarray.ops.Indexing.concatenate(new DistArray[] {x, x}, 0)
                        .close());
                calls.put("sort", x -> org.jdistarray.algo.Sorting.sort(x).close());
                calls.put("argsort", x -> org.jdistarray.algo.Sorting.argsort(x).close());
                calls.put("cumsum", x -> org.jdistarray.algo.Scans.cumsum(x, 0).close());
                calls.put("unique", x -> org.jdistarray.algo.Uniques.unique(x));
                calls.put("saveNpy", x -> org.jdistarray.io.ArrayIO.saveNpy(dir.resolve(x == a ? "a.npy" : "b.npy"), x));
                calls.put("saveDnpy", x -> org.jdistarray.io.ArrayIO.saveDnpy(
                        dir.resolve(x == a ? "a" : "b").toString(), x));
                calls.put("toShared", x -> SharedArrays.toShared(x).close());
                calls.put("setMask", x -> org.jdistarray.ops.Indexing.setMask(x, m, 1.0));
                calls.put("nonzero", x -> {
                    for (DistArray r : org.jdistarray.ops.Indexing.nonzero(x)) {
                        r.close();
                    }
                });
                calls.put("argwhere", x -> org.jdistarray.ops.Indexing.argwhere(x).close());
                calls.put("compress", x -> org.jdistarray.ops.Indexing.compress(m, x, null).close());
                calls.put("stack", x -> org.jdistarray.ops.Indexing.stack(new DistArray[] {x, x}, 0).close());
                calls.put("searchsorted", x -> org.jdistarray.algo.Searching.searchsorted(x, x, false).close());
                calls.put("histogram", x -> org.jdistarray.algo.Counting.histogram(x, 4, null));
                calls.put("diff", x -> org.jdistarray.algo.Differences.diff(x).close());
                calls.put("quantile", x -> org.jdistarray.algo.Selection.quantile(x, 0.5));
                calls.put("outer", x -> org.jdistarray.algo.Products.outer(x, x).close());
                calls.put("saveHdf5", x -> org.jdistarray.io.ArrayIO.saveHdf5(dir.resolve("f.h5"),
                        x == a ? "a" : "b", x, org.jdistarray.io.Hdf5Mode.APPEND));
                for (var call : calls.entrySet()) {
                    CollectiveMismatchException e = assertThrows(CollectiveMismatchException.class, () -> {
                        if (!skips) {
                            call.getValue().accept(a);
                        }
                        call.getValue().accept(b);
                    }, call.getKey() + ": a skipped call must fail on every rank");
                    assertTrue(e.getMessage().contains("did not make the same collective call"),
                            call.getKey() + ": " + e.getMessage());
                }
                try (DistArray s = org.jdistarray.ops.Reductions.sum(a)) {
                    long n = a.globalSize();
                    assertEquals(n * (n - 1) / 2.0, s.item(), 0.0, "the communicator is usable afterwards");
                }
            } finally {
                comm.barrier();
                if (comm.rank() == 0 && java.nio.file.Files.exists(dir)) {
                    try (var walk = java.nio.file.Files.walk(dir)) {
                        walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                    }
                }
            }
        });
    }
}
