/* The MPI floor of one client-engine command: rank 0 broadcasts a 512-byte command slot and gathers a 256-byte reply
 * slot from every rank (what org.jdistarray.client does per synchronous command).
 *   mpicc -O2 -o ce_roundtrip ce_roundtrip.c && mpirun -np 2 ./ce_roundtrip
 * Prints: PEER impl=c_mpi op=ce_floor ranks=P N=512 seconds=<median round trip> (each round trip timed alone) */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    const char *e = getenv("PEER_REPS");
    int reps = e ? atoi(e) : 15;
    e = getenv("PEER_CALLS");
    int calls = e ? atoi(e) : 2000;
    char cmd[512], reply[256];
    char *all = malloc((size_t)256 * size);
    memset(cmd, 1, sizeof cmd);
    memset(reply, 2, sizeof reply);
    long total = (long)reps * calls;
    double *t = malloc(sizeof(double) * total);
    for (int i = 0; i < calls; i++) {
        MPI_Bcast(cmd, 512, MPI_BYTE, 0, MPI_COMM_WORLD);
        MPI_Gather(reply, 256, MPI_BYTE, all, 256, MPI_BYTE, 0, MPI_COMM_WORLD);
    }
    double t00 = MPI_Wtime();
    for (long i = 0; i < total; i++) {
        double t0 = MPI_Wtime();
        MPI_Bcast(cmd, 512, MPI_BYTE, 0, MPI_COMM_WORLD);
        MPI_Gather(reply, 256, MPI_BYTE, all, 256, MPI_BYTE, 0, MPI_COMM_WORLD);
        t[i] = MPI_Wtime() - t0;
    }
    double mean = (MPI_Wtime() - t00) / total;
    qsort(t, total, sizeof(double), cmp);
    if (rank == 0) {
        printf("PEER impl=c_mpi op=ce_floor ranks=%d N=512 seconds=%.4e min=%.4e p90=%.4e mean=%.4e calls=%ld\n", size,
               t[total / 2], t[0], t[total * 9 / 10], mean, total);
    }
    free(all);
    free(t);
    MPI_Finalize();
    return 0;
}
