package org.jdistarray.random;

/**
 * The Philox4x64-10 block function of Salmon et al. (Random123), as NumPy's {@code Philox} and Apache Commons RNG's
 * {@code Philox4x64} compute it: a 256-bit counter and a 128-bit key give four 64-bit words. A stream is the words
 * of consecutive counters; both libraries increment the counter before they encrypt it, so word {@code w} of the
 * stream whose state holds counter {@code c} is word {@code w % 4} of block {@code c + 1 + w / 4}: O(1) to address,
 * no state. {@code PhiloxCipherTest} checks it against Commons RNG's
 * {@code Philox4x64} and NumPy's {@code Philox.random_raw}.
 */
final class PhiloxCipher {
    private static final long M0 = 0xD2E7470EE14C6C93L;
    private static final long M1 = 0xCA5A826395121157L;
    private static final long W0 = 0x9E3779B97F4A7C15L;
    private static final long W1 = 0xBB67AE8584CAA73BL;

    private final long k0;
    private final long k1;
    private final long[] start;
    private final long c0;
    private final long c1;
    private final long c2;
    private final long c3;

    /**
     * The stream of key {@code (k0, k1)} whose state holds counter {@code (c0, c1, c2, c3)} (NumPy's
     * {@code Philox(key, counter)}, Commons RNG's {@code Philox4x64(new long[] {k0, k1, c0, c1, c2, c3})}): its word
     * 0 is word 0 of block {@code counter + 1}.
     */
    PhiloxCipher(long k0, long k1, long c0, long c1, long c2, long c3) {
        this.k0 = k0;
        this.k1 = k1;
        this.start = new long[] {c0, c1, c2, c3};
        long b0 = c0 + 1;
        long b1 = c1 + (b0 == 0 ? 1 : 0);
        long b2 = c2 + (b0 == 0 && b1 == 0 ? 1 : 0);
        long b3 = c3 + (b0 == 0 && b1 == 0 && b2 == 0 ? 1 : 0);
        this.c0 = b0;
        this.c1 = b1;
        this.c2 = b2;
        this.c3 = b3;
    }

    /**
     * Writes words {@code [first, first + count)} of the stream to {@code out[0, count)}; {@code first} is a
     * non-negative word index (the counter arithmetic carries through all 256 bits).
     */
    void words(long first, long[] out, int count) {
        long block = first >>> 2;
        int skip = (int) (first & 3);
        long b0 = c0 + block;
        long carry = Long.compareUnsigned(b0, c0) < 0 ? 1 : 0;
        long b1 = c1 + carry;
        carry = carry != 0 && b1 == 0 ? 1 : 0;
        long b2 = c2 + carry;
        carry = carry != 0 && b2 == 0 ? 1 : 0;
        long b3 = c3 + carry;
        int k = 0;
        long[] w = null;
        if (skip != 0 || count < 4) { // a partial first block
            w = new long[4];
            block4(b0, b1, b2, b3, k0, k1, w, 0);
            int n = Math.min(4 - skip, count);
            System.arraycopy(w, skip, out, 0, n);
            k = n;
            if (++b0 == 0 && ++b1 == 0 && ++b2 == 0) {
                ++b3;
            }
        }
        int full = k + ((count - k) & ~3);
        if (Long.compareUnsigned(b0 + ((full - k) >>> 2), b0) < 0) { // the full blocks wrap counter word 0: carry
            for (; k < full; k += 4) {
                block4(b0, b1, b2, b3, k0, k1, out, k);
                if (++b0 == 0 && ++b1 == 0 && ++b2 == 0) {
                    ++b3;
                }
            }
        } else {
            for (; k < full; k += 4) {
                block4(b0++, b1, b2, b3, k0, k1, out, k);
            }
        }
        if (k < count) {
            if (w == null) {
                w = new long[4];
            }
            block4(b0, b1, b2, b3, k0, k1, w, 0);
            System.arraycopy(w, 0, out, k, count - k);
        }
    }

    /** Word {@code index} of the stream. */
    long word(long index) {
        long[] one = new long[1];
        words(index, one, 1);
        return one[0];
    }

    /** The ten rounds on one counter: {@code out[off..off+3]}. */
    static void block4(long x0, long x1, long x2, long x3, long key0, long key1, long[] out, int off) {
        long a = key0;
        long b = key1;
        for (int r = 0; r < 10; r++) {
            long hi0 = unsignedMultiplyHigh(M0, x0);
            long lo0 = M0 * x0;
            long hi1 = unsignedMultiplyHigh(M1, x2);
            long lo1 = M1 * x2;
            x0 = hi1 ^ x1 ^ a;
            x1 = lo1;
            x2 = hi0 ^ x3 ^ b;
            x3 = lo0;
            a += W0;
            b += W1;
        }
        out[off] = x0;
        out[off + 1] = x1;
        out[off + 2] = x2;
        out[off + 3] = x3;
    }

    /** The high 64 bits of the unsigned 128-bit product (Java 18's {@code Math.unsignedMultiplyHigh}). */
    static long unsignedMultiplyHigh(long x, long y) {
        return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
    }

    long key0() {
        return k0;
    }

    long key1() {
        return k1;
    }

    /** The counter the stream's state starts from (the constructor's). */
    long[] counter() {
        return start.clone();
    }
}
