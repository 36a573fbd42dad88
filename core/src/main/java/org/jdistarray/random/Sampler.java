package org.jdistarray.random;

/**
 * How one distribution turns stream words into element values. Element {@code e} (the global C-order index) reads
 * a fixed set of words chosen by {@code e} alone, so a rank computes exactly its own elements. Implementations fill a
 * run of consecutive elements at once (consecutive counters); they are small and monomorphic per call site.
 */
abstract class Sampler {
    /** Largest run a sampler is asked for at once. */
    static final int RUN = 2048;

    /** Whether values are integers ({@link #longs}) rather than floating point ({@link #doubles}). */
    abstract boolean integral();

    /** Elements {@code [e0, e0 + n)} into {@code out[0, n)}, {@code n <= RUN}. */
    void doubles(long e0, int n, double[] out) {
        throw new IllegalStateException("an integer sampler");
    }

    /** Elements {@code [e0, e0 + n)} into {@code out[0, n)}, {@code n <= RUN}. */
    void longs(long e0, int n, long[] out) {
        throw new IllegalStateException("a floating-point sampler");
    }

    /** 53-bit uniform double of a word, as NumPy's {@code next_double}: {@code (x >>> 11) * 2^-53}. */
    static double u53(long word) {
        return (word >>> 11) * 0x1p-53;
    }

    /** 24-bit uniform float of a 32-bit draw, as NumPy's {@code next_float}: {@code (x >>> 8) * 2^-24}. */
    static float u24(int draw) {
        return (draw >>> 8) * 0x1p-24f;
    }

    /** {@code low + scale * u53(word e)}: NumPy's {@code random} (0, 1) and {@code uniform(low, high)}. */
    static final class Uniform extends Sampler {
        private final Draws draws;
        private final double low;
        private final double scale;

        Uniform(Draws draws, double low, double scale) {
            this.draws = draws;
            this.low = low;
            this.scale = scale;
        }

        @Override
        boolean integral() {
            return false;
        }

        @Override
        void doubles(long e0, int n, double[] out) {
            long[] w = draws.words(e0, n);
            if (low == 0 && scale == 1) {
                for (int i = 0; i < n; i++) {
                    out[i] = u53(w[i]);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    out[i] = low + scale * u53(w[i]);
                }
            }
        }
    }

    /** {@code u24(32-bit draw e)}: NumPy's {@code random(dtype=float32)}. */
    static final class UniformFloat extends Sampler {
        private final Draws draws;
        private final int[] halves = new int[RUN];

        UniformFloat(Draws draws) {
            this.draws = draws;
        }

        @Override
        boolean integral() {
            return false;
        }

        @Override
        void doubles(long e0, int n, double[] out) {
            draws.halves(e0, n, halves);
            for (int i = 0; i < n; i++) {
                out[i] = u24(halves[i]);
            }
        }
    }

    /**
     * Box–Muller on the word pair {@code (2k, 2k + 1)} of element pair {@code k = e / 2}: {@code u1 = 1 - u53(w0)} in
     * (0, 1], {@code u2 = u53(w1)}, {@code r = sqrt(-2 ln u1)}; even elements take {@code r cos(2 pi u2)}, odd ones
     * {@code r sin(2 pi u2)}; then {@code loc + scale * z}. StrictMath, so every JVM gives the same bits.
     */
    static final class Normal extends Sampler {
        private final Draws draws;
        private final double loc;
        private final double scale;

        Normal(Draws draws, double loc, double scale) {
            this.draws = draws;
            this.loc = loc;
            this.scale = scale;
        }

        @Override
        boolean integral() {
            return false;
        }

        @Override
        void doubles(long e0, int n, double[] out) {
            long p0 = e0 >>> 1;
            long p1 = (e0 + n - 1) >>> 1;
            int pairs = (int) (p1 - p0 + 1);
            long[] w = draws.words(2 * p0, 2 * pairs);
            int first = (int) (e0 & 1); // element e0 is the odd one of its pair
            for (int k = 0; k < pairs; k++) {
                double r = StrictMath.sqrt(-2 * StrictMath.log(1.0 - u53(w[2 * k])));
                double t = 2 * Math.PI * u53(w[2 * k + 1]);
                int i = 2 * k - first; // output index of the pair's even element
                if (i >= 0) {
                    out[i] = loc + scale * (r * StrictMath.cos(t));
                }
                if (i + 1 < n) {
                    out[i + 1] = loc + scale * (r * StrictMath.sin(t));
                }
            }
        }
    }

    /** Inversion: {@code scale * -ln(1 - u53(word e))}, NumPy's {@code standard_exponential(method='inv')}. */
    static final class Exponential extends Sampler {
        private final Draws draws;
        private final double scale;

        Exponential(Draws draws, double scale) {
            this.draws = draws;
            this.scale = scale;
        }

        @Override
        boolean integral() {
            return false;
        }

        @Override
        void doubles(long e0, int n, double[] out) {
            long[] w = draws.words(e0, n);
            for (int i = 0; i < n; i++) {
                out[i] = scale * -StrictMath.log(1.0 - u53(w[i]));
            }
        }
    }

    /**
     * NumPy's bounded integers {@code off + [0, rng]}: Lemire's multiply-shift with rejection, on one 32-bit draw per
     * element when {@code rng < 2^32} and one 64-bit draw otherwise (the raw draw when {@code rng} is all ones).
     * NumPy redraws a rejected element from the next draw of the stream, which shifts every later element; here the
     * redraws of element {@code e} come from a side stream addressed by {@code e} (see {@link Draws#retry}), so the
     * values equal NumPy's up to the first rejection (probability {@code (2^32 mod (rng+1)) / 2^32} per element)
     * and stay addressable by element.
     */
    static final class Integers extends Sampler {
        private final Draws draws;
        private final long off;
        private final long rng;
        private final int[] halves = new int[RUN];

        Integers(Draws draws, long off, long rng) {
            this.draws = draws;
            this.off = off;
            this.rng = rng;
        }

        /** Whether {@code rng} takes 32-bit draws. */
        static boolean half(long rng) {
            return Long.compareUnsigned(rng, 0xFFFF_FFFFL) <= 0;
        }

        @Override
        boolean integral() {
            return true;
        }

        @Override
        void longs(long e0, int n, long[] out) {
            if (rng == 0) {
                for (int i = 0; i < n; i++) {
                    out[i] = off;
                }
            } else if (half(rng)) {
                draws.halves(e0, n, halves);
                for (int i = 0; i < n; i++) {
                    out[i] = off + bounded32(halves[i], e0 + i);
                }
            } else {
                long[] w = draws.words(e0, n);
                for (int i = 0; i < n; i++) {
                    out[i] = off + bounded64(w[i], e0 + i);
                }
            }
        }

        private long bounded32(int draw, long e) {
            long x = draw & 0xFFFF_FFFFL;
            if (rng == 0xFFFF_FFFFL) {
                return x;
            }
            long excl = rng + 1;
            long m = x * excl;
            long leftover = m & 0xFFFF_FFFFL;
            if (leftover < excl) {
                long threshold = ((1L << 32) - excl) % excl;
                for (long r = 0; leftover < threshold; r++) {
                    m = (draws.retry(e, r, true) & 0xFFFF_FFFFL) * excl;
                    leftover = m & 0xFFFF_FFFFL;
                }
            }
            return m >>> 32;
        }

        private long bounded64(long x, long e) {
            if (rng == -1L) {
                return x;
            }
            long excl = rng + 1;
            long lo = x * excl;
            long hi = PhiloxCipher.unsignedMultiplyHigh(x, excl);
            if (Long.compareUnsigned(lo, excl) < 0) {
                long threshold = Long.remainderUnsigned(-excl, excl);
                for (long r = 0; Long.compareUnsigned(lo, threshold) < 0; r++) {
                    long y = draws.retry(e, r, false);
                    lo = y * excl;
                    hi = PhiloxCipher.unsignedMultiplyHigh(y, excl);
                }
            }
            return hi;
        }
    }

    /**
     * A keyed pseudorandom permutation of {@code [0, n)}, addressable by element: a 6-round balanced Feistel network
     * on {@code 2k} bits ({@code 4^k >= n}) whose round function is the Philox block of counter
     * {@code (half, round | call << 8, c2, c3 ^ 2^62)}, walked along its cycle until the value is below {@code n}
     * (cycle walking: a bijection of {@code [0, n)}; fewer than 4 steps on average). Element {@code e} is
     * {@code F(e)}: every rank computes its own elements, no exchange.
     */
    static final class Permutation extends Sampler {
        private static final int ROUNDS = 6;
        private final long n;
        private final int halfBits;
        private final long mask;
        private final long call;
        private final long key0;
        private final long key1;
        private final long c2;
        private final long c3;
        private final long[] w = new long[4];

        Permutation(Draws draws, long n) {
            this.n = n;
            int k = 1;
            while (k < 31 && (1L << (2 * k)) < n) {
                k++;
            }
            this.halfBits = k;
            this.mask = (1L << k) - 1;
            this.call = draws.word0;
            this.key0 = draws.cipher.key0();
            this.key1 = draws.cipher.key1();
            long[] c = draws.cipher.counter();
            this.c2 = c[2];
            this.c3 = c[3] ^ (1L << 62);
        }

        @Override
        boolean integral() {
            return true;
        }

        @Override
        void longs(long e0, int count, long[] out) {
            for (int i = 0; i < count; i++) {
                long y = feistel(e0 + i);
                while (y >= n) {
                    y = feistel(y);
                }
                out[i] = y;
            }
        }

        private long feistel(long x) {
            long l = x >>> halfBits;
            long r = x & mask;
            for (int round = 0; round < ROUNDS; round++) {
                PhiloxCipher.block4(r, round | call << 8, c2, c3, key0, key1, w, 0);
                long t = l ^ (w[0] & mask);
                l = r;
                r = t;
            }
            return l << halfBits | r;
        }
    }
}
