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

#include "local_sum.h"

/* the handle as MpiCommunicator.nativeHandle() gives it: Open MPI's pointer, MPICH's int widened */
#ifdef OPEN_MPI
#define COMM(h) ((MPI_Comm)(intptr_t)(h))
#else
#define COMM(h) ((MPI_Comm)(int)(h))
#endif


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
