package org.jdistarray.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Choosing and checking process-grid shapes: DistArray 0.5's {@code make_grid_shape} and
 * {@code normalize_grid_shape} (distarray-0.5.md §3), plus the all-ranks variant JDistArray uses by default.
 *
 * <p>All methods are pure functions of their arguments. Errors are {@link DistributionException}s that name
 * the offending axis, value and rule.
 */
public final class GridShapes {
    private GridShapes() {
    }

    /**
     * DistArray 0.5's {@code make_grid_shape}: the grid shape DistArray would choose for an array of
     * {@code shape} with per-axis kinds {@code kinds} over {@code commSize} processes.
     *
     * <p><b>Not collective.</b> The rule:
     * <ol>
     *   <li>Undistributed axes get grid size 1. No distributed axis: all ones.</li>
     *   <li>One distributed axis {@code d}: {@code min(commSize, shape[d])} there (so a short axis uses fewer
     *       than {@code commSize} processes).</li>
     *   <li>{@code commSize == 1}: all ones.</li>
     *   <li>Otherwise every multiplicative partition of {@code commSize} into as many non-decreasing factors as
     *       there are distributed axes (1s included, lexicographic order) is reordered so that the smallest
     *       factor goes to the shortest distributed axis (ties keep axis order); the candidate whose vector of
     *       pairwise ratios {@code x_i / x_j} ({@code i < j}) is closest (Euclidean) to that of the distributed
     *       axis sizes wins; the first minimum wins ties.</li>
     * </ol>
     * Postconditions as in DistArray: grid sizes {@code >= 1}, undistributed axes 1, grid size
     * {@code <= shape[i]} wherever {@code shape[i] > 0}, product {@code <= commSize}.
     *
     * <p><b>Zero-length axes</b> (where DistArray fails, because it divides by the size or returns grid size 0):
     * a single distributed axis of length 0 gets all {@code commSize} processes (every block is empty, which is
     * legal in JDistArray); with several distributed axes a length of 0 is treated as 1 when sorting axes and
     * computing ratios.
     *
     * @param shape global shape, every entry {@code >= 0}
     * @param kinds one kind per axis; {@link DistKind#UNSTRUCTURED} counts as distributed
     * @param commSize number of processes, {@code >= 1}
     * @return one grid size per axis
     * @throws DistributionException if a precondition or postcondition fails
     */
    public static int[] defaultGridShape(long[] shape, List<DistKind> kinds, int commSize) {
        return choose(shape, kinds, commSize, true);
    }

    /**
     * JDistArray's default grid shape for a layout over all {@code commSize} ranks: the same rule as
     * {@link #defaultGridShape}, except that it never uses fewer ranks and accepts empty blocks. A single
     * distributed axis gets {@code commSize} processes even when it is shorter (trailing blocks are empty),
     * and a grid size larger than its axis is accepted. Where {@code defaultGridShape} returns a grid whose
     * product is {@code commSize}, this method returns the same grid.
     *
     * <p><b>Not collective.</b>
     *
     * <p>With no distributed axis (a 0-d array, or every axis undistributed) the grid is all ones: its one
     * position is held by every rank (a replicated array, see {@link GlobalLayout}).
     *
     * @throws DistributionException on bad arguments
     */
    public static int[] allRanksGridShape(long[] shape, List<DistKind> kinds, int commSize) {
        int[] grid = choose(shape, kinds, commSize, false);
        if (product(grid) != commSize && product(grid) != 1) {
            throw new DistributionException("no axis of kinds " + kinds + " is distributed, so the grid "
                    + Arrays.toString(grid) + " has 1 process, not the " + commSize + " requested");
        }
        return grid;
    }

    /**
     * DistArray's {@code normalize_grid_shape}, stricter: pads {@code gridShape} with 1s to the number of axes
     * and checks it.
     *
     * <p><b>Not collective.</b> The product may be smaller than {@code commSize} here (the grid may use a
     * subset of the processes); {@link GlobalLayout#fromShape} then requires it to equal the number of ranks.
     * A grid size larger than its axis is accepted (empty blocks are legal).
     *
     * @throws DistributionException if an entry is {@code < 1}, {@code gridShape} is longer than the number of
     *     axes, an undistributed axis has a grid size other than 1, or the product exceeds {@code commSize};
     *     and on the preconditions of {@link #defaultGridShape}
     */
    public static int[] normalizeGridShape(int[] gridShape, long[] shape, List<DistKind> kinds, int commSize) {
        checkPreconditions(shape, kinds, commSize);
        if (gridShape == null) {
            throw new DistributionException("grid shape is null");
        }
        if (gridShape.length > shape.length) {
            throw new DistributionException("grid shape " + Arrays.toString(gridShape) + " has " + gridShape.length
                    + " entries, more than the " + shape.length + " axes of shape " + Arrays.toString(shape));
        }
        int[] grid = new int[shape.length];
        Arrays.fill(grid, 1);
        for (int i = 0; i < gridShape.length; i++) {
            if (gridShape[i] < 1) {
                throw new DistributionException("grid shape " + Arrays.toString(gridShape) + ": axis " + i
                        + " has " + gridShape[i] + " processes (must be >= 1)");
            }
            grid[i] = gridShape[i];
        }
        for (int i = 0; i < grid.length; i++) {
            if (kinds.get(i) == DistKind.UNDISTRIBUTED && grid[i] != 1) {
                throw new DistributionException("grid shape " + Arrays.toString(grid) + ": axis " + i
                        + " is undistributed but has grid size " + grid[i] + " (must be 1)");
            }
        }
        long p = product(grid);
        if (p > commSize) {
            throw new DistributionException("grid shape " + Arrays.toString(grid) + " needs " + p
                    + " processes, more than the " + commSize + " available");
        }
        return grid;
    }

    private static int[] choose(long[] shape, List<DistKind> kinds, int commSize, boolean distArrayExact) {
        checkPreconditions(shape, kinds, commSize);
        int ndim = shape.length;
        List<Integer> distDims = new ArrayList<>();
        for (int i = 0; i < ndim; i++) {
            if (kinds.get(i).isDistributed()) {
                distDims.add(i);
            }
        }
        int k = distDims.size();
        int[] distGrid;
        if (k == 0) {
            distGrid = new int[0];
        } else if (k == 1) {
            long n = shape[distDims.get(0)];
            distGrid = new int[] {distArrayExact && n > 0 ? (int) Math.min(commSize, n) : commSize};
        } else if (commSize == 1) {
            distGrid = new int[k];
            Arrays.fill(distGrid, 1);
        } else {
            double[] sizes = new double[k];
            for (int j = 0; j < k; j++) {
                sizes[j] = Math.max(1, shape[distDims.get(j)]);
            }
            distGrid = closestPartition(commSize, sizes);
        }
        int[] grid = new int[ndim];
        Arrays.fill(grid, 1);
        for (int j = 0; j < k; j++) {
            grid[distDims.get(j)] = distGrid[j];
        }
        if (distArrayExact) {
            checkPostconditions(grid, shape, kinds, commSize);
        }
        return grid;
    }

    /** Step 5 of make_grid_shape: the mirrored partition whose ratio vector is closest to that of {@code sizes}. */
    private static int[] closestPartition(int commSize, double[] sizes) {
        Integer[] order = new Integer[sizes.length];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Double.compare(sizes[a], sizes[b])); // stable: ties keep axis order
        double[] target = ratios(sizes);
        int[] best = null;
        double bestNorm = Double.POSITIVE_INFINITY;
        for (int[] factors : multiplicativePartitions(commSize, sizes.length)) {
            int[] mirrored = new int[factors.length];
            for (int s = 0; s < factors.length; s++) {
                mirrored[order[s]] = factors[s];
            }
            double[] r = ratios(toDoubles(mirrored));
            double sum = 0;
            for (int i = 0; i < r.length; i++) {
                double d = target[i] - r[i];
                sum += d * d;
            }
            double norm = Math.sqrt(sum);
            if (best == null || norm < bestNorm) {
                best = mirrored;
                bestNorm = norm;
            }
        }
        return best;
    }

    /**
     * All ways to write {@code n} as a product of {@code k} non-decreasing factors {@code >= 1}, in lexicographic
     * order (DistArray's {@code utils.mult_partitions}): 12 into 2 gives (1,12), (2,6), (3,4).
     */
    static List<int[]> multiplicativePartitions(int n, int k) {
        if (n < 1 || k < 1) {
            throw new IllegalArgumentException("multiplicative partitions need n >= 1 and k >= 1, got n " + n + ", k " + k);
        }
        List<int[]> out = new ArrayList<>();
        partitions(n, k, 1, new int[k], 0, out);
        return out;
    }

    private static void partitions(int n, int k, int min, int[] prefix, int pos, List<int[]> out) {
        if (pos == k - 1) {
            if (n >= min) {
                prefix[pos] = n;
                out.add(prefix.clone());
            }
            return;
        }
        for (int d = min; (long) d * d <= n; d++) {
            if (n % d == 0) {
                prefix[pos] = d;
                partitions(n / d, k, d, prefix, pos + 1, out);
            }
        }
    }

    /** Pairwise ratios {@code x[i] / x[j]} for {@code i < j}, row by row (DistArray's {@code _compute_grid_ratios}). */
    private static double[] ratios(double[] x) {
        double[] r = new double[x.length * (x.length - 1) / 2];
        int q = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                r[q++] = x[i] / x[j];
            }
        }
        return r;
    }

    private static double[] toDoubles(int[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    static long product(int[] grid) {
        long p = 1;
        for (int g : grid) {
            p *= g;
        }
        return p;
    }

    private static void checkPreconditions(long[] shape, List<DistKind> kinds, int commSize) {
        if (commSize < 1) {
            throw new DistributionException("number of processes must be >= 1, got " + commSize);
        }
        if (shape == null || kinds == null) {
            throw new DistributionException("shape and kinds are required");
        }
        if (shape.length != kinds.size()) {
            throw new DistributionException("shape " + Arrays.toString(shape) + " has " + shape.length
                    + " axes but " + kinds.size() + " distribution kinds were given: " + kinds);
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new DistributionException("shape " + Arrays.toString(shape) + ": axis " + i
                        + " has negative length " + shape[i]);
            }
            if (kinds.get(i) == null) {
                throw new DistributionException("distribution kind of axis " + i + " is null");
            }
        }
    }

    private static void checkPostconditions(int[] grid, long[] shape, List<DistKind> kinds, int commSize) {
        for (int i = 0; i < grid.length; i++) {
            if (grid[i] < 1) {
                throw new DistributionException("grid shape " + Arrays.toString(grid) + ": axis " + i
                        + " has " + grid[i] + " processes (must be >= 1)");
            }
            if (kinds.get(i) == DistKind.UNDISTRIBUTED && grid[i] != 1) {
                throw new DistributionException("grid shape " + Arrays.toString(grid) + ": undistributed axis "
                        + i + " has grid size " + grid[i]);
            }
            if (shape[i] > 0 && grid[i] > shape[i]) {
                throw new DistributionException("grid shape " + Arrays.toString(grid) + ": axis " + i + " has "
                        + grid[i] + " processes but only " + shape[i] + " elements (DistArray's rule; pass an"
                        + " explicit grid shape or use allRanksGridShape to accept empty blocks)");
            }
        }
        if (product(grid) > commSize) {
            throw new DistributionException("grid shape " + Arrays.toString(grid) + " needs " + product(grid)
                    + " processes, more than the " + commSize + " available");
        }
    }
}
