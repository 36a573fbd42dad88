/* The C + MPI twins of bench/c/ufunc_bench.c as a shared library, called from UfuncPairBenchmark inside the JVM
 * that runs JDistArray's element-wise operations: the same process, communicator and memory (the arrays' own local
 * blocks), so that C and JDistArray alternate repetition by repetition in one host state (see reduce_twin.c).
 * The same loops as ufunc_bench.c; every call is collective over comm and returns the slowest rank's seconds per
 * call (barrier, calls, MPI_MAX all-reduce of the time).
 *   mpicc -O3 -march=native -fno-math-errno -shared -fPIC -o libufunc_twin.so ufunc_twin.c -lm */
#include <math.h>
#include <mpi.h>
#include <stdint.h>

#ifdef OPEN_MPI
#define COMM(h) ((MPI_Comm)(intptr_t)(h))
#else
#define COMM(h) ((MPI_Comm)(int)(h))
#endif

enum { AXPY, AXPY_OUT, EXPR5, AXPY_I64, AXPY_F32, EXPR5_F32, ADD, EXPR5_SAME, EXPR5_F32_SAME };

/* The 5-operation expression rounded as JDistArray (and NumPy) rounds it: every operation on its own, no FMA
 * (-march=native contracts a*a + b*b and ...*c - d into FMAs in the loops above: fewer, differently rounded operations). */
__attribute__((optimize("fp-contract=off"), noinline)) static void expr5_same(const double *restrict a,
        const double *restrict b, const double *restrict c, const double *restrict d, double *restrict e, long n) {
    for (long i = 0; i < n; i++) e[i] = sqrt(a[i] * a[i] + b[i] * b[i]) * c[i] - d[i];
}

__attribute__((optimize("fp-contract=off"), noinline)) static void expr5_f32_same(const float *restrict a,
        const float *restrict b, const float *restrict c, const float *restrict d, float *restrict e, long n) {
    for (long i = 0; i < n; i++) e[i] = sqrtf(a[i] * a[i] + b[i] * b[i]) * c[i] - d[i];
}

static void kernel(int op, void *pa, void *pb, void *pc, void *pd, void *pe, long n) {
    switch (op) {
    case AXPY: { double *restrict x = pa, *restrict y = pb; for (long i = 0; i < n; i++) y[i] = 0.5 * x[i] + y[i]; break; }
    case AXPY_OUT: { double *restrict x = pa, *restrict y = pb, *restrict z = pe; for (long i = 0; i < n; i++) z[i] = 0.5 * x[i] + y[i]; break; }
    case EXPR5: {
        double *restrict a = pa, *restrict b = pb, *restrict c = pc, *restrict d = pd, *restrict e = pe;
        for (long i = 0; i < n; i++) e[i] = sqrt(a[i] * a[i] + b[i] * b[i]) * c[i] - d[i];
        break;
    }
    case AXPY_I64: { long long *restrict x = pa, *restrict y = pb, *restrict z = pe; for (long i = 0; i < n; i++) z[i] = 3 * x[i] + y[i]; break; }
    case AXPY_F32: { float *restrict x = pa, *restrict y = pb, *restrict z = pe; for (long i = 0; i < n; i++) z[i] = 0.5f * x[i] + y[i]; break; }
    case EXPR5_F32: {
        float *restrict a = pa, *restrict b = pb, *restrict c = pc, *restrict d = pd, *restrict e = pe;
        for (long i = 0; i < n; i++) e[i] = sqrtf(a[i] * a[i] + b[i] * b[i]) * c[i] - d[i];
        break;
    }
    case ADD: { double *restrict a = pa, *restrict b = pb, *restrict z = pe; for (long i = 0; i < n; i++) z[i] = a[i] + b[i]; break; }
    case EXPR5_SAME: expr5_same(pa, pb, pc, pd, pe, n); break;
    case EXPR5_F32_SAME: expr5_f32_same(pa, pb, pc, pd, pe, n); break;
    }
}

double twin_run(int op, long a, long b, long c, long d, long e, long n, long calls, long comm) {
    MPI_Comm m = COMM(comm);
    MPI_Barrier(m);
    double t0 = MPI_Wtime();
    for (long k = 0; k < calls; k++)
        kernel(op, (void *)(intptr_t)a, (void *)(intptr_t)b, (void *)(intptr_t)c, (void *)(intptr_t)d, (void *)(intptr_t)e, n);
    double dt = MPI_Wtime() - t0, mx;
    MPI_Allreduce(&dt, &mx, 1, MPI_DOUBLE, MPI_MAX, m);
    return mx / calls;
}
