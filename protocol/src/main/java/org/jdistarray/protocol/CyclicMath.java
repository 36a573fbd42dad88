package org.jdistarray.protocol;

/**
 * The one implementation of the (block-)cyclic index formulas (protocol.md §5), with the round-robin-correct
 * owner of the partial last block. Arguments are assumed in range; callers check bounds.
 */
final class CyclicMath {
    private CyclicMath() {
    }

    /** Grid rank that owns global index {@code g}. */
    static int owner(long g, int p, long b) {
        return (int) Math.floorMod(Math.floorDiv(g, b), (long) p);
    }

    /** Number of indices rank {@code r} of {@code p} owns for an axis of {@code n} in blocks of {@code b}. */
    static long localSize(long n, int p, int r, long b) {
        long nfull = n / b;
        long part = n % b;
        long count = Math.max(0, Math.floorDiv(nfull - 1 - r, (long) p) + 1);
        long extra = (part > 0 && r == nfull % p) ? part : 0;
        return count * b + extra;
    }

    static long localFromGlobal(long g, int p, long b) {
        long block = g / b;
        return (block / p) * b + g % b;
    }

    static long globalFromLocal(long l, int p, int r, long b) {
        long localBlock = l / b;
        return (localBlock * p + r) * b + l % b;
    }
}
