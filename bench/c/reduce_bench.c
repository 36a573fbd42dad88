/* C + MPI twins of JDistArray's reduction benchmarks (ReductionBenchmark), same cases, same timing method:
 *   sum N        : local sum of N/P float64 (4 independent 4-wide accumulators, as ../../shared/bench/c/peer_c.c)
 *                  + MPI_Allreduce of one double; CALLS calls per repetition (small N), seconds per call
 *   sum_axis1 R C: an R x C float64 array, block x block on a 1 x P grid (each rank R rows x C/P columns):
 *                  row sums + MPI_Reduce of R doubles to rank 0 over the ranks sharing the rows
 * Prints "PEER impl=c_mpi (c_mpi_serialized with PEER_THREAD_LEVEL=serialized) op=... ranks=P N=... seconds=<median of the slowest rank> gbs=..." lines.
 *   mpirun -np 2 ./reduce_bench            (env PEER_REPS, default 11) */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "local_sum.h"
static int rank, nprocs;
static long REPS;
static const char *impl = "c_mpi";

static int cmpd(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}


static volatile double sink;

static void report(const char *op, long n, long calls, double *t) {
    qsort(t, REPS, sizeof(double), cmpd);
    double med = t[REPS / 2] / calls;
    if (rank == 0) {
        printf("PEER impl=%s op=%s ranks=%d N=%ld seconds=%.6g gbs=%.2f reps=%ld min=%.6g note=twin\n", impl, op, nprocs,
               n, med, 8.0 * n / med / 1e9, REPS, t[0] / calls);
        fflush(stdout);
    }
}

static void bench_sum(long n, long calls) {
    long m = n / nprocs + (rank < n % nprocs ? 1 : 0);
    double *x = malloc(sizeof(double) * (m ? m : 1));
    for (long i = 0; i < m; i++) x[i] = 1.0;
    double *t = malloc(sizeof(double) * REPS);
    for (long r = -1; r < REPS; r++) {
        MPI_Barrier(MPI_COMM_WORLD);
        double t0 = MPI_Wtime();
        for (long c = 0; c < calls; c++) {
            double loc = local_sum(x, m), tot;
            MPI_Allreduce(&loc, &tot, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
            sink = tot;
        }
        double dt = MPI_Wtime() - t0, mx;
        MPI_Allreduce(&dt, &mx, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
        if (r >= 0) t[r] = mx;
    }
    if (sink != (double)n && rank == 0) fprintf(stderr, "sum mismatch %g\n", sink);
    report("sum", n, calls, t);
    free(t);
    free(x);
}

static void bench_axis1(long rows, long cols) {
    long c = cols / nprocs + (rank < cols % nprocs ? 1 : 0);
    double *x = malloc(sizeof(double) * rows * c);
    double *part = malloc(sizeof(double) * rows), *out = malloc(sizeof(double) * rows);
    for (long i = 0; i < rows * c; i++) x[i] = 1.0;
    double *t = malloc(sizeof(double) * REPS);
    for (long r = -1; r < REPS; r++) {
        MPI_Barrier(MPI_COMM_WORLD);
        double t0 = MPI_Wtime();
        for (long i = 0; i < rows; i++) part[i] = local_sum(x + i * c, c);
        MPI_Reduce(part, out, (int)rows, MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD);
        double dt = MPI_Wtime() - t0, mx;
        MPI_Allreduce(&dt, &mx, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
        if (r >= 0) t[r] = mx;
    }
    if (rank == 0 && out[rows - 1] != (double)cols) fprintf(stderr, "row sum mismatch %g\n", out[rows - 1]);
    report("sum_axis1", rows * cols, 1, t);
    free(t); free(x); free(part); free(out);
}

int main(int argc, char **argv) {
    /* PEER_THREAD_LEVEL=serialized: MPI_Init_thread(MPI_THREAD_SERIALIZED), JDistArray's default level (Open MPI
     * 4.1 costs about 0.1 us more per small collective at any level above single); default MPI_Init (single) */
    const char *level = getenv("PEER_THREAD_LEVEL");
    int serialized = level && !strcmp(level, "serialized"), provided;
    if (serialized) MPI_Init_thread(&argc, &argv, MPI_THREAD_SERIALIZED, &provided);
    else MPI_Init(&argc, &argv);
    impl = serialized ? "c_mpi_serialized" : "c_mpi";
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &nprocs);
    const char *reps = getenv("PEER_REPS");
    REPS = reps && *reps ? atol(reps) : 11;
    /* argv[1]: one case (large: the sum of 2^25, small: of 4096, axis1: sum(axis=1)); none: all three */
    const char *only = argc > 1 ? argv[1] : "";
    if (!*only || !strcmp(only, "large")) bench_sum(1L << 25, 1);
    if (!*only || !strcmp(only, "small")) bench_sum(4096, 20000);
    if (!*only || !strcmp(only, "axis1")) bench_axis1(4096, 4096);
    MPI_Finalize();
    return 0;
}
