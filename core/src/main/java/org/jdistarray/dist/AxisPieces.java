package org.jdistarray.dist;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.jdistarray.protocol.AxisDistribution;
import org.jdistarray.protocol.Block;
import org.jdistarray.protocol.BlockCyclic;
import org.jdistarray.protocol.Cyclic;
import org.jdistarray.protocol.DimDistribution;
import org.jdistarray.protocol.DistArrayException;
import org.jdistarray.protocol.DistributionException;
import org.jdistarray.protocol.Undistributed;
import org.jdistarray.protocol.UnstructuredAxis;

/**
 * The 1-D index math of a redistribution along one axis: for every pair (source grid rank {@code s}, target grid
 * rank {@code t}) the cells {@code t} holds (its ghosts included) that {@code s} owns, as strided pieces
 * {@code {srcLocal0, srcStep, dstLocal0, dstStep, count}} in local indices. Structured axes intersect arithmetic
 * progressions (one per block, cyclic residue or block-cyclic offset), so the work is linear in the number of pieces;
 * an unstructured axis on either side is mapped index by index. Pure and deterministic: every rank computes the same
 * pieces and throws alike.
 */
final class AxisPieces {
    private AxisPieces() {
    }

    /** {@code pieces[s][t]}: the pieces of source grid rank {@code s} and target grid rank {@code t}. */
    static long[][][][] of(AxisDistribution src, AxisDistribution dst) {
        return of(src, dst, false);
    }

    /**
     * The pieces of a ghost plan along {@code axis} (the axis to itself): as {@link #of}, except that on a periodic
     * axis a held cell in the boundary padding ({@code g < bL} or {@code g >= size - bR}) is filled from its periodic
     * image {@code g + L} or {@code g - L} in the interior ({@code L = size - bL - bR}).
     */
    static long[][][][] ghost(AxisDistribution axis) {
        return of(axis, axis, true);
    }

    private static long[][][][] of(AxisDistribution src, AxisDistribution dst, boolean wrap) {
        int ps = src.gridSize();
        int pt = dst.gridSize();
        long[][][][] out = new long[ps][pt][][];
        if (src instanceof UnstructuredAxis || dst instanceof UnstructuredAxis) {
            return byIndex(src, dst);
        }
        long[][][] srcFam = new long[ps][][];
        for (int s = 0; s < ps; s++) {
            srcFam[s] = families(src.dimFor(s), false);
        }
        for (int t = 0; t < pt; t++) {
            long[][] df = families(dst.dimFor(t), true);
            if (wrap && dst.dimFor(t) instanceof Block b && b.periodic()) {
                df = wrapped(df[0], dst);
            }
            for (int s = 0; s < ps; s++) {
                List<long[]> pieces = new ArrayList<>();
                for (long[] f : srcFam[s]) {
                    for (long[] g : df) {
                        long[] p = intersect(f, g);
                        if (p != null) {
                            pieces.add(p);
                        }
                    }
                }
                out[s][t] = pieces.toArray(new long[0][]);
            }
        }
        return out;
    }

    /**
     * The cells of a dimension as arithmetic progressions {@code {g0, gStep, n, l0, lStep}}: global index
     * {@code g0 + i*gStep} at local index {@code l0 + i*lStep}, {@code i < n}. Owned cells, or held cells (ghosts too).
     */
    static long[][] families(DimDistribution d, boolean held) {
        if (d instanceof Block b) {
            return held ? new long[][] {{b.start(), 1, b.localSize(), 0, 1}}
                    : new long[][] {{b.ownedStart(), 1, b.ownedCount(), b.commPadLeft(), 1}};
        }
        if (d instanceof Undistributed u) {
            return new long[][] {{0, 1, u.size(), 0, 1}};
        }
        if (d instanceof Cyclic c) {
            return new long[][] {{c.gridRank(), c.gridSize(), c.localSize(), 0, 1}};
        }
        BlockCyclic bc = (BlockCyclic) d;
        long b = bc.blockSize();
        long p = bc.gridSize();
        long r = bc.gridRank();
        long n = bc.localSize();
        long blocks = (n + b - 1) / b;
        List<long[]> f = new ArrayList<>();
        if (blocks <= b) {
            for (long k = 0; k < blocks; k++) {
                long g0 = (k * p + r) * b;
                f.add(new long[] {g0, 1, Math.min(b, bc.size() - g0), k * b, 1});
            }
        } else {
            for (long j = 0; j < b; j++) {
                long g0 = r * b + j;
                long count = g0 < bc.size() ? (bc.size() - 1 - g0) / (p * b) + 1 : 0;
                f.add(new long[] {g0, p * b, count, j, b});
            }
        }
        return f.toArray(new long[0][]);
    }

    /**
     * A contiguous held family {@code {g0, 1, n, l0, 1}} of a periodic axis cut at the ends of the interior, each
     * boundary-padding part shifted by the period onto the global indices it mirrors.
     */
    private static long[][] wrapped(long[] f, AxisDistribution axis) {
        long size = axis.size();
        long bL = ((Block) axis.dimFor(0)).padLeft();
        long bR = ((Block) axis.dimFor(axis.gridSize() - 1)).padRight();
        long period = size - bL - bR;
        long lo = f[0];
        long hi = f[0] + f[2];
        List<long[]> out = new ArrayList<>(3);
        long[] cuts = {lo, Math.max(lo, Math.min(hi, bL)), Math.max(lo, Math.min(hi, size - bR)), hi};
        long[] shift = {period, 0, -period};
        for (int k = 0; k < 3; k++) {
            if (cuts[k + 1] > cuts[k]) {
                out.add(new long[] {cuts[k] + shift[k], 1, cuts[k + 1] - cuts[k], f[3] + cuts[k] - lo, 1});
            }
        }
        return out.toArray(new long[0][]);
    }

    /** The intersection of two progressions as a piece, or null when empty. */
    static long[] intersect(long[] f, long[] g) {
        if (f[2] <= 0 || g[2] <= 0) {
            return null;
        }
        long lo = Math.max(f[0], g[0]);
        long hi = Math.min(f[0] + (f[2] - 1) * f[1], g[0] + (g[2] - 1) * g[1]);
        if (lo > hi) {
            return null;
        }
        long first;
        long step;
        if (f[1] == 1 && g[1] == 1) {
            first = lo;
            step = 1;
        } else {
            // g0 + i*p == h0 + j*q: solve p*i == h0 - g0 (mod q) with the extended Euclid (exact in BigInteger)
            BigInteger p = BigInteger.valueOf(f[1]);
            BigInteger q = BigInteger.valueOf(g[1]);
            BigInteger d = p.gcd(q);
            BigInteger diff = BigInteger.valueOf(g[0] - f[0]);
            if (diff.mod(d).signum() != 0) {
                return null;
            }
            BigInteger qd = q.divide(d);
            BigInteger l = p.multiply(qd); // lcm
            BigInteger i = qd.equals(BigInteger.ONE) ? BigInteger.ZERO
                    : diff.divide(d).multiply(p.divide(d).modInverse(qd)).mod(qd);
            BigInteger x = BigInteger.valueOf(f[0]).add(i.multiply(p)).mod(l);
            // the first solution >= lo
            BigInteger lob = BigInteger.valueOf(lo);
            BigInteger k = lob.subtract(x).add(l).subtract(BigInteger.ONE).divide(l);
            if (lob.compareTo(x) <= 0) {
                k = BigInteger.ZERO.subtract(x.subtract(lob).divide(l));
            }
            BigInteger fst = x.add(k.multiply(l));
            if (fst.compareTo(BigInteger.valueOf(hi)) > 0) {
                return null;
            }
            first = fst.longValueExact();
            step = l.longValueExact();
        }
        long count = (hi - first) / step + 1;
        long srcL = f[3] + (first - f[0]) / f[1] * f[4];
        long dstL = g[3] + (first - g[0]) / g[1] * g[4];
        return new long[] {srcL, step / f[1] * f[4], dstL, step / g[1] * g[4], count};
    }

    /** An unstructured axis on either side: every held target index is looked up in the source (runs merged). */
    private static long[][][][] byIndex(AxisDistribution src, AxisDistribution dst) {
        int ps = src.gridSize();
        int pt = dst.gridSize();
        long[][][][] out = new long[ps][pt][][];
        DimDistribution[] sd = new DimDistribution[ps];
        for (int s = 0; s < ps; s++) {
            sd[s] = src.dimFor(s);
        }
        for (int t = 0; t < pt; t++) {
            DimDistribution d = dst.dimFor(t);
            List<List<long[]>> per = new ArrayList<>();
            for (int s = 0; s < ps; s++) {
                per.add(new ArrayList<>());
            }
            long n = d.localSize();
            for (long l = 0; l < n; l++) {
                long g = d.globalFromLocal(l);
                int s = ownerIn(src, sd, g);
                long sl = sd[s].localFromGlobal(g);
                List<long[]> ps1 = per.get(s);
                long[] last = ps1.isEmpty() ? null : ps1.get(ps1.size() - 1);
                if (last != null && last[0] + last[4] == sl && last[2] + last[4] == l) {
                    last[4]++;
                } else {
                    ps1.add(new long[] {sl, 1, l, 1, 1});
                }
            }
            for (int s = 0; s < ps; s++) {
                out[s][t] = per.get(s).toArray(new long[0][]);
            }
        }
        return out;
    }

    /** The source grid rank that supplies {@code g}: its owner, or the lowest holder when several own it. */
    private static int ownerIn(AxisDistribution src, DimDistribution[] sd, long g) {
        try {
            return src.ownerOf(g);
        } catch (DistributionException several) {
            for (int s = 0; s < sd.length; s++) {
                if (sd[s].owns(g)) {
                    return s;
                }
            }
            throw several;
        } catch (IndexOutOfBoundsException none) {
            throw new DistArrayException("redistribution: no rank of the source holds global index " + g
                    + " of an unstructured axis of size " + src.size() + ", which the target needs");
        }
    }
}
