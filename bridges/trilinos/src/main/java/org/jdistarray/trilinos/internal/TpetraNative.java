package org.jdistarray.trilinos.internal;

/**
 * The shim's entry points, direct-mapped ({@code Native.register}): handles and addresses as {@code long}, out
 * parameters as one-element arrays, strings as Java strings. See {@code jdist_tpetra.h} for the contracts.
 */
final class TpetraNative {
    private TpetraNative() {
    }

    static native int jdist_tpetra_last_error(byte[] buf, int len, int[] needed);

    static native int jdist_tpetra_type_sizes(int[] sizes);

    static native int jdist_tpetra_has_ifpack2(int[] flag);

    static native int jdist_tpetra_version(byte[] buf, int len);

    static native int jdist_tpetra_initialize();

    static native int jdist_tpetra_finalize();

    static native int jdist_tpetra_is_initialized(int[] flag);

    static native int jdist_tpetra_map_create_contiguous(long comm, long globalN, int localN, long[] out);

    static native int jdist_tpetra_map_create(long comm, long globalN, long[] gids, int localN, long[] out);

    static native int jdist_tpetra_map_info(long map, long[] globalN, int[] localN, int[] contiguous, long[] minGid);

    static native int jdist_tpetra_map_same(long a, long b, int[] same);

    static native int jdist_tpetra_map_destroy(long map);

    static native int jdist_tpetra_mv_wrap(long map, long data, int ld, int ncols, long[] out);

    static native int jdist_tpetra_mv_create(long map, int ncols, long[] out);

    static native int jdist_tpetra_mv_data(long mv, long[] data, int[] ld);

    static native int jdist_tpetra_mv_norm2(long mv, double[] norms);

    static native int jdist_tpetra_mv_dot(long a, long b, double[] dots);

    static native int jdist_tpetra_mv_scale(long mv, double alpha);

    static native int jdist_tpetra_mv_update(long y, double alpha, long x, double beta);

    static native int jdist_tpetra_mv_put_scalar(long mv, double alpha);

    static native int jdist_tpetra_mv_destroy(long mv);

    static native int jdist_tpetra_crs_create(long map, int nrows, int[] rowptr, long[] cols, double[] vals, long[] out);

    static native int jdist_tpetra_crs_fill_complete(long a, long domain, long range);

    static native int jdist_tpetra_crs_info(long a, long[] rows, long[] cols, long[] nnz, int[] filled);

    static native int jdist_tpetra_crs_apply(long a, long x, long y, double alpha, double beta, int trans);

    static native int jdist_tpetra_crs_destroy(long a);

    static native int jdist_tpetra_solver_create(long a, String solver, String prec, double tol, int maxIters,
            int restart, long[] out);

    static native int jdist_tpetra_solver_solve(long s, long x, long b, int[] its, double[] tol, int[] converged);

    static native int jdist_tpetra_solver_destroy(long s);
}
