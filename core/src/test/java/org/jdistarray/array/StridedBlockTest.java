package org.jdistarray.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.jdistarray.array.internal.Casts;
import org.jdistarray.array.internal.StridedLayout;
import org.jdistarray.comm.local.LocalCluster;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.junit.jupiter.api.Test;

/**
 * The strided form of {@link LocalBlock} (issue 10 point 3): views with an offset and per-axis strides (negative,
 * zero, transposed) over a real array's block, made with the package-level factory, checked element by element
 * against the serial reference of every test distribution, for all dtypes on 1, 2, 3, 4 and 7 thread ranks.
 */
class StridedBlockTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** A view: its layout over a natural block of shape {@code s}, and the natural index of each view index. */
    private record View(String name, long[] shape, long offset, long[] strides, UnaryOperator<long[]> natural) {
    }

    private static List<View> views(long[] s) {
        int n = s.length;
        long[] c = StridedLayout.cStrides(s);
        boolean empty = java.util.Arrays.stream(s).anyMatch(e -> e == 0);
        List<View> v = new ArrayList<>();
        v.add(new View("natural", s, 0, c, i -> i));
        long off = 0;
        long[] neg = new long[n];
        for (int a = 0; a < n; a++) {
            off += empty ? 0 : (s[a] - 1) * c[a];
            neg[a] = -c[a];
        }
        v.add(new View("reversed", s, off, neg, i -> {
            long[] r = i.clone();
            for (int a = 0; a < n; a++) {
                r[a] = s[a] - 1 - i[a];
            }
            return r;
        }));
        long[] ts = new long[n];
        long[] tc = new long[n];
        for (int a = 0; a < n; a++) {
            ts[a] = s[n - 1 - a];
            tc[a] = c[n - 1 - a];
        }
        v.add(new View("transposed", ts, 0, tc, i -> {
            long[] r = new long[n];
            for (int a = 0; a < n; a++) {
                r[a] = i[n - 1 - a];
            }
            return r;
        }));
        if (n > 0 && s[n - 1] >= 2) {
            long[] hs = s.clone();
            hs[n - 1] = s[n - 1] / 2;
            long[] hc = c.clone();
            hc[n - 1] = -2 * c[n - 1];
            v.add(new View("everyOtherBackwards", hs, (s[n - 1] - 1) * c[n - 1], hc, i -> {
                long[] r = i.clone();
                r[n - 1] = s[n - 1] - 1 - 2 * i[n - 1];
                return r;
            }));
        }
        long[] bs = new long[n + 1];
        long[] bc = new long[n + 1];
        bs[0] = 3;
        System.arraycopy(s, 0, bs, 1, n);
        System.arraycopy(c, 0, bc, 1, n);
        v.add(new View("broadcast", bs, 0, bc, i -> java.util.Arrays.copyOfRange(i, 1, i.length)));
        if (!empty) {
            long[] last = new long[n];
            for (int a = 0; a < n; a++) {
                last[a] = s[a] - 1;
            }
            long lastOff = 0;
            for (int a = 0; a < n; a++) {
                lastOff += last[a] * c[a];
            }
            v.add(new View("zeroD", new long[0], lastOff, new long[0], i -> last));
        }
        return v;
    }

    private static List<long[]> indices(long[] shape) {
        List<long[]> out = new ArrayList<>();
        long total = 1;
        for (long e : shape) {
            total *= e;
        }
        for (long f = 0; f < total; f++) {
            long[] idx = new long[shape.length];
            long rest = f;
            for (int a = shape.length - 1; a >= 0; a--) {
                idx[a] = rest % shape[a];
                rest /= shape[a];
            }
            out.add(idx);
        }
        return out;
    }

    @Test
    void stridedViewsMatchTheSerialReferenceOnThreadRanks() {
        for (int p : new int[] {1, 2, 3, 4, 7}) {
            LocalCluster.run(p, TIMEOUT, comm -> {
                for (Cases.Case cs : Cases.all()) {
                    Distribution d = cs.make().apply(comm);
                    for (DType t : DType.values()) {
                        check(d, t, cs.name() + " " + t + " rank " + comm.rank() + "/" + comm.size());
                    }
                }
            });
        }
    }

    private static void check(Distribution d, DType t, String where) {
        long[] gshape = d.shape();
        try (DistArray a = DistArrays.fromFunction(d, t, g -> Cases.value(Cases.flat(gshape, g)))) {
            LocalBlock nat = a.local();
            long[] s = nat.shape();
            int item = t.itemSize();
            for (View v : views(s)) {
                String w = where + " view " + v.name();
                LocalBlock b = LocalBlock.strided(a, v.offset(), v.shape(), v.strides());
                assertArrayEquals(v.shape(), b.shape(), w);
                assertEquals(v.offset(), b.offset(), w);
                long[] bytes = b.byteStrides();
                for (int i = 0; i < bytes.length; i++) {
                    assertEquals(v.strides()[i] * item, bytes[i], w);
                }
                List<long[]> all = indices(v.shape());
                ByteBuffer dense = ByteBuffer.allocateDirect(8 + all.size() * item).order(ByteOrder.nativeOrder());
                dense.position(8);
                b.copyTo(dense);
                assertEquals(8, dense.position(), "copyTo does not move the position");
                for (int k = 0; k < all.size(); k++) {
                    long[] ni = v.natural().apply(all.get(k));
                    double want = as(Cases.value(Cases.flat(gshape, nat.globalFromLocal(ni))), t);
                    assertEquals(want, b.getDoubleAt(all.get(k)), w + " at " + java.util.Arrays.toString(all.get(k)));
                    assertEquals(nat.offsetOf(ni), b.offsetOf(all.get(k)), w);
                    assertEquals(want, Casts.getDouble(dense, 8 + k * item, t), w + " copyTo element " + k);
                }
                if (b.isContiguous()) {
                    ByteBuffer bb = b.asBytes();
                    assertEquals(all.size() * item, bb.capacity(), w);
                    for (int k = 0; k < all.size(); k++) {
                        assertEquals(Casts.getDouble(dense, 8 + k * item, t), Casts.getDouble(bb, k * item, t), w);
                    }
                } else {
                    IllegalStateException e = assertThrows(IllegalStateException.class, b::asBytes, w);
                    assertTrue(e.getMessage().contains("strided") && e.getMessage().contains("copy()"), e.getMessage());
                    assertThrows(IllegalStateException.class, b::exportBuffer, w);
                }
                if (v.name().equals("reversed") && all.size() > 1) {
                    assertFalse(b.isContiguous(), w);
                }
                // write through the view: new values in C order of the view, last write wins on a broadcast axis
                Map<Long, Double> expected = new HashMap<>();
                for (int k = 0; k < all.size(); k++) {
                    double nv = k % 7 - 3;
                    Casts.putDouble(dense, 8 + k * item, t, nv);
                    expected.put(nat.offsetOf(v.natural().apply(all.get(k))), as(nv, t));
                }
                b.copyFrom(dense);
                for (Map.Entry<Long, Double> e : expected.entrySet()) {
                    assertEquals(e.getValue(), nat.getDouble(e.getKey()), w + " copyFrom at offset " + e.getKey());
                }
                if (!all.isEmpty()) {
                    long[] first = all.get(0);
                    b.setDoubleAt(1.0, first);
                    assertEquals(1.0, nat.getDouble(nat.offsetOf(v.natural().apply(first))), w + " setDoubleAt");
                    b.setLongAt(0L, first);
                    assertEquals(0L, b.getLongAt(first), w);
                }
                // restore the reference values for the next view (local: the number of views differs per rank, so
                // no logically collective call such as fill() belongs here — checking mode would say so)
                a.local().copyFrom(refill(a, gshape, t));
            }
            assertThrows(IllegalArgumentException.class,
                    () -> LocalBlock.strided(a, -1, new long[] {2}, new long[] {1}), "outside the memory");
        }
    }

    /** {@code v} as dtype {@code t} holds it, read back as a double (the per-element reference, {@link Casts}). */
    private static double as(double v, DType t) {
        ByteBuffer one = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        Casts.putDouble(one, 0, t, v);
        return Casts.getDouble(one, 0, t);
    }

    /** The reference values of the natural block, C order, as bytes of dtype {@code t}. */
    private static ByteBuffer refill(DistArray a, long[] gshape, DType t) {
        LocalBlock nat = a.local();
        List<long[]> all = indices(nat.shape());
        ByteBuffer b = ByteBuffer.allocate(all.size() * t.itemSize() + 1).order(ByteOrder.nativeOrder());
        for (int k = 0; k < all.size(); k++) {
            Casts.putDouble(b, k * t.itemSize(), t, Cases.value(Cases.flat(gshape, nat.globalFromLocal(all.get(k)))));
        }
        return b;
    }

    @Test
    void exportOfAContiguousArrayIsUnchangedAndStridedViewsRefuseClearly() {
        LocalCluster.run(2, TIMEOUT, comm -> {
            Distribution d = Distribution.builder(comm).shape(6, 4).build();
            try (DistArray a = DistArrays.fromFunction(d, DType.FLOAT64, g -> g[0] * 10 + g[1])) {
                assertTrue(a.local().isContiguous());
                assertEquals(0, a.local().offset());
                assertEquals(a.local().asBytes(), a.export().buffer());
                LocalBlock rev = LocalBlock.strided(a, 11, new long[] {3, 4}, new long[] {-4, -1});
                IllegalStateException e = assertThrows(IllegalStateException.class, rev::exportBuffer);
                assertTrue(e.getMessage().startsWith("export needs a C-order local block"), e.getMessage());
                assertThrows(IllegalStateException.class, rev::asDoubles);
                LocalBlock row = LocalBlock.strided(a, 4, new long[] {2, 4}, new long[] {4, 1});
                assertTrue(row.isContiguous());
                assertEquals(a.local().getDouble(4), row.asDoubles().get(0), "a contiguous view starts at its offset");
                assertEquals(8, row.asDoubles().capacity());
                assertEquals(a.local().address() + 32, row.address());
                assertThrows(IllegalStateException.class, () -> row.globalFromLocal(0, 0), "shape differs");
            }
        });
    }
}
