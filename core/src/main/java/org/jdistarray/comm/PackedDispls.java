package org.jdistarray.comm;

/** Displacements of packed blocks: exclusive prefix sums of counts. */
final class PackedDispls {
    private PackedDispls() {
    }

    static int[] of(int[] counts) {
        int[] d = new int[counts.length];
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            if (sum > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("counts add up to more than 2^31-1 elements");
            }
            d[i] = (int) sum;
            sum += counts[i];
        }
        return d;
    }
}
