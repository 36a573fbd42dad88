/* C + MPI twin of UfuncBenchmark: the same element-wise operations as plain loops (hand-fused), same line format.
 *   mpirun -np P ./ufunc_bench [axpy] [axpy_out] [expr5] [add4096]
 * Environment: PEER_N (total doubles, default 2^25), PEER_REPS (default 10). Block split over the ranks; median of
 * the slowest rank's time per call after a warm-up. Built with -O3 -march=native -fno-math-errno (vector sqrt). */
#include <math.h>
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long env_long(const char *name, long dflt) {
    const char *v = getenv(name);
    return (v && *v) ? atol(v) : dflt;
}

static int cmpd(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double *alloc(long n, double v) {
    double *p = NULL;
    if (posix_memalign((void **)&p, 64, (n > 0 ? n : 1) * sizeof(double))) abort();
    for (long i = 0; i < n; i++) p[i] = v;
    return p;
}

static long n_local;
static double *A, *B, *C, *D, *E;

static void k_axpy(void) { double *restrict x = A, *restrict y = B; for (long i = 0; i < n_local; i++) y[i] = 0.5 * x[i] + y[i]; }
static void k_axpy_out(void) { double *restrict x = A, *restrict y = B, *restrict z = E; for (long i = 0; i < n_local; i++) z[i] = 0.5 * x[i] + y[i]; }
static void k_expr5(void) {
    double *restrict a = A, *restrict b = B, *restrict c = C, *restrict d = D, *restrict e = E;
    for (long i = 0; i < n_local; i++) e[i] = sqrt(a[i] * a[i] + b[i] * b[i]) * c[i] - d[i];
}
static long long *IA, *IB, *IE;
static float *FA, *FB, *FC, *FD, *FE;
static void k_axpy_i64(void) { long long *restrict x = IA, *restrict y = IB, *restrict z = IE; for (long i = 0; i < n_local; i++) z[i] = 3 * x[i] + y[i]; }
static void k_expr5_f32(void) {
    float *restrict a = FA, *restrict b = FB, *restrict c = FC, *restrict d = FD, *restrict e = FE;
    for (long i = 0; i < n_local; i++) e[i] = sqrtf(a[i] * a[i] + b[i] * b[i]) * c[i] - d[i];
}
static void k_axpy_f32(void) { float *restrict x = FA, *restrict y = FB, *restrict z = FE; for (long i = 0; i < n_local; i++) z[i] = 0.5f * x[i] + y[i]; }
static void *alloc_raw(long n, size_t size) {
    void *p = NULL;
    if (posix_memalign(&p, 64, (n > 0 ? n : 1) * size)) abort();
    return p;
}
static void k_add(void) { double *restrict a = A, *restrict b = B, *restrict z = E; for (long i = 0; i < n_local; i++) z[i] = a[i] + b[i]; }

static void run(const char *op, void (*k)(void), long n, double bytes, int calls, int reps) {
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    for (int w = 0; w < 2; w++) for (int c = 0; c < calls; c++) k();
    double *t = malloc(reps * sizeof(double));
    for (int r = 0; r < reps; r++) {
        MPI_Barrier(MPI_COMM_WORLD);
        double t0 = MPI_Wtime();
        for (int c = 0; c < calls; c++) k();
        double dt = MPI_Wtime() - t0, mx;
        MPI_Allreduce(&dt, &mx, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
        t[r] = mx / calls;
    }
    qsort(t, reps, sizeof(double), cmpd);
    double med = reps % 2 ? t[reps / 2] : 0.5 * (t[reps / 2 - 1] + t[reps / 2]);
    if (rank == 0)
        printf("PEER impl=c_mpi op=%s ranks=%d N=%ld seconds=%.6g gbs=%.2f reps=%d min=%.6g note=hand-fused\n", op, size, n,
               med, bytes / med / 1e9, reps, t[0]);
    fflush(stdout);
    free(t);
}

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    long n = env_long("PEER_N", 33554432L);
    int reps = (int)env_long("PEER_REPS", 10);
    for (int i = 1; i < argc || argc == 1; i++) {
        const char *op = argc == 1 ? "all" : argv[i];
        int all = !strcmp(op, "all");
        long nn = (!strcmp(op, "add4096")) ? 4096 : n;
        n_local = nn / size + (rank < nn % size ? 1 : 0);
        A = alloc(n_local, 3.0); B = alloc(n_local, 1.0); C = alloc(n_local, 2.0); D = alloc(n_local, 1.0); E = alloc(n_local, 0.0);
        if (all || !strcmp(op, "axpy")) run("axpy", k_axpy, nn, 24.0 * nn, 1, reps);
        if (all || !strcmp(op, "axpy_out")) run("axpy_out", k_axpy_out, nn, 24.0 * nn, 1, reps);
        if (all || !strcmp(op, "expr5")) run("expr5", k_expr5, nn, 40.0 * nn, 1, reps);
        free(A); free(B); free(C); free(D); free(E);
        if (all || !strcmp(op, "axpy_i64")) {
            IA = alloc_raw(n_local, 8); IB = alloc_raw(n_local, 8); IE = alloc_raw(n_local, 8);
            for (long i = 0; i < n_local; i++) { IA[i] = i % 7; IB[i] = 1; IE[i] = 0; }
            run("axpy_i64", k_axpy_i64, nn, 24.0 * nn, 1, reps);
            free(IA); free(IB); free(IE);
        }
        if (all || !strcmp(op, "axpy_f32")) {
            FA = alloc_raw(n_local, 4); FB = alloc_raw(n_local, 4); FE = alloc_raw(n_local, 4);
            for (long i = 0; i < n_local; i++) { FA[i] = (float)(i % 7); FB[i] = 1.0f; FE[i] = 0.0f; }
            run("axpy_f32", k_axpy_f32, nn, 12.0 * nn, 1, reps);
            free(FA); free(FB); free(FE);
        }
        if (all || !strcmp(op, "expr5_f32")) {
            FA = alloc_raw(n_local, 4); FB = alloc_raw(n_local, 4); FC = alloc_raw(n_local, 4); FD = alloc_raw(n_local, 4);
            FE = alloc_raw(n_local, 4);
            for (long i = 0; i < n_local; i++) { FA[i] = (float)(i % 7); FB[i] = (float)(i % 5); FC[i] = 2.0f; FD[i] = 1.0f; FE[i] = 0.0f; }
            run("expr5_f32", k_expr5_f32, nn, 20.0 * nn, 1, reps);
            free(FA); free(FB); free(FC); free(FD); free(FE);
        }
        if (all || !strcmp(op, "add4096")) {
            nn = 4096;
            n_local = nn / size + (rank < nn % size ? 1 : 0);
            A = alloc(n_local, 3.0); B = alloc(n_local, 1.0); E = alloc(n_local, 0.0);
            run("add4096", k_add, nn, 24.0 * nn, 20000, reps);
            free(A); free(B); free(E);
        }
        if (all) break;
    }
    MPI_Finalize();
    return 0;
}
