package org.jdistarray.dist;

import java.util.Arrays;

import org.jdistarray.protocol.DistributionException;

/** The element count of a shape, with an overflow named in the user's terms. */
final class ShapeMath {
    private ShapeMath() {
    }

    /**
     * The product of the axes of {@code shape} (1 for 0-d).
     *
     * @throws DistributionException naming the shape and the axes whose product overflows a {@code long}
     */
    static long size(long[] shape) {
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 0) {
                return 0;
            }
        }
        for (int i = 0; i < shape.length; i++) {
            try {
                n = Math.multiplyExact(n, shape[i]);
            } catch (ArithmeticException e) {
                throw new DistributionException("shape " + Arrays.toString(shape) + " has too many elements: the"
                        + " product of axes 0.." + i + " (" + productText(shape, i) + ") exceeds 2^63 - 1");
            }
        }
        return n;
    }

    private static String productText(long[] shape, int last) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i <= last; i++) {
            sb.append(i == 0 ? "" : " * ").append(shape[i]);
        }
        return sb.toString();
    }
}
