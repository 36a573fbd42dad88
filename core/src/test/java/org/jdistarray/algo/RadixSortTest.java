package org.jdistarray.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RadixSort} against {@code Arrays.sort} and the stable merge sort: signed keys, duplicates, skipped passes. */
class RadixSortTest {
    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {0, 1, 100, RadixSort.MIN, 50_000})
    void sortsLikeArraysSortAndStablyWithTags(int n) {
        SplittableRandom r = new SplittableRandom(n);
        for (int kind = 0; kind < 4; kind++) {
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = switch (kind) {
                    case 0 -> r.nextLong();                          // every digit varies
                    case 1 -> r.nextInt(7) - 3;                      // many duplicates, signs
                    case 2 -> Keys.ofDouble(r.nextDouble(), false);  // uniform doubles: constant high digits
                    default -> 1L << 40;                             // every pass skipped
                };
            }
            long[] want = keys.clone();
            Arrays.sort(want);
            long[] tagsWant = new long[n];
            long[] kw = keys.clone();
            for (int i = 0; i < n; i++) {
                tagsWant[i] = i;
            }
            LocalSort.stableSort(kw, tagsWant, 0, n);
            long[] got = keys.clone();
            RadixSort.sort(got, null);
            assertArrayEquals(want, got, "kind " + kind);
            long[] tg = new long[n];
            for (int i = 0; i < n; i++) {
                tg[i] = i;
            }
            long[] kg = keys.clone();
            RadixSort.sort(kg, tg);
            assertArrayEquals(want, kg, "kind " + kind + " with tags");
            assertArrayEquals(tagsWant, tg, "kind " + kind + " tags stable");
        }
    }
}
