package org.jdistarray.ops;

import java.math.BigInteger;
import java.nio.ByteBuffer;

/**
 * An exact accumulator of doubles (a "small superaccumulator" as in Neal, arXiv:1505.05571): every finite double is
 * {@code m * 2^(b - 1074)} with an integer {@code m < 2^53} and a bit position {@code b} in {@code [0, 2046)}; it is
 * added to two 32-bit-digit chunks ({@code long}s, so about 2000 additions fit before the carries must be
 * propagated). The sum is exact and therefore independent of the order of the additions: what makes the reproducible
 * reductions give the same bits for any number of ranks and any distribution. Infinities and NaNs are counted apart.
 * {@link #round} rounds the exact value (or an exact quotient) once, to nearest even.
 */
final class ExactSum {
    /** Chunks 0..66 are digits; then the counts of NaN, +inf and -inf. */
    static final int DIGITS = 68;
    static final int LENGTH = DIGITS + 3;
    static final int NAN = DIGITS;
    static final int POS_INF = DIGITS + 1;
    static final int NEG_INF = DIGITS + 2;
    /** Additions between two carry propagations. */
    static final int BATCH = 2000;

    private ExactSum() {
    }

    /** Adds {@code n} float64 at byte {@code pos} of {@code b}: at most {@link #BATCH}, then {@link #normalize}. */
    static void addF64(ByteBuffer b, int pos, int n, long[] acc, int at) {
        for (int i = 0; i < n; i++) {
            long bits = b.getLong(pos + (i << 3));
            add(bits, acc, at);
        }
    }

    /** Adds {@code n} float32 at byte {@code pos} of {@code b} (each exactly as a double). */
    static void addF32(ByteBuffer b, int pos, int n, long[] acc, int at) {
        for (int i = 0; i < n; i++) {
            add(Double.doubleToRawLongBits(b.getFloat(pos + (i << 2))), acc, at);
        }
    }

    /** Adds the exact squares of {@code n} doubles of {@code t} (each as {@code p + e} with an FMA). */
    static void addSquares(double[] t, int n, long[] acc, int at) {
        for (int i = 0; i < n; i++) {
            double x = t[i];
            double p = x * x;
            double e = Math.fma(x, x, -p);
            add(Double.doubleToRawLongBits(p), acc, at);
            add(Double.doubleToRawLongBits(e), acc, at);
        }
    }

    /** Adds the double with raw bits {@code bits} (one addition towards {@link #BATCH}). */
    static void add(long bits, long[] acc, int at) {
        int e = (int) (bits >>> 52) & 0x7ff;
        if (e == 0x7ff) {
            special(bits, acc, at);
            return;
        }
        long m = bits & 0xfffffffffffffL;
        if (e != 0) {
            m |= 1L << 52;
        } else {
            e = 1;
        }
        int bp = e - 1;
        int c = at + (bp >>> 5);
        int s = bp & 31;
        long sg = bits >> 63;
        long lo = (m << s) & 0xffffffffL;
        long hi = m >>> (32 - s);
        acc[c] += (lo ^ sg) - sg;
        acc[c + 1] += (hi ^ sg) - sg;
    }

    /** Adds the exact square of {@code x} (two additions towards {@link #BATCH}). */
    static void addSquare(double x, long[] acc, int at) {
        double p = x * x;
        add(Double.doubleToRawLongBits(p), acc, at);
        add(Double.doubleToRawLongBits(Math.fma(x, x, -p)), acc, at);
    }

    private static void special(long bits, long[] acc, int at) {
        if ((bits & 0xfffffffffffffL) != 0) {
            acc[at + NAN]++;
        } else if (bits < 0) {
            acc[at + NEG_INF]++;
        } else {
            acc[at + POS_INF]++;
        }
    }

    /** Propagates the carries: digits 0..DIGITS-2 in {@code [0, 2^32)}, the top digit signed. */
    static void normalize(long[] acc, int at) {
        for (int i = 0; i < DIGITS - 1; i++) {
            long v = acc[at + i];
            long carry = v >> 32;
            acc[at + i] = v & 0xffffffffL;
            acc[at + i + 1] += carry;
        }
    }

    /** The exact value as an integer {@code N}: the sum is {@code N * 2^-1074}. */
    static BigInteger value(long[] acc, int at) {
        BigInteger v = BigInteger.ZERO;
        for (int i = DIGITS - 1; i >= 0; i--) {
            v = v.shiftLeft(32).add(BigInteger.valueOf(acc[at + i]));
        }
        return v;
    }

    /** The special value the counts force, or null: NaN for a NaN or both infinities, else the infinity. */
    static Double special(long[] acc, int at) {
        long nan = acc[at + NAN];
        long pos = acc[at + POS_INF];
        long neg = acc[at + NEG_INF];
        if (nan > 0 || pos > 0 && neg > 0) {
            return Double.NaN;
        }
        if (pos > 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (neg > 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return null;
    }

    /**
     * {@code num / den * 2^scale} rounded once to nearest even, to a float with {@code precision} significant bits
     * whose smallest ulp is {@code 2^minUlp} (53, -1074: double; 24, -149: float), as a double. {@code den > 0}.
     */
    static double round(BigInteger num, BigInteger den, int scale, int precision, int minUlp) {
        int sign = num.signum();
        if (sign == 0) {
            return 0.0;
        }
        BigInteger a = num.abs();
        int t = Math.max(0, precision + 2 + den.bitLength() - a.bitLength());
        BigInteger[] qr = a.shiftLeft(t).divideAndRemainder(den);
        BigInteger q = qr[0];
        boolean sticky = qr[1].signum() != 0;
        int exp = scale - t; // value = (q + fraction) * 2^exp
        int drop = Math.max(q.bitLength() - precision, minUlp - exp);
        BigInteger m;
        if (drop <= 0) {
            m = q; // exact (sticky is then false: q has at least precision + 2 bits unless den divides)
            drop = 0;
        } else {
            m = q.shiftRight(drop);
            BigInteger rest = q.subtract(m.shiftLeft(drop));
            BigInteger half = BigInteger.ONE.shiftLeft(drop - 1);
            int cmp = rest.compareTo(half);
            if (cmp > 0 || cmp == 0 && (sticky || m.testBit(0))) {
                m = m.add(BigInteger.ONE);
            }
        }
        double v = Math.scalb(m.doubleValue(), exp + drop);
        return sign < 0 ? -v : v;
    }
}
