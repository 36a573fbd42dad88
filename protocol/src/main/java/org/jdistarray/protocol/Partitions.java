package org.jdistarray.protocol;

/** Default block partitions. */
public final class Partitions {
    private Partitions() {
    }

    /**
     * The balanced partition PETSc ({@code PETSC_DECIDE}) and Tpetra use: the first {@code size % parts}
     * ranks get one element more. 10 over 4 gives bounds [0, 3, 6, 8, 10]. More ranks than elements leaves
     * the trailing ranks empty (legal everywhere in JDistArray).
     *
     * @return {@code parts + 1} bounds from 0 to {@code size}
     */
    public static long[] balanced(long size, int parts) {
        if (size < 0) {
            throw new DistributionException("partition: size must be >= 0, got " + size);
        }
        if (parts < 1) {
            throw new DistributionException("partition: number of parts must be >= 1, got " + parts);
        }
        long base = size / parts;
        long extra = size % parts;
        long[] bounds = new long[parts + 1];
        for (int r = 0; r < parts; r++) {
            bounds[r + 1] = bounds[r] + base + (r < extra ? 1 : 0);
        }
        return bounds;
    }

    /**
     * DistArray 0.5's partition ({@code _start_stop_block}): chunks of {@code ceil(size / parts)}; trailing
     * ranks may be short or empty. 10 over 4 gives [0, 3, 6, 9, 10]. For layouts identical to DistArray's.
     */
    public static long[] ceilChunks(long size, int parts) {
        if (size < 0 || parts < 1) {
            throw new DistributionException("partition: need size >= 0 and parts >= 1, got " + size + ", " + parts);
        }
        long chunk = (size + parts - 1) / parts;
        long[] bounds = new long[parts + 1];
        for (int r = 0; r < parts; r++) {
            bounds[r + 1] = Math.min(size, bounds[r] + chunk);
        }
        return bounds;
    }
}
