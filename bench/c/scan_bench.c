/* C twin of AlgoBenchmark's cumsum: each rank holds a block of N/P float64, computes its block total, MPI_Exscan of
 * the totals, then the scan of its block starting from the prefix (the same two passes JDistArray makes).
 * Prints "PEER impl=c_mpi op=cumsum ranks=P N=... seconds=<median of the slowest rank> ..." lines: op=cumsum writes
 * into one output block allocated once; op=cumsum_alloc mallocs and frees the output in every call (what a function
 * returning a new array pays: fresh pages, first-touch faults), as np.cumsum and JDistArray's Scans.cumsum do.
 *   mpirun -np 2 ./scan_bench            (env PEER_REPS default 5, ALGO_N default 2^25) */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank, nprocs;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &nprocs);
    long reps = getenv("PEER_REPS") ? atol(getenv("PEER_REPS")) : 5;
    long n = getenv("ALGO_N") ? atol(getenv("ALGO_N")) : (1L << 25);
    long lo = n * rank / nprocs, hi = n * (rank + 1) / nprocs, m = hi - lo;
    double *x = malloc(sizeof(double) * (m + 1)), *y = malloc(sizeof(double) * (m + 1));
    for (long i = 0; i < m; i++) x[i] = (double)((lo + i) % 7);
    double *t = malloc(sizeof(double) * reps);
    for (int alloc = 0; alloc < 2; alloc++) {
        for (long r = -1; r < reps; r++) {
            MPI_Barrier(MPI_COMM_WORLD);
            double start = MPI_Wtime();
            double *out = y;
            if (alloc) { /* a new result per call, as np.cumsum (and Scans.cumsum) return one */
                out = malloc(sizeof(double) * (m + 1));
            }
            double tot = -0.0, pre = -0.0;
            for (long i = 0; i < m; i++) tot += x[i];
            MPI_Exscan(&tot, &pre, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
            if (rank == 0) pre = -0.0;
            for (long i = 0; i < m; i++) { pre += x[i]; out[i] = pre; }
            if (m > 0 && out[m - 1] < 0) fprintf(stderr, "impossible\n");
            if (alloc) free(out);
            double mine = MPI_Wtime() - start, most;
            MPI_Allreduce(&mine, &most, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
            if (r >= 0) t[r] = most;
        }
        qsort(t, reps, sizeof(double), cmp);
        double s = t[reps / 2];
        if (rank == 0)
            printf("PEER impl=c_mpi op=%s ranks=%d N=%ld seconds=%.6g gbs=%.2f reps=%ld min=%.6g note=twin\n",
                   alloc ? "cumsum_alloc" : "cumsum", nprocs, n, s, 8.0 * n / s / 1e9, reps, t[0]);
        fflush(stdout);
    }
    free(x); free(y); free(t);
    MPI_Finalize();
    return 0;
}
