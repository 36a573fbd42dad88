/*
 * jdist_tpetra: a C ABI over Tpetra, Belos and (optionally) Ifpack2 for JDistArray's Trilinos bridge (JNA).
 *
 * Rules of the API
 *  - Every function returns an int: JDIST_TPETRA_OK (0) or an error code below. Results come back through
 *    out-pointers. No C++ exception crosses this boundary; the message of the last error on the calling thread is
 *    available from jdist_tpetra_last_error().
 *  - Handles are opaque pointers made by *_create / *_wrap and freed by the matching *_destroy. Passing NULL where a
 *    handle is expected is an error (JDIST_TPETRA_ERR_ARG), never a crash; a destroyed handle must not be used.
 *  - Types: global ordinals are long long (Tpetra GO), local counts int (Tpetra LO), scalars double.
 *  - MPI must be initialised by the caller before jdist_tpetra_initialize(): Tpetra never initialises or
 *    finalises MPI here (Tpetra itself is finalised inside MPI_Finalize). Communicators are passed as the raw
 *    MPI_Comm value cast to void* (Open MPI: a pointer).
 *  - Collective functions (marked "Collective") must be called on every rank of the handle's communicator.
 */
#ifndef JDIST_TPETRA_H
#define JDIST_TPETRA_H

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define JDIST_TPETRA_API __attribute__((visibility("default")))
#else
#define JDIST_TPETRA_API
#endif

#define JDIST_TPETRA_OK 0
/** An argument is invalid (NULL handle, negative size, mismatched maps, ...). */
#define JDIST_TPETRA_ERR_ARG 1
/** The call is not allowed in the current state (not initialised, matrix not fill-complete, ...). */
#define JDIST_TPETRA_ERR_STATE 2
/** Tpetra, Belos, Ifpack2 or the C++ runtime threw; the message says what. */
#define JDIST_TPETRA_ERR_TRILINOS 3
/** A feature that this build of the shim does not have (Ifpack2 preconditioners). */
#define JDIST_TPETRA_ERR_UNSUPPORTED 4

typedef struct jdist_tpetra_map jdist_tpetra_map;
typedef struct jdist_tpetra_mv jdist_tpetra_mv;
typedef struct jdist_tpetra_crs jdist_tpetra_crs;
typedef struct jdist_tpetra_solver jdist_tpetra_solver;

/* ---- library ---------------------------------------------------------------------------------------------- */

/** Not collective. Copies the message of the calling thread's last error (NUL-terminated, truncated to len) and
 *  stores its full length in *needed (may be NULL). Returns OK; the message is "" after a successful call. */
JDIST_TPETRA_API int jdist_tpetra_last_error(char *buf, int len, int *needed);
/** Not collective. sizes[0..3] = sizeof(LO), sizeof(GO), sizeof(Scalar), sizeof(size_t). */
JDIST_TPETRA_API int jdist_tpetra_type_sizes(int sizes[4]);
/** Not collective. *flag = 1 if this build has Ifpack2 preconditioners. */
JDIST_TPETRA_API int jdist_tpetra_has_ifpack2(int *flag);
/** Not collective. Copies "Trilinos <version>, Kokkos <space>" into buf. */
JDIST_TPETRA_API int jdist_tpetra_version(char *buf, int len);
/** Collective over MPI_COMM_WORLD. Starts a session: the first call runs Tpetra::initialize on the caller's MPI
 *  (ERR_STATE if MPI is not initialised, or Tpetra was initialised by other code) and arranges Tpetra::finalize to
 *  run inside MPI_Finalize (an MPI_COMM_SELF attribute): Kokkos 3.4 cannot be initialised twice in a process.
 *  Later calls, after jdist_tpetra_finalize(), start a new session on the running Tpetra. ERR_STATE if a session
 *  is active. */
JDIST_TPETRA_API int jdist_tpetra_initialize(void);
/** Not collective. Ends the session: creating objects fails until the next jdist_tpetra_initialize. Objects still
 *  alive can be destroyed. Tpetra and Kokkos stay up until MPI_Finalize; MPI keeps running. ERR_STATE if no
 *  session is active. */
JDIST_TPETRA_API int jdist_tpetra_finalize(void);
/** Not collective. *flag = 1 between jdist_tpetra_initialize and jdist_tpetra_finalize. */
JDIST_TPETRA_API int jdist_tpetra_is_initialized(int *flag);

/* ---- maps --------------------------------------------------------------------------------------------------- */

/** Collective on comm. A contiguous map: this rank owns local_n consecutive global ids after those of the lower
 *  ranks (index base 0). global_n is the sum of local_n over the ranks, or -1 to let Tpetra compute it. */
JDIST_TPETRA_API int jdist_tpetra_map_create_contiguous(void *comm, long long global_n, int local_n,
                                                        jdist_tpetra_map **out);
/** Collective on comm. A map with arbitrary global ids: this rank owns gids[0..local_n) in this local order (copied;
 *  each id in [0, global_n), no id on two ranks). global_n as above. */
JDIST_TPETRA_API int jdist_tpetra_map_create(void *comm, long long global_n, const long long *gids, int local_n,
                                             jdist_tpetra_map **out);
/** Not collective. Global size, local size, contiguity (1 = Tpetra::Map::isContiguous), smallest local id. */
JDIST_TPETRA_API int jdist_tpetra_map_info(const jdist_tpetra_map *map, long long *global_n, int *local_n,
                                           int *contiguous, long long *min_gid);
/** Collective. Tpetra::Map::isSameAs (same ids on the same ranks): *same = 1 or 0. */
JDIST_TPETRA_API int jdist_tpetra_map_same(const jdist_tpetra_map *a, const jdist_tpetra_map *b, int *same);
/** Not collective (Teuchos reference counting). Frees the handle; objects made on the map keep it alive. */
JDIST_TPETRA_API int jdist_tpetra_map_destroy(jdist_tpetra_map *map);

/* ---- (multi)vectors ----------------------------------------------------------------------------------------- */

/** Not collective. A multivector with ncols columns ON THE CALLER'S MEMORY (no copy; a Kokkos unmanaged host view):
 *  column j of this rank's part is data[j*ld .. j*ld + local_n). ld must equal local_n when ncols > 1 (it is
 *  ignored for one column). The memory must stay valid until the multivector is destroyed. data may be NULL only
 *  if local_n == 0. */
JDIST_TPETRA_API int jdist_tpetra_mv_wrap(const jdist_tpetra_map *map, double *data, int ld, int ncols,
                                          jdist_tpetra_mv **out);
/** Not collective. A zeroed multivector in memory Tpetra allocates. */
JDIST_TPETRA_API int jdist_tpetra_mv_create(const jdist_tpetra_map *map, int ncols, jdist_tpetra_mv **out);
/** Not collective. Address of this rank's values as Tpetra sees them (host view) and the column stride. */
JDIST_TPETRA_API int jdist_tpetra_mv_data(const jdist_tpetra_mv *mv, double **data, int *ld);
/** Not collective. Number of columns and local rows. */
JDIST_TPETRA_API int jdist_tpetra_mv_info(const jdist_tpetra_mv *mv, int *ncols, int *local_n);
/** Collective. 2-norm of each column into norms[0..ncols). */
JDIST_TPETRA_API int jdist_tpetra_mv_norm2(const jdist_tpetra_mv *mv, double *norms);
/** Collective. Column-wise dot products of a and b (same map, same ncols) into dots[0..ncols). */
JDIST_TPETRA_API int jdist_tpetra_mv_dot(const jdist_tpetra_mv *a, const jdist_tpetra_mv *b, double *dots);
/** Not collective. mv *= alpha. */
JDIST_TPETRA_API int jdist_tpetra_mv_scale(jdist_tpetra_mv *mv, double alpha);
/** Not collective. y = alpha * x + beta * y (same map, same ncols). */
JDIST_TPETRA_API int jdist_tpetra_mv_update(jdist_tpetra_mv *y, double alpha, const jdist_tpetra_mv *x, double beta);
/** Not collective. Every entry = alpha. */
JDIST_TPETRA_API int jdist_tpetra_mv_put_scalar(jdist_tpetra_mv *mv, double alpha);
/** Not collective. Frees the handle; wrapped memory stays the caller's. */
JDIST_TPETRA_API int jdist_tpetra_mv_destroy(jdist_tpetra_mv *mv);

/* ---- sparse matrices ---------------------------------------------------------------------------------------- */

/** Not collective. A CrsMatrix with row map row_map holding this rank's rows in CSR form: local row i (global id =
 *  the map's i-th local id) has entries cols[k], vals[k] for rowptr[i] <= k < rowptr[i+1]; cols are GLOBAL column
 *  ids. nrows must equal the map's local size. The arrays are copied. Not fill-complete yet. */
JDIST_TPETRA_API int jdist_tpetra_crs_create(const jdist_tpetra_map *row_map, int nrows, const int *rowptr,
                                             const long long *cols, const double *vals, jdist_tpetra_crs **out);
/** Collective. fillComplete with the given domain and range maps, or the row map for a NULL one. */
JDIST_TPETRA_API int jdist_tpetra_crs_fill_complete(jdist_tpetra_crs *a, const jdist_tpetra_map *domain_map,
                                                    const jdist_tpetra_map *range_map);
/** Not collective. Global rows, global columns, global entries (the last two valid after fill-complete, else -1),
 *  *filled = 1 if fill-complete. */
JDIST_TPETRA_API int jdist_tpetra_crs_info(const jdist_tpetra_crs *a, long long *global_rows, long long *global_cols,
                                           long long *global_nnz, int *filled);
/** Collective. y = alpha * op(A) x + beta * y, op = A (trans 0) or A^T (trans 1). A must be fill-complete; x on its
 *  domain map (range map for trans), y on its range map. */
JDIST_TPETRA_API int jdist_tpetra_crs_apply(const jdist_tpetra_crs *a, const jdist_tpetra_mv *x, jdist_tpetra_mv *y,
                                            double alpha, double beta, int trans);
/** Not collective. Frees the handle. */
JDIST_TPETRA_API int jdist_tpetra_crs_destroy(jdist_tpetra_crs *a);

/* ---- Belos solvers ------------------------------------------------------------------------------------------ */

/** Collective. A Belos solver for the fill-complete matrix a: solver "CG" or "GMRES" (restart = gmres_restart);
 *  preconditioner "NONE", "JACOBI", "SGS" (Ifpack2 RELAXATION), "ILUT" or "RILUK" (Ifpack2, level 0), applied on
 *  the right (ERR_UNSUPPORTED without Ifpack2). Stops when the implicit residual norm divided by the initial residual
 *  norm is <= tol, or after max_iters iterations. The preconditioner is computed here, once. */
JDIST_TPETRA_API int jdist_tpetra_solver_create(const jdist_tpetra_crs *a, const char *solver, const char *prec,
                                                double tol, int max_iters, int gmres_restart,
                                                jdist_tpetra_solver **out);
/** Collective. Solves A x = b (x holds the initial guess and receives the solution; b and x single columns or the
 *  same ncols). *iterations, *achieved_tol (Belos' achievedTol), *converged (1/0). */
JDIST_TPETRA_API int jdist_tpetra_solver_solve(jdist_tpetra_solver *s, jdist_tpetra_mv *x, const jdist_tpetra_mv *b,
                                               int *iterations, double *achieved_tol, int *converged);
/** Not collective. Frees the handle. */
JDIST_TPETRA_API int jdist_tpetra_solver_destroy(jdist_tpetra_solver *s);

#ifdef __cplusplus
}
#endif
#endif /* JDIST_TPETRA_H */
