package org.jdistarray.random;

/**
 * Where the draws of a call start in the stream, and the two ways NumPy reads a Philox stream: 64-bit draws (one word
 * each: doubles, wide integers) and 32-bit draws (the low then the high half of a word: floats, 32-bit integers).
 * NumPy keeps the high half of a word after an odd number of 32-bit draws and hands it to the next 32-bit draw, even
 * after 64-bit draws in between; {@code pendingHalf} is that word's index, or -1.
 */
final class Draws {
    final PhiloxCipher cipher;
    final long word0;
    final long pendingHalf;
    private final long[] words = new long[Sampler.RUN * 2 + 4];

    Draws(PhiloxCipher cipher, long word0, long pendingHalf) {
        this.cipher = cipher;
        this.word0 = word0;
        this.pendingHalf = pendingHalf;
    }

    /** 64-bit draws {@code [d0, d0 + n)} of this call, {@code n <= 2 * RUN + 4}; the array is reused. */
    long[] words(long d0, int n) {
        cipher.words(word0 + d0, words, n);
        return words;
    }

    /** 32-bit draws {@code [d0, d0 + n)} of this call into {@code out}, {@code n <= RUN}. */
    void halves(long d0, int n, int[] out) {
        int k = 0;
        long d = d0;
        if (pendingHalf >= 0 && d == 0 && n > 0) {
            out[k++] = (int) (cipher.word(pendingHalf) >>> 32);
            d++;
        }
        if (k == n) {
            return;
        }
        long q = 2 * word0 + d - (pendingHalf >= 0 ? 1 : 0); // 32-bit index in the stream
        long w = q >>> 1;
        int m = (int) (((q + (n - k) - 1) >>> 1) - w + 1);
        cipher.words(w, words, m);
        for (int j = 0; k < n; j++, k++) {
            long qj = q + j;
            long word = words[(int) ((qj >>> 1) - w)];
            out[k] = (qj & 1) == 0 ? (int) word : (int) (word >>> 32);
        }
    }

    /**
     * Retry {@code r} (0, 1, ...) for draw {@code d} of a rejection sampler: a side stream of the same key whose
     * counter {@code (word0 + d, r | 2^62 if 32-bit, c2, c3 ^ 2^63)} no main stream reaches (main counters keep
     * {@code c3}'s top bit as the stream started).
     */
    long retry(long d, long r, boolean half) {
        long[] c = cipher.counter();
        long[] out = new long[4];
        PhiloxCipher.block4(word0 + d, r | (half ? 1L << 62 : 0), c[2], c[3] ^ Long.MIN_VALUE,
                cipher.key0(), cipher.key1(), out, 0);
        return out[0];
    }
}
