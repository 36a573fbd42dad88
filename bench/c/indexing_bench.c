/* C + MPI twins of JDistArray's indexing benchmarks (IndexingBenchmark), same cases, same timing method:
 *   gather M   : M random indices (splitmix64, block over ranks) into a block float64 array of N elements:
 *                owners by the balanced block rule, MPI_Alltoall of counts, MPI_Alltoallv of the indices,
 *                local reads, MPI_Alltoallv of the values back, unpermute into a fresh result
 *   mask_half N: a pseudorandom half of a block float64 array selected into a fresh result in C order:
 *                local compaction, MPI_Allgather of counts, MPI_Alltoallv onto the balanced block result
 * Prints "PEER impl=c_mpi op=... ranks=P N=... seconds=<median of the slowest rank> gbs=..." lines.
 *   mpirun -np 2 ./indexing_bench            (env PEER_REPS default 11, PEER_N default 2^25, IDX_M default 10^6) */
#include <mpi.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int rank, nprocs;
static long REPS;
static volatile double sink;

static uint64_t mix(uint64_t x) {
    uint64_t z = x + 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static long lo_of(long n, int r) { long b = n / nprocs, e = n % nprocs; return r * b + (r < e ? r : e); }
static int owner_of(long n, long i) {
    long b = n / nprocs, e = n % nprocs, big = (b + 1) * e;
    return i < big ? (int) (i / (b + 1)) : (int) (e + (i - big) / b);
}

static int cmpd(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void report(const char *op, long n, double bytes, double *t) {
    qsort(t, REPS, sizeof(double), cmpd);
    double med = t[REPS / 2];
    if (rank == 0) {
        printf("PEER impl=c_mpi op=%s ranks=%d N=%ld seconds=%.6g gbs=%.2f reps=%ld min=%.6g note=twin\n", op, nprocs,
               n, med, bytes / med / 1e9, REPS, t[0]);
        fflush(stdout);
    }
}

static void gather(const double *a, long n, const int64_t *idx, long m) {
    int *sc = calloc(nprocs, sizeof(int)), *rc = malloc(nprocs * sizeof(int));
    int *sd = malloc(nprocs * sizeof(int)), *rd = malloc(nprocs * sizeof(int)), *fill = malloc(nprocs * sizeof(int));
    int *dest = malloc(m * sizeof(int)), *pos = malloc(m * sizeof(int));
    for (long i = 0; i < m; i++) { dest[i] = owner_of(n, idx[i]); sc[dest[i]]++; }
    MPI_Alltoall(sc, 1, MPI_INT, rc, 1, MPI_INT, MPI_COMM_WORLD);
    long tot = 0;
    for (int r = 0; r < nprocs; r++) { sd[r] = r ? sd[r - 1] + sc[r - 1] : 0; rd[r] = r ? rd[r - 1] + rc[r - 1] : 0; tot += rc[r]; }
    memcpy(fill, sd, nprocs * sizeof(int));
    int64_t *req = malloc((m + 1) * 8), *got = malloc((tot + 1) * 8);
    for (long i = 0; i < m; i++) { pos[i] = fill[dest[i]]++; req[pos[i]] = idx[i]; }
    MPI_Alltoallv(req, sc, sd, MPI_INT64_T, got, rc, rd, MPI_INT64_T, MPI_COMM_WORLD);
    long lo = lo_of(n, rank);
    double *resp = malloc((tot + 1) * 8), *back = malloc((m + 1) * 8), *out = malloc((m + 1) * 8);
    for (long k = 0; k < tot; k++) resp[k] = a[got[k] - lo];
    MPI_Alltoallv(resp, rc, rd, MPI_DOUBLE, back, sc, sd, MPI_DOUBLE, MPI_COMM_WORLD);
    for (long i = 0; i < m; i++) out[i] = back[pos[i]];
    sink = m ? out[m - 1] : 0;
    free(sc); free(rc); free(sd); free(rd); free(fill); free(dest); free(pos);
    free(req); free(got); free(resp); free(back); free(out);
}

static void mask_half(const double *a, const unsigned char *mask, long local) {
    double *picked = malloc((local + 1) * 8);
    long c = 0;
    for (long i = 0; i < local; i++) if (mask[i]) picked[c++] = a[i];
    long *counts = malloc(nprocs * sizeof(long));
    MPI_Allgather(&c, 1, MPI_LONG, counts, 1, MPI_LONG, MPI_COMM_WORLD);
    long *start = malloc((nprocs + 1) * sizeof(long));
    start[0] = 0;
    for (int r = 0; r < nprocs; r++) start[r + 1] = start[r] + counts[r];
    long total = start[nprocs];
    int *sc = malloc(nprocs * sizeof(int)), *rc = malloc(nprocs * sizeof(int));
    int *sd = malloc(nprocs * sizeof(int)), *rd = malloc(nprocs * sizeof(int));
    for (int q = 0; q < nprocs; q++) {
        long olo = lo_of(total, q), ohi = lo_of(total, q + 1), mlo = lo_of(total, rank), mhi = lo_of(total, rank + 1);
        long a1 = start[rank] > olo ? start[rank] : olo, b1 = start[rank + 1] < ohi ? start[rank + 1] : ohi;
        long a2 = start[q] > mlo ? start[q] : mlo, b2 = start[q + 1] < mhi ? start[q + 1] : mhi;
        sc[q] = b1 > a1 ? (int) (b1 - a1) : 0;
        rc[q] = b2 > a2 ? (int) (b2 - a2) : 0;
    }
    for (int r = 0; r < nprocs; r++) { sd[r] = r ? sd[r - 1] + sc[r - 1] : 0; rd[r] = r ? rd[r - 1] + rc[r - 1] : 0; }
    long mine = lo_of(total, rank + 1) - lo_of(total, rank);
    double *out = malloc((mine + 1) * 8);
    MPI_Alltoallv(picked, sc, sd, MPI_DOUBLE, out, rc, rd, MPI_DOUBLE, MPI_COMM_WORLD);
    sink = mine ? out[mine - 1] : 0;
    free(picked); free(counts); free(start); free(sc); free(rc); free(sd); free(rd); free(out);
}

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &nprocs);
    REPS = getenv("PEER_REPS") ? atol(getenv("PEER_REPS")) : 11;
    long n = getenv("PEER_N") ? atol(getenv("PEER_N")) : 1L << 25;
    long m = getenv("IDX_M") ? atol(getenv("IDX_M")) : 1000000;
    long lo = lo_of(n, rank), local = lo_of(n, rank + 1) - lo;
    long mlo = lo_of(m, rank), mlocal = lo_of(m, rank + 1) - mlo;
    double *a = malloc((local + 1) * 8);
    unsigned char *mask = malloc(local + 1);
    int64_t *idx = malloc((mlocal + 1) * 8);
    for (long i = 0; i < local; i++) { a[i] = (double) (lo + i); mask[i] = mix(lo + i + 7) & 1; }
    for (long i = 0; i < mlocal; i++) idx[i] = (int64_t) (mix(mlo + i) % (uint64_t) n);
    double *t = malloc(REPS * sizeof(double));
    for (int w = 0; w < 3; w++) gather(a, n, idx, mlocal);
    for (long r = 0; r < REPS; r++) {
        MPI_Barrier(MPI_COMM_WORLD);
        double s = MPI_Wtime();
        gather(a, n, idx, mlocal);
        double e = MPI_Wtime() - s;
        MPI_Allreduce(&e, &t[r], 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
    }
    report("gather", m, 16.0 * m, t);
    for (int w = 0; w < 3; w++) mask_half(a, mask, local);
    for (long r = 0; r < REPS; r++) {
        MPI_Barrier(MPI_COMM_WORLD);
        double s = MPI_Wtime();
        mask_half(a, mask, local);
        double e = MPI_Wtime() - s;
        MPI_Allreduce(&e, &t[r], 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
    }
    report("mask_half", n, 13.0 * n, t);
    free(a); free(mask); free(idx); free(t);
    MPI_Finalize();
    return 0;
}
