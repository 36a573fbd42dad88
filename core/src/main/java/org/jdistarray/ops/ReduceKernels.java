package org.jdistarray.ops;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.jdistarray.comm.internal.DirectAddress;

/**
 * The reduction loops over tiles (one small, monomorphic method per operation and shape, {@code int} induction
 * variables; performance.md, "Known traps"). "fold" kernels reduce a tile into one cell (the reduced axis is the
 * last), "each" kernels add element {@code i} of a tile to cell {@code start + i} (the last axis is kept).
 * Extremes and arg-extremes work on order-preserving {@code long} keys ({@link #keyOf(double)}).
 */
final class ReduceKernels {
    private ReduceKernels() {
    }

    /** {@code sun.misc.Unsafe.getDouble(long)}, bound; null if unavailable (or the address is not the field's). */
    private static final MethodHandle GET_DOUBLE;

    static {
        MethodHandle getDouble = null;
        try { // jdk.unsupported, no flags on Java 17; checked on a probe
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            Object unsafe = theUnsafe.get(null);
            getDouble = MethodHandles.lookup().findVirtual(unsafeClass, "getDouble", MethodType.methodType(double.class,
                    long.class)).bindTo(unsafe);
            ByteBuffer probe = ByteBuffer.allocateDirect(64).order(ByteOrder.nativeOrder());
            probe.putDouble(40, 1.25);
            if (!DirectAddress.fast()
                    || (double) getDouble.invokeExact(DirectAddress.of(probe) + 40) != 1.25) {
                getDouble = null;
            }
        } catch (Throwable t) {
            getDouble = null;
        }
        GET_DOUBLE = getDouble;
    }

    /**
     * The native address of element 0 of direct buffer {@code b} (its {@code address} field, not its position), or 0
     * when it is not direct or {@code sun.misc.Unsafe} is unavailable here.
     */
    static long address(Buffer b) {
        return GET_DOUBLE == null || !b.isDirect() ? 0 : DirectAddress.of(b);
    }

    /** Lanes of {@link #sumF64}: element {@code i} goes to lane {@code i % LANES} (the C twin's four AVX-512 sums). */
    static final int LANES = 32;

    /**
     * The sum of {@code n} float64 at byte {@code pos}, in a fixed order: lane {@code j} of {@link #LANES} adds
     * elements {@code j, j + 32, ...} of the full groups of 32, the tail is added to lane 0, and the lanes are folded
     * by halving ({@code lane[j] += lane[j + w]}, {@code w = 16, 8, 4, 2, 1}). A native-order direct buffer is summed
     * by the native loop ({@link NativeKernels#sumF64}, vectorised) or read by address after one bounds check
     * ({@code sun.misc.Unsafe}: no per-element index checks), any other through {@link ByteBuffer#getDouble(int)};
     * all three add in that order (the same bits).
     */
    static double sumF64(ByteBuffer b, int pos, int n) {
        if (GET_DOUBLE != null && b.isDirect() && b.order() == ByteOrder.nativeOrder() && pos >= 0 && n >= 0
                && pos + ((long) n << 3) <= b.capacity()) {
            long at = address(b) + pos;
            if (NativeKernels.on()) {
                return NativeKernels.sumF64(at, n);
            }
            try {
                return sumF64(at, n);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
        return sumF64Checked(b, pos, n);
    }

    /**
     * {@link #sumF64(ByteBuffer, int, int)} through the buffer's checked accessor ({@code getDouble}, a bounds check
     * per element).
     */
    static double sumF64Checked(ByteBuffer b, int pos, int n) {
        try {
            return lanes(b, pos, n, false);
        } catch (RuntimeException | Error e) {
            throw e; // an IndexOutOfBoundsException of the checked reads, as is
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Elements per block of the Java lane loops (32 KiB: the block stays in L1 while its four groups read it). */
    private static final int SUM_BLOCK = 4096;

    /** The halving fold of the lanes: {@code lane[j] += lane[j + w]} for {@code w = 16, 8, 4, 2, 1}. */
    private static double fold(double[] lane) {
        for (int w = LANES / 2; w >= 1; w >>= 1) {
            for (int j = 0; j < w; j++) {
                lane[j] += lane[j + w];
            }
        }
        return lane[0];
    }

    /** The same sum at native address {@code address} (checked by the caller), without the native library. */
    private static double sumF64(long address, int n) throws Throwable {
        return lanes(null, address, n, true);
    }

    /**
     * The Java sum in the documented order: the lanes in four groups of eight (eight independent sums hide the add
     * latency; a group's lanes are kept across blocks of {@link #SUM_BLOCK} elements, so the data is read from
     * cache). {@code start} is a byte position in {@code b}, or with {@code byAddress} a native address read through
     * {@code Unsafe} (no per-element checks; the choice is loop-invariant, so the JIT compiles a loop for each).
     */
    private static double lanes(ByteBuffer b, long start, int n, boolean byAddress) throws Throwable {
        double[] lane = new double[LANES];
        int full = n - n % LANES;
        for (int from = 0; from < full; from += SUM_BLOCK) {
            int to = Math.min(full, from + SUM_BLOCK);
            for (int g = 0; g < LANES; g += 8) {
                double s0 = lane[g];
                double s1 = lane[g + 1];
                double s2 = lane[g + 2];
                double s3 = lane[g + 3];
                double s4 = lane[g + 4];
                double s5 = lane[g + 5];
                double s6 = lane[g + 6];
                double s7 = lane[g + 7];
                long end = start + ((long) to << 3);
                for (long p = start + ((long) (from + g) << 3); p < end; p += LANES << 3) {
                    s0 += read(b, p, byAddress);
                    s1 += read(b, p + 8, byAddress);
                    s2 += read(b, p + 16, byAddress);
                    s3 += read(b, p + 24, byAddress);
                    s4 += read(b, p + 32, byAddress);
                    s5 += read(b, p + 40, byAddress);
                    s6 += read(b, p + 48, byAddress);
                    s7 += read(b, p + 56, byAddress);
                }
                lane[g] = s0;
                lane[g + 1] = s1;
                lane[g + 2] = s2;
                lane[g + 3] = s3;
                lane[g + 4] = s4;
                lane[g + 5] = s5;
                lane[g + 6] = s6;
                lane[g + 7] = s7;
            }
        }
        for (int i = full; i < n; i++) {
            lane[0] += read(b, start + ((long) i << 3), byAddress);
        }
        return fold(lane);
    }

    private static double read(ByteBuffer b, long at, boolean byAddress) throws Throwable {
        return byAddress ? (double) GET_DOUBLE.invokeExact(at) : b.getDouble((int) at);
    }

    static void sumEachF64(ByteBuffer b, int pos, int n, double[] acc, int start) {
        for (int i = 0; i < n; i++) {
            acc[start + i] += b.getDouble(pos + (i << 3));
        }
    }

    static double sum(double[] t, int n) {
        double s0 = 0;
        double s1 = 0;
        int i = 0;
        for (; i + 1 < n; i += 2) {
            s0 += t[i];
            s1 += t[i + 1];
        }
        if (i < n) {
            s0 += t[i];
        }
        return s0 + s1;
    }

    static void sumEach(double[] t, int n, double[] acc, int start) {
        for (int i = 0; i < n; i++) {
            acc[start + i] += t[i];
        }
    }

    static long sum(long[] t, int n) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            s += t[i];
        }
        return s;
    }

    static void sumEach(long[] t, int n, long[] acc, int start) {
        for (int i = 0; i < n; i++) {
            acc[start + i] += t[i];
        }
    }

    static double prod(double[] t, int n, double p) {
        for (int i = 0; i < n; i++) {
            p *= t[i];
        }
        return p;
    }

    static void prodEach(double[] t, int n, double[] acc, int start) {
        for (int i = 0; i < n; i++) {
            acc[start + i] *= t[i];
        }
    }

    static long prod(long[] t, int n, long p) {
        for (int i = 0; i < n; i++) {
            p *= t[i];
        }
        return p;
    }

    static void prodEach(long[] t, int n, long[] acc, int start) {
        for (int i = 0; i < n; i++) {
            acc[start + i] *= t[i];
        }
    }

    /** NaN becomes 0 (nansum) and the number of non-NaN elements is returned. */
    static int zeroNans(double[] t, int n) {
        int c = 0;
        for (int i = 0; i < n; i++) {
            double v = t[i];
            boolean nan = v != v;
            t[i] = nan ? 0 : v;
            c += nan ? 0 : 1;
        }
        return c;
    }

    static void countEach(double[] t, int n, double[] count, int start) {
        for (int i = 0; i < n; i++) {
            double v = t[i];
            count[start + i] += v != v ? 0 : 1;
        }
    }

    static long countNonzero(double[] t, int n) {
        long c = 0;
        for (int i = 0; i < n; i++) {
            c += t[i] != 0 ? 1 : 0;
        }
        return c;
    }

    static void countNonzeroEach(double[] t, int n, long[] acc, int start) {
        for (int i = 0; i < n; i++) {
            acc[start + i] += t[i] != 0 ? 1 : 0;
        }
    }

    /** Chan's merge of the tile's (count, mean, M2), computed in two passes over the tile, into cell {@code c}. */
    static void moments(double[] t, int n, double[] cnt, double[] mean, double[] m2, int c) {
        if (n == 0) {
            return;
        }
        double m = sum(t, n) / n;
        double q = 0;
        for (int i = 0; i < n; i++) {
            double d = t[i] - m;
            q += d * d;
        }
        double na = cnt[c];
        double nb = n;
        double nt = na + nb;
        double delta = m - mean[c];
        mean[c] += delta * (nb / nt);
        m2[c] += q + delta * delta * (na * nb / nt);
        cnt[c] = nt;
    }

    /** Welford's update of cell {@code start + i} with element {@code i}. */
    static void momentsEach(double[] t, int n, double[] cnt, double[] mean, double[] m2, int start) {
        for (int i = 0; i < n; i++) {
            int c = start + i;
            double k = cnt[c] + 1;
            double d = t[i] - mean[c];
            mean[c] += d / k;
            m2[c] += d * (t[i] - mean[c]);
            cnt[c] = k;
        }
    }

    /** The order-preserving key of a double (signed long order = numeric order; NaN handled by the caller). */
    static long keyOf(double v) {
        long b = Double.doubleToRawLongBits(v);
        return b ^ ((b >> 63) & Long.MAX_VALUE);
    }

    /** The double of a key (Long.MIN_VALUE and Long.MAX_VALUE: NaN, see {@link #keys}). */
    static double valueOfKey(long k) {
        if (k == Long.MIN_VALUE || k == Long.MAX_VALUE) {
            return Double.NaN;
        }
        return Double.longBitsToDouble(k ^ ((k >> 63) & Long.MAX_VALUE));
    }

    /** Keys of a tile of doubles; NaN gets {@code nanKey}. */
    static void keys(double[] t, int n, long[] out, long nanKey) {
        for (int i = 0; i < n; i++) {
            double v = t[i];
            out[i] = v != v ? nanKey : keyOf(v);
        }
    }

    /** Keys of unsigned 64-bit integers: the sign bit flipped. */
    static void unsignedKeys(long[] t, int n) {
        for (int i = 0; i < n; i++) {
            t[i] ^= Long.MIN_VALUE;
        }
    }

    static void not(long[] t, int n) {
        for (int i = 0; i < n; i++) {
            t[i] = ~t[i];
        }
    }

    static long min(long[] t, int n, long m) {
        for (int i = 0; i < n; i++) {
            m = Math.min(m, t[i]);
        }
        return m;
    }

    static void minEach(long[] t, int n, long[] acc, int start) {
        for (int i = 0; i < n; i++) {
            acc[start + i] = Math.min(acc[start + i], t[i]);
        }
    }

    static long max(long[] t, int n, long m) {
        for (int i = 0; i < n; i++) {
            m = Math.max(m, t[i]);
        }
        return m;
    }

    static void maxEach(long[] t, int n, long[] acc, int start) {
        for (int i = 0; i < n; i++) {
            acc[start + i] = Math.max(acc[start + i], t[i]);
        }
    }

    /** The smallest (key, index) pair of the tile into cell {@code c}: ties go to the smaller index. */
    static void argmin(long[] t, long[] index, int n, long[] key, long[] idx, int c) {
        long k = key[c];
        long x = idx[c];
        for (int i = 0; i < n; i++) {
            long v = t[i];
            if (v < k || v == k && index[i] < x) {
                k = v;
                x = index[i];
            }
        }
        key[c] = k;
        idx[c] = x;
    }

    static void argminEach(long[] t, int n, long index, long[] key, long[] idx, int start) {
        for (int i = 0; i < n; i++) {
            int c = start + i;
            long v = t[i];
            if (v < key[c] || v == key[c] && index < idx[c]) {
                key[c] = v;
                idx[c] = index;
            }
        }
    }
}
