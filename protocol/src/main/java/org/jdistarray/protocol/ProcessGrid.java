package org.jdistarray.protocol;

import java.util.Arrays;

/**
 * An N-d Cartesian process grid with C-order (row-major, last coordinate fastest) rank/coordinate maps,
 * the same order as {@code MPI_Cart_create}: in a 2×2×2 grid, coordinates (1,0,1) are rank 5.
 */
public final class ProcessGrid {
    private final int[] shape;
    private final int size;

    public ProcessGrid(int... shape) {
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 1) {
                throw new DistributionException("grid shape " + Arrays.toString(shape) + ": axis " + i
                        + " has " + shape[i] + " processes (must be >= 1)");
            }
            n *= shape[i];
            if (n > Integer.MAX_VALUE) {
                throw new DistributionException("grid shape " + Arrays.toString(shape) + " has more than 2^31 processes");
            }
        }
        this.shape = shape.clone();
        this.size = (int) n;
    }

    /** The grid shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of processes along {@code axis}. */
    public int shape(int axis) {
        return shape[axis];
    }

    public int ndim() {
        return shape.length;
    }

    /** Total number of processes (1 for a 0-d grid). */
    public int size() {
        return size;
    }

    /** The rank at grid coordinates {@code coords}. */
    public int rankOf(int... coords) {
        if (coords.length != shape.length) {
            throw new IllegalArgumentException("coordinates " + Arrays.toString(coords) + " have " + coords.length
                    + " entries, grid " + Arrays.toString(shape) + " has " + shape.length + " axes");
        }
        int rank = 0;
        for (int i = 0; i < shape.length; i++) {
            if (coords[i] < 0 || coords[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("grid coordinate " + coords[i] + " on axis " + i
                        + " out of range [0, " + shape[i] + ")");
            }
            rank = rank * shape[i] + coords[i];
        }
        return rank;
    }

    /** The grid coordinates of {@code rank}. */
    public int[] coordsOf(int rank) {
        if (rank < 0 || rank >= size) {
            throw new IndexOutOfBoundsException("rank " + rank + " out of range [0, " + size + ")");
        }
        int[] c = new int[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            c[i] = rank % shape[i];
            rank /= shape[i];
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProcessGrid g && Arrays.equals(g.shape, shape);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "ProcessGrid" + Arrays.toString(shape);
    }
}
