package org.jdistarray.random;

import java.util.Arrays;

/**
 * NumPy's {@code numpy.random.SeedSequence} (NumPy 1.17+, unchanged through 2.x): hashes user entropy (non-negative
 * integers) into a pool of four 32-bit words and derives state words from it, so that
 * {@code new SeedSequence(seed).generateState64(2)} is the key NumPy's {@code Philox(seed)} uses and
 * {@link Generator#seeded(long)} equals {@code numpy.random.Generator(numpy.random.Philox(seed))}.
 *
 * <p>The algorithm, as NumPy's {@code bit_generator.pyx}: every entropy integer is cut into 32-bit words, least
 * significant first ({@code 0} is one word 0); the pool is mixed with the hash {@code hashmix} (constants
 * {@code INIT_A = 0x43b0d7e5}, {@code MULT_A = 0x931e8875}) and {@code mix} ({@code 0xca01f9dd},
 * {@code 0x4973f715}, xor-shift 16); {@code generateState} walks the pool cyclically with {@code INIT_B = 0x8b51f9dd},
 * {@code MULT_B = 0x58f38ded}; 64-bit words are pairs of 32-bit words, low word first (NumPy's little-endian view).
 * Spawn keys are not supported. Pure, <b>not collective</b>.
 */
public final class SeedSequence {
    private static final int POOL_SIZE = 4;
    private static final int INIT_A = 0x43b0d7e5;
    private static final int MULT_A = 0x931e8875;
    private static final int INIT_B = 0x8b51f9dd;
    private static final int MULT_B = 0x58f38ded;
    private static final int MIX_MULT_L = 0xca01f9dd;
    private static final int MIX_MULT_R = 0x4973f715;

    private final int[] pool = new int[POOL_SIZE];
    private final long[] entropy;

    /**
     * <b>Not collective.</b> NumPy's {@code SeedSequence(entropy)} for one integer or a sequence of integers (the words
     * of each, concatenated in order).
     *
     * @throws IllegalArgumentException if no entropy is given or a value is negative (NumPy: "expected non-negative
     *     integer")
     */
    public SeedSequence(long... entropy) {
        if (entropy == null || entropy.length == 0) {
            throw new IllegalArgumentException("SeedSequence: give the entropy (NumPy's fresh OS entropy is not"
                    + " reproducible across ranks)");
        }
        int[] words = new int[2 * entropy.length];
        int n = 0;
        for (long v : entropy) {
            if (v < 0) {
                throw new IllegalArgumentException("expected non-negative integer, got " + v);
            }
            words[n++] = (int) v;
            if ((v >>> 32) != 0) {
                words[n++] = (int) (v >>> 32);
            }
        }
        this.entropy = entropy.clone();
        mixEntropy(Arrays.copyOf(words, n));
    }

    private static int hashmix(int value, int[] hashConst) {
        value ^= hashConst[0];
        hashConst[0] *= MULT_A;
        value *= hashConst[0];
        value ^= value >>> 16;
        return value;
    }

    private static int mix(int x, int y) {
        int result = MIX_MULT_L * x - MIX_MULT_R * y;
        result ^= result >>> 16;
        return result;
    }

    private void mixEntropy(int[] e) {
        int[] hashConst = {INIT_A};
        for (int i = 0; i < POOL_SIZE; i++) {
            pool[i] = hashmix(i < e.length ? e[i] : 0, hashConst);
        }
        for (int src = 0; src < POOL_SIZE; src++) {
            for (int dst = 0; dst < POOL_SIZE; dst++) {
                if (src != dst) {
                    pool[dst] = mix(pool[dst], hashmix(pool[src], hashConst));
                }
            }
        }
        for (int src = POOL_SIZE; src < e.length; src++) {
            for (int dst = 0; dst < POOL_SIZE; dst++) {
                pool[dst] = mix(pool[dst], hashmix(e[src], hashConst));
            }
        }
    }

    /** <b>Not collective.</b> NumPy's {@code generate_state(n, np.uint32)}: {@code n} 32-bit words (as Java ints). */
    public int[] generateState(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("generateState: n must be >= 0, got " + n);
        }
        int[] out = new int[n];
        int hashConst = INIT_B;
        for (int i = 0; i < n; i++) {
            int v = pool[i % POOL_SIZE];
            v ^= hashConst;
            hashConst *= MULT_B;
            v *= hashConst;
            v ^= v >>> 16;
            out[i] = v;
        }
        return out;
    }

    /** <b>Not collective.</b> NumPy's {@code generate_state(n, np.uint64)}: {@code n} 64-bit words. */
    public long[] generateState64(int n) {
        if (n < 0 || n > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("generateState64: n out of range, got " + n);
        }
        int[] w = generateState(2 * n);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = (w[2 * i] & 0xFFFFFFFFL) | ((long) w[2 * i + 1] << 32);
        }
        return out;
    }

    /** <b>Not collective.</b> The entropy given. */
    public long[] entropy() {
        return entropy.clone();
    }

    @Override
    public String toString() {
        return "SeedSequence(entropy=" + (entropy.length == 1 ? Long.toString(entropy[0]) : Arrays.toString(entropy))
                + ")";
    }
}
