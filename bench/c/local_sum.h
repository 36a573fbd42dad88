/* The C twins' local float64 sum: four independent 4-wide accumulators, as ../../shared/bench/c/peer_c.c; included by
 * reduce_bench.c (separate-process twin) and reduce_twin.c (in-process twin). */
#ifndef JDIST_BENCH_LOCAL_SUM_H
#define JDIST_BENCH_LOCAL_SUM_H
#include <string.h>

typedef double v4d __attribute__((vector_size(32)));

static double local_sum(const double *restrict x, long n) {
    v4d a0 = {0, 0, 0, 0}, a1 = a0, a2 = a0, a3 = a0;
    long i = 0;
    for (; i + 16 <= n; i += 16) {
        v4d t0, t1, t2, t3;
        memcpy(&t0, x + i, 32); memcpy(&t1, x + i + 4, 32);
        memcpy(&t2, x + i + 8, 32); memcpy(&t3, x + i + 12, 32);
        a0 += t0; a1 += t1; a2 += t2; a3 += t3;
    }
    v4d acc = (a0 + a1) + (a2 + a3);
    double loc = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    for (; i < n; i++) loc += x[i];
    return loc;
}
#endif
