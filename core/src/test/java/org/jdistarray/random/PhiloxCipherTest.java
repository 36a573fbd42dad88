package org.jdistarray.random;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.Philox4x64;
import org.junit.jupiter.api.Test;

/**
 * The cipher against Apache Commons RNG's {@code Philox4x64} (seed layout: key0, key1, counter0..3; its first word is
 * word 0 of that counter): words addressed at any index equal the sequential stream, across counter carries.
 */
class PhiloxCipherTest {
    private static final long[][] SEEDS = {
        {1234, 0, 0, 0, 0, 0},
        {-1, 7, 0, 0, 0, 0},
        {5, 6, -1, -1, 0, 0},      // the first block carries into counter word 2
        {9, 10, -3, -1, -1, -1},   // carries through all four words (wraps to 0)
        {0x0123456789abcdefL, 0xfedcba9876543210L, 42, 0, 1, 0},
    };

    @Test
    void wordsEqualCommonsRngSequence() {
        for (long[] s : SEEDS) {
            Philox4x64 ref = new Philox4x64(s);
            long[] expected = new long[203];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = ref.nextLong();
            }
            PhiloxCipher c = new PhiloxCipher(s[0], s[1], s[2], s[3], s[4], s[5]);
            for (int first = 0; first < 13; first++) {
                long[] got = new long[expected.length - first];
                c.words(first, got, got.length);
                for (int i = 0; i < got.length; i++) {
                    assertEquals(expected[first + i], got[i], "seed " + Arrays.toString(s) + " word " + (first + i));
                }
            }
            for (int i = 0; i < expected.length; i += 7) {
                assertEquals(expected[i], c.word(i));
            }
        }
    }

    @Test
    void unsignedMultiplyHighAgreesWithBigInteger() {
        long[] xs = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0xD2E7470EE14C6C93L, 0x123456789L, -12345};
        for (long x : xs) {
            for (long y : xs) {
                java.math.BigInteger p = new java.math.BigInteger(Long.toUnsignedString(x))
                        .multiply(new java.math.BigInteger(Long.toUnsignedString(y))).shiftRight(64);
                assertEquals(p.longValue(), PhiloxCipher.unsignedMultiplyHigh(x, y), x + " * " + y);
            }
        }
    }

    @Test
    void providerContinuesTheStreamAtAnyPosition() {
        Generator g = Generator.philox(77, 3).jumped(2);
        PhiloxCipher c = new PhiloxCipher(77, 3, 0, 0, 2, 0);
        UniformRandomProvider p0 = g.toProvider();
        for (int i = 0; i < 9; i++) {
            assertEquals(c.word(i), p0.nextLong());
        }
    }

    @Test
    void splitStreamsAreTheJumpedStreamsAndDisjoint() {
        Generator g = Generator.seeded(99);
        java.util.List<Generator> parts = g.split(4);
        assertEquals(4, parts.size());
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 4; i++) {
            UniformRandomProvider a = parts.get(i).toProvider();
            UniformRandomProvider b = g.jumped(i + 1).toProvider();
            for (int k = 0; k < 64; k++) {
                long w = a.nextLong();
                assertEquals(b.nextLong(), w, "split(4).get(" + i + ") is jumped(" + (i + 1) + ")");
                org.junit.jupiter.api.Assertions.assertTrue(seen.add(w), "stream " + i + " repeats a word");
            }
        }
        assertEquals(0, g.split(0).size());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> g.split(-1));
    }
}
