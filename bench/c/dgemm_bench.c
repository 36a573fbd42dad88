/* One-rank baseline of MatmulBenchmark: cblas_dgemm of two N x N float64 matrices (row-major) on one core, from the
 * BLAS JDistArray binds (dlopen of BLAS_LIB, default: Debian's openblas-serial, else libblas.so.3, the order of
 * org.jdistarray.algo.internal.Blas). No MPI. Prints "PEER impl=c_blas op=matmul ranks=1 N=... seconds=<median>
 * gbs=<GFLOP/s> ..." lines.
 *   ./dgemm_bench            (env MATMUL_REPS default 3, ALGO_MATMUL_N default 4096, BLAS_LIB) */
#define _POSIX_C_SOURCE 199309L
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

typedef void (*dgemm_fn)(int, int, int, int, int, int, double, const double *, int, const double *, int, double,
                         double *, int);

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static double uniform(long i) { /* the driver's SplitMix64 values */
    unsigned long z = (unsigned long)(i + 1) * 0x9E3779B97F4A7C15UL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
    return ((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
}

int main(void) {
    long reps = getenv("MATMUL_REPS") ? atol(getenv("MATMUL_REPS")) : 3;
    long n = getenv("ALGO_MATMUL_N") ? atol(getenv("ALGO_MATMUL_N")) : 4096;
    const char *lib = getenv("BLAS_LIB");
    const char *serial = "/usr/lib/x86_64-linux-gnu/openblas-serial/libopenblas.so.0";
    if (!lib) lib = access(serial, R_OK) == 0 ? serial : "libblas.so.3";
    void *h = dlopen(lib, RTLD_NOW);
    dgemm_fn dgemm = h ? (dgemm_fn)dlsym(h, "cblas_dgemm") : NULL;
    if (!dgemm) {
        fprintf(stderr, "dgemm_bench: no cblas_dgemm in %s: %s\n", lib, dlerror());
        return 1;
    }
    double *a = malloc(sizeof(double) * n * n), *b = malloc(sizeof(double) * n * n), *c = malloc(sizeof(double) * n * n);
    for (long i = 0; i < n; i++)
        for (long j = 0; j < n; j++) {
            a[i * n + j] = uniform(i * n + j);
            b[i * n + j] = uniform(j * n + i);
        }
    double *t = malloc(sizeof(double) * reps);
    for (long r = -1; r < reps; r++) {
        double start = now();
        dgemm(101, 111, 111, (int)n, (int)n, (int)n, 1.0, a, (int)n, b, (int)n, 0.0, c, (int)n);
        if (r >= 0) t[r] = now() - start;
    }
    qsort(t, reps, sizeof(double), cmp);
    double s = t[reps / 2];
    printf("PEER impl=c_blas op=matmul ranks=1 N=%ld seconds=%.6g gbs=%.3f reps=%ld min=%.6g note=GFLOPs_in_gbs,lib=%s,"
           "c00=%.6g\n", n, s, 2.0 * n * n * n / s / 1e9, reps, t[0], lib, c[0]);
    return 0;
}
