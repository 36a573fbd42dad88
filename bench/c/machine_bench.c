/* The native expression machine (native-shims/kernels/src/jdist_kernels.c, compiled into this program) against the
 * same expression as a hand-fused C loop, in one process, alternating, over sizes from L1 to memory:
 *   e = sqrt(a*a + b*b) * c - d   (the 5-operation expression of UfuncBenchmark), float64 and float32.
 * The machine runs exactly the program FusedFloat64 gives it for that expression. Alternating within one process
 * takes this host's drift (memory bandwidth changes within a minute) out of the ratio.
 *   bench/run_machine_bench.sh         # or: ./machine_bench [ROUNDS] [n ...]
 * Both are compiled as libjdist_kernels.so is (its flags, no -march: the CPU picks the AVX-512/AVX2/SSE2 clone of
 * the machine's loops and of the hand-fused loops alike).
 * One PEER line per case: impl=c_hand / jdist_machine, seconds = the best call of ROUNDS rounds (after one). */
#define _GNU_SOURCE
#ifdef KERNELS_SRC /* another version of the machine, to compare: -DKERNELS_SRC='"path"' */
#include KERNELS_SRC
#else
#include "../../native-shims/kernels/src/jdist_kernels.c"
#endif
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

#define P(op, i) ((op) | (i) << 8)
/* a a * b b * + sqrt c * d - : FusedFloat64.program of sqrt(a*a + b*b)*c - d, leaves a b c d = 0 1 2 3 */
static const int32_t PROG[] = {P(OP_LEAF, 0), P(OP_LEAF, 0), P(OP_MUL, 0), P(OP_LEAF, 1), P(OP_LEAF, 1),
                               P(OP_MUL, 0),  P(OP_ADD, 0),  P(OP_SQRT, 0), P(OP_LEAF, 2), P(OP_MUL, 0),
                               P(OP_LEAF, 3), P(OP_SUB, 0)};

CLONES __attribute__((noinline)) static void hand64(const double *restrict a, const double *restrict b,
                                             const double *restrict c, const double *restrict d, double *restrict e,
                                             long n) {
    for (long i = 0; i < n; i++) e[i] = sqrt(a[i] * a[i] + b[i] * b[i]) * c[i] - d[i];
}

CLONES __attribute__((noinline)) static void hand32(const float *restrict a, const float *restrict b, const float *restrict c,
                                             const float *restrict d, float *restrict e, long n) {
    for (long i = 0; i < n; i++) e[i] = sqrtf(a[i] * a[i] + b[i] * b[i]) * c[i] - d[i];
}

static void one(long n, int f32, int rounds) {
    const size_t es = f32 ? 4 : 8;
    void *p[5];
    for (int k = 0; k < 5; k++) {
        if (posix_memalign(&p[k], 64, (size_t)n * es)) abort();
        for (long i = 0; i < n; i++) {
            if (f32) ((float *)p[k])[i] = (float)(i % 7 + k);
            else ((double *)p[k])[i] = (double)(i % 7 + k);
        }
    }
    long calls = 20000000L / n;
    if (calls < 2) calls = 2;
    double best[2] = {1e30, 1e30};
    for (int r = 0; r <= rounds; r++) {
        for (int v = 0; v < 2; v++) {
            const double t0 = now();
            for (long k = 0; k < calls; k++) {
                if (v == 0 && f32) hand32(p[0], p[1], p[2], p[3], p[4], n);
                else if (v == 0) hand64(p[0], p[1], p[2], p[3], p[4], n);
                else if (f32 && eval_f32(PROG, 12, (float *const *)p, 4, NULL, p[4], n) != 0) abort();
                else if (!f32 && eval_f64(PROG, 12, (double *const *)p, 4, NULL, p[4], n) != 0) abort();
                __asm__ volatile("" ::: "memory");
            }
            const double t = (now() - t0) / calls;
            if (r > 0 && t < best[v]) best[v] = t;
        }
    }
    for (int v = 0; v < 2; v++)
        printf("PEER impl=%s op=expr5 dtype=%s ranks=1 N=%ld seconds=%.6g gbs=%.2f note=%s\n",
               v ? "jdist_machine" : "c_hand", f32 ? "float32" : "float64", n, best[v], 5.0 * es * n / best[v] / 1e9,
               v ? "native-expression-machine" : "hand-fused");
    printf("# expr5 %s n=%ld: machine / hand-fused speed %.2f\n", f32 ? "float32" : "float64", n, best[0] / best[1]);
    fflush(stdout);
    for (int k = 0; k < 5; k++) free(p[k]);
}

int main(int argc, char **argv) {
    const int rounds = argc > 1 ? atoi(argv[1]) : 8;
    static const long sizes[] = {4096, 32768, 262144, 2097152, 8388608, 33554432};
    if (argc > 2) {
        for (int i = 2; i < argc; i++) { one(atol(argv[i]), 0, rounds); one(atol(argv[i]), 1, rounds); }
        return 0;
    }
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) { one(sizes[i], 0, rounds); one(sizes[i], 1, rounds); }
    return 0;
}
