/* Row-block -> column-block redistribution of an NY x NX float64 array, C + MPI: the same algorithm as the mpi4py
 * baseline (../shared/bench/mpi4py_bench.py bench_redist): pack each destination's columns, one MPI_Alltoallv,
 * receive in place (rows from each source land contiguously in the column block).
 *   mpirun -np P ./redist_bench        PEER_N (default 2^24 = 4096 x 4096), PEER_REPS (default 10)
 * Prints one PEER line (slowest rank's time, median over reps after a warm-up; gbs = 16 N / seconds). */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static long env_long(const char *name, long dflt) {
    const char *v = getenv(name);
    return v && *v ? atol(v) : dflt;
}

static void split(long n, int p, int r, long *s, long *e) {
    long q = n / p, rem = n % p;
    *s = r * q + (r < rem ? r : rem);
    *e = *s + q + (r < rem ? 1 : 0);
}

/* Large blocks on transparent huge pages (madvise), as NumPy allocates its large arrays and JDistArray its blocks:
 * on this machine (THP in madvise mode) that alone makes the exchange about 1.5x faster. NOHUGE=1 turns it off. */
static void *big(size_t n) {
    void *p = NULL;
    if (posix_memalign(&p, 1 << 21, n)) { fprintf(stderr, "out of memory\n"); MPI_Abort(MPI_COMM_WORLD, 1); }
    if (!getenv("NOHUGE")) madvise(p, n, MADV_HUGEPAGE);
    return p;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int P, rank;
    MPI_Comm_size(MPI_COMM_WORLD, &P);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    long N = env_long("PEER_N", 1L << 24), reps = env_long("PEER_REPS", 10);
    int k = 0;
    while ((1L << (k + 1)) <= N) k++;
    long ny = 1L << (k / 2), nx = N / ny;
    long r0, r1, c0, c1;
    split(ny, P, rank, &r0, &r1);
    split(nx, P, rank, &c0, &c1);
    long rows = r1 - r0, cw = c1 - c0;
    double *A = big(sizeof(double) * rows * nx), *B = big(sizeof(double) * ny * cw);
    double *send = big(sizeof(double) * rows * nx);
    for (long i = 0; i < rows; i++)
        for (long j = 0; j < nx; j++) A[i * nx + j] = (double)(r0 + i) * nx + j;
    int *sc = malloc(sizeof(int) * P), *sd = malloc(sizeof(int) * P), *rc = malloc(sizeof(int) * P),
        *rd = malloc(sizeof(int) * P);
    long *qc0 = malloc(sizeof(long) * P), *qc1 = malloc(sizeof(long) * P);
    int so = 0, ro = 0;
    for (int q = 0; q < P; q++) {
        long a, b, qr0, qr1;
        split(nx, P, q, &a, &b);
        qc0[q] = a; qc1[q] = b;
        split(ny, P, q, &qr0, &qr1);
        sc[q] = (int)(rows * (b - a)); sd[q] = so; so += sc[q];
        rc[q] = (int)((qr1 - qr0) * cw); rd[q] = ro; ro += rc[q];
    }
    double *t = malloc(sizeof(double) * reps);
    for (long r = -1; r < reps; r++) {
        MPI_Barrier(MPI_COMM_WORLD);
        double t0 = MPI_Wtime();
        for (int q = 0; q < P; q++) {
            long w = qc1[q] - qc0[q];
            double *dst = send + sd[q];
            for (long i = 0; i < rows; i++) memcpy(dst + i * w, A + i * nx + qc0[q], sizeof(double) * w);
        }
        MPI_Alltoallv(send, sc, sd, MPI_DOUBLE, B, rc, rd, MPI_DOUBLE, MPI_COMM_WORLD);
        double dt = MPI_Wtime() - t0, mx;
        MPI_Allreduce(&dt, &mx, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
        if (r >= 0) t[r] = mx;
    }
    for (long i = 0; i < ny; i++)
        for (long j = 0; j < cw; j++)
            if (B[i * cw + j] != (double)i * nx + c0 + j) { fprintf(stderr, "wrong result\n"); MPI_Abort(MPI_COMM_WORLD, 1); }
    qsort(t, reps, sizeof(double), cmp);
    double med = reps % 2 ? t[reps / 2] : 0.5 * (t[reps / 2 - 1] + t[reps / 2]);
    if (rank == 0)
        printf("PEER impl=c_mpi op=redist_row2col ranks=%d N=%ld seconds=%.6g gbs=%.2f reps=%ld min=%.6g note=alltoallv_%ldx%ld\n",
               P, N, med, 16.0 * N / med / 1e9, reps, t[0], ny, nx);
    MPI_Finalize();
    return 0;
}
