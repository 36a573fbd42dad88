/* The C + MPI twins of bench/c/ufunc_bench.c as a shared library, called from UfuncPairBenchmark inside the JVM
 * that runs JDistArray's element-wise operations: the same process, communicator and memory (the arrays' own local
 * blocks), so that C and JDistArray alternate repetition by repetition in one host state (see reduce_twin.c).
 * The same loops as ufunc_bench.c; every call is collective over comm and returns the slowest rank's seconds per
 * call (barrier, calls, MPI_MAX all-reduce of the time).
 *   mpicc -O3 -march=native -fno-math-errno -shared -fPIC -o libufunc_twin.so ufunc_twin.c -lm */
#include <math.h>
#include <mpi.h>
#include <stdint.h>
#include <stdlib.h>

#ifdef OPEN_MPI
#define COMM(h) ((MPI_Comm)(intptr_t)(h))
#else
#define COMM(h) ((MPI_Comm)(int)(h))
#endif

enum { AXPY, AXPY_OUT, EXPR5, AXPY_I64, AXPY_F32, EXPR5_F32, ADD, EXPR5_SAME, EXPR5_F32_SAME, AXPY_I64_RUNTIME };

/* AXPY_I64 with the 3 read at run time, as a library gets it (the constant lets -march=native use shifts and adds) */
volatile long long twin_alpha_i64 = 3;

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
    case AXPY_I64_RUNTIME: {
        long long *restrict x = pa, *restrict y = pb, *restrict z = pe;
        const unsigned long long a = (unsigned long long)twin_alpha_i64;
        for (long i = 0; i < n; i++) z[i] = (long long)(a * (unsigned long long)x[i] + (unsigned long long)y[i]);
        break;
    }
    case EXPR5_F32_SAME: expr5_f32_same(pa, pb, pc, pd, pe, n); break;
    }
}

/* The 5-point Jacobi sweeps of the shared C + MPI baseline (../shared/bench/c/peer_c.c, k_stencil: four
 * MPI_Sendrecv of the halo rows and columns on a dims0 x (p/dims0) Cartesian grid, then the sweep with restrict rows)
 * on JDistArray's own two local blocks, rows x cols cells with one ghost cell on every side (u and v swap each sweep):
 * the stencil5_halo case of UfuncPairBenchmark. Collective over comm; the slowest rank's seconds per sweep. */
double twin_stencil(long pu, long pv, long rows, long cols, long sweeps, long calls, long dims0, long comm) {
    MPI_Comm world = COMM(comm), cart;
    int p;
    MPI_Comm_size(world, &p);
    int dims[2] = {(int)dims0, p / (int)dims0}, periods[2] = {0, 0};
    MPI_Cart_create(world, 2, dims, periods, 0, &cart);
    int nn, ns, nw, ne;
    MPI_Cart_shift(cart, 0, 1, &nn, &ns);
    MPI_Cart_shift(cart, 1, 1, &nw, &ne);
    const long ly = rows - 2, lx = cols - 2, w = cols;
    double *sw = malloc(ly * sizeof(double)), *se = malloc(ly * sizeof(double));
    double *rw = malloc(ly * sizeof(double)), *re = malloc(ly * sizeof(double));
    double *u0 = (double *)(intptr_t)pu, *v0 = (double *)(intptr_t)pv;
    MPI_Barrier(cart);
    double t0 = MPI_Wtime();
    for (long k = 0; k < calls; k++) {
        double *u = u0, *v = v0;
        for (long it = 0; it < sweeps; it++) {
            MPI_Sendrecv(u + 1 * w + 1, lx, MPI_DOUBLE, nn, 0, u + (ly + 1) * w + 1, lx, MPI_DOUBLE, ns, 0, cart, MPI_STATUS_IGNORE);
            MPI_Sendrecv(u + ly * w + 1, lx, MPI_DOUBLE, ns, 1, u + 0 * w + 1, lx, MPI_DOUBLE, nn, 1, cart, MPI_STATUS_IGNORE);
            for (long i = 0; i < ly; i++) { sw[i] = u[(i + 1) * w + 1]; se[i] = u[(i + 1) * w + lx]; }
            MPI_Sendrecv(sw, ly, MPI_DOUBLE, nw, 2, re, ly, MPI_DOUBLE, ne, 2, cart, MPI_STATUS_IGNORE);
            MPI_Sendrecv(se, ly, MPI_DOUBLE, ne, 3, rw, ly, MPI_DOUBLE, nw, 3, cart, MPI_STATUS_IGNORE);
            if (ne != MPI_PROC_NULL) for (long i = 0; i < ly; i++) u[(i + 1) * w + lx + 1] = re[i];
            if (nw != MPI_PROC_NULL) for (long i = 0; i < ly; i++) u[(i + 1) * w] = rw[i];
            for (long i = 1; i <= ly; i++) {
                const double *restrict un = u + (i - 1) * w, *restrict uc = u + i * w, *restrict us = u + (i + 1) * w;
                double *restrict vc = v + i * w;
                for (long j = 1; j <= lx; j++) vc[j] = 0.25 * (un[j] + us[j] + uc[j - 1] + uc[j + 1]);
            }
            double *t = u; u = v; v = t;
        }
    }
    double dt = MPI_Wtime() - t0, mx;
    MPI_Allreduce(&dt, &mx, 1, MPI_DOUBLE, MPI_MAX, cart);
    free(sw); free(se); free(rw); free(re);
    MPI_Comm_free(&cart);
    return mx / calls / sweeps;
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
