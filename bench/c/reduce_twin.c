/* The C + MPI twins of bench/c/reduce_bench.c as a shared library, called from ReductionPairBenchmark inside the
 * JVM that runs JDistArray's reductions: the same process, the same communicator, the same memory (the array's own
 * local block), so C and JDistArray alternate repetition by repetition in one host state. This host's memory
 * bandwidth and 2-rank latency change state from one process to the next (C's own sum of 2^25 took 3.5 or 7 ms per
 * run), which separate processes turn into ratios of 0.6 or 1.5; alternating in one process cancels that.
 *
 * Every function is collective over comm and returns the slowest rank's seconds per call (a barrier first, then
 * CALLS calls, then an MPI_MAX all-reduce of the time), the timing method of reduce_bench.c.
 *   mpicc -O3 -march=native -shared -fPIC -o libreduce_twin.so reduce_twin.c */
#include <mpi.h>
#include <stdint.h>
#include <string.h>

typedef double v4d __attribute__((vector_size(32)));

/* the handle as MpiCommunicator.nativeHandle() gives it: Open MPI's pointer, MPICH's int widened */
#ifdef OPEN_MPI
#define COMM(h) ((MPI_Comm)(intptr_t)(h))
#else
#define COMM(h) ((MPI_Comm)(int)(h))
#endif

/* 4 independent 4-wide accumulators, as reduce_bench.c and ../../shared/bench/c/peer_c.c */
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

static volatile double sink;

static double slowest(double t0, MPI_Comm c, long calls) {
    double dt = MPI_Wtime() - t0, mx;
    MPI_Allreduce(&dt, &mx, 1, MPI_DOUBLE, MPI_MAX, c);
    return mx / calls;
}

/* sum of m local doubles at x + MPI_Allreduce of one double, calls times; *out: the last global sum */
double twin_sum(const double *x, long m, long calls, long comm, double *out) {
    MPI_Comm c = COMM(comm);
    MPI_Barrier(c);
    double t0 = MPI_Wtime(), tot = 0;
    for (long k = 0; k < calls; k++) {
        double loc = local_sum(x, m);
        MPI_Allreduce(&loc, &tot, 1, MPI_DOUBLE, MPI_SUM, c);
        sink = tot;
    }
    *out = tot;
    return slowest(t0, c, calls);
}

/* rows x cols local doubles (row stride cols) at x: row sums into part, then MPI_Reduce of rows doubles to rank 0
 * (into out, rows doubles, significant at rank 0) over comm, the ranks sharing the rows */
double twin_axis1(const double *x, long rows, long cols, long comm, double *part, double *out) {
    MPI_Comm c = COMM(comm);
    MPI_Barrier(c);
    double t0 = MPI_Wtime();
    for (long i = 0; i < rows; i++) part[i] = local_sum(x + i * cols, cols);
    MPI_Reduce(part, out, (int)rows, MPI_DOUBLE, MPI_SUM, 0, c);
    return slowest(t0, c, 1);
}
