package org.jdistarray.random;

import java.nio.LongBuffer;

import org.jdistarray.array.DistArray;
import org.jdistarray.array.DistArrays;
import org.jdistarray.array.internal.Casts;
import org.jdistarray.array.internal.Storage;
import org.jdistarray.array.internal.ArrayAccess;
import org.jdistarray.comm.Communicator;
import org.jdistarray.comm.DirectBuffers;
import org.jdistarray.dist.Distribution;
import org.jdistarray.protocol.DType;
import org.jdistarray.protocol.NdMap;

/**
 * A copy of an N-d array with its rows (axis 0) permuted: {@code out[i, ...] = a[perm(i), ...]} with the keyed
 * bijection of {@link Sampler.Permutation} over {@code shape[0]}. Each rank computes {@code perm(i)} for its own output
 * elements, asks the owners of the sources for their values (one all-to-all of the counts, one all-to-all-v of the
 * flat C-order indices, one back of the values, on the library's private communicator) and stores them: the result is
 * the same for any rank count and layout. In place ({@code out == a}, for {@code shuffle}) is safe: every rank reads
 * its own block (to answer) before the last exchange and writes it only after.
 */
final class Permuted {
    private Permuted() {
    }

    static DistArray of(DistArray a, Sampler.Permutation perm) {
        return into(a, perm, null);
    }

    /** The permuted rows of {@code a} into {@code out} (same distribution and dtype; {@code a} itself for a shuffle). */
    static DistArray into(DistArray a, Sampler.Permutation perm, DistArray target) {
        Distribution dist = a.distribution();
        NdMap map = dist.localMap();
        Communicator comm = dist.context().comm();
        int p = comm.size();
        long owned = dist.ownedElementCount();
        if (owned > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("permutation: " + owned + " elements on one rank, more than 2^31 - 9");
        }
        int m = (int) owned;
        long[] outOffset = new long[m];
        long[] source = new long[m];
        int[] owner = new int[m];
        int[] k = {0};
        long[] one = new long[1];
        long[] shape = dist.shape();
        map.forEachOwned((g, off) -> {
            perm.longs(g[0], 1, one);
            long[] src = g.clone();
            src[0] = one[0];
            outOffset[k[0]] = off;
            source[k[0]] = flat(shape, src);
            owner[k[0]] = dist.ownerOf(src);
            k[0]++;
        });
        int[] sendCounts = new int[p];
        for (int r : owner) {
            sendCounts[r]++;
        }
        int[] displs = new int[p];
        for (int r = 1; r < p; r++) {
            displs[r] = displs[r - 1] + sendCounts[r - 1];
        }
        int[] order = new int[m]; // position of request j in the packed send buffer
        int[] fill = displs.clone();
        LongBuffer requests = DirectBuffers.longs(Math.max(1, m));
        for (int j = 0; j < m; j++) {
            order[j] = fill[owner[j]]++;
            requests.put(order[j], source[j]);
        }
        LongBuffer sc = DirectBuffers.longs(p);
        LongBuffer rc = DirectBuffers.longs(p);
        for (int r = 0; r < p; r++) {
            sc.put(r, sendCounts[r]);
        }
        comm.allToAll(sc, rc);
        int[] recvCounts = new int[p];
        long total = 0;
        for (int r = 0; r < p; r++) {
            recvCounts[r] = (int) rc.get(r);
            total += recvCounts[r];
        }
        LongBuffer asked = DirectBuffers.longs((int) Math.max(1, total));
        comm.allToAllV(requests.limit(m), sendCounts, asked.limit((int) total), recvCounts);
        Storage src = ArrayAccess.get().storage(a);
        DType t = a.dtype();
        boolean fp = Casts.isFloat(t);
        LongBuffer answers = DirectBuffers.longs((int) Math.max(1, total));
        for (int i = 0; i < total; i++) {
            long off = map.localOffsetOfGlobal(unflat(shape, asked.get(i)));
            answers.put(i, fp ? Double.doubleToRawLongBits(src.getDouble(off)) : src.getLong(off));
        }
        LongBuffer values = DirectBuffers.longs(Math.max(1, m));
        comm.allToAllV(answers.limit((int) total), recvCounts, values.limit(m), sendCounts);
        DistArray out = target != null ? target : DistArrays.empty(dist, t);
        Storage dst = ArrayAccess.get().storage(out);
        for (int j = 0; j < m; j++) {
            long v = values.get(order[j]);
            if (fp) {
                dst.setDouble(outOffset[j], Double.longBitsToDouble(v));
            } else {
                dst.setLong(outOffset[j], v);
            }
        }
        return out;
    }

    private static long flat(long[] shape, long[] g) {
        long f = 0;
        for (int i = 0; i < shape.length; i++) {
            f = f * shape[i] + g[i];
        }
        return f;
    }

    private static long[] unflat(long[] shape, long f) {
        long[] g = new long[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            g[i] = f % shape[i];
            f /= shape[i];
        }
        return g;
    }
}
