package org.jdistarray.sparse;

/**
 * The finite-difference Laplacian stencils {@link Stencils} assembles, each with its neighbour offsets and weights
 * (the operator {@code -Δ}, unscaled).
 */
public enum Stencil {
    /** 4 on the diagonal, -1 for the 4 edge neighbours. */
    FIVE_POINT_2D(2, new int[][] {{-1, 0}, {0, -1}, {0, 0}, {0, 1}, {1, 0}}, new double[] {-1, -1, 4, -1, -1}),
    /** The compact fourth-order ("Mehrstellen") stencil: 20/6 on the diagonal, -4/6 edge, -1/6 corner neighbours. */
    NINE_POINT_2D(2, new int[][] {{-1, -1}, {-1, 0}, {-1, 1}, {0, -1}, {0, 0}, {0, 1}, {1, -1}, {1, 0}, {1, 1}},
            new double[] {-1 / 6.0, -4 / 6.0, -1 / 6.0, -4 / 6.0, 20 / 6.0, -4 / 6.0, -1 / 6.0, -4 / 6.0, -1 / 6.0}),
    /** 6 on the diagonal, -1 for the 6 face neighbours. */
    SEVEN_POINT_3D(3, new int[][] {{-1, 0, 0}, {0, -1, 0}, {0, 0, -1}, {0, 0, 0}, {0, 0, 1}, {0, 1, 0}, {1, 0, 0}},
            new double[] {-1, -1, -1, 6, -1, -1, -1});

    private final int dims;
    private final int[][] offsets;
    private final double[] weights;

    Stencil(int dims, int[][] offsets, double[] weights) {
        this.dims = dims;
        this.offsets = offsets;
        this.weights = weights;
    }

    /** <b>Not collective.</b> Number of grid axes the stencil works on. */
    public int dims() {
        return dims;
    }

    /** Neighbour offsets in C order of the offsets (shared, not copied: package use only). */
    int[][] offsets() {
        return offsets;
    }

    /** Weight of each offset (shared, not copied: package use only). */
    double[] weights() {
        return weights;
    }
}
