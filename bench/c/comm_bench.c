/* C twin of org.jdistarray.bench.CommBenchmark: the same operations, timing and output format.
 *
 *   mpicc -O2 -o comm_bench comm_bench.c
 *   mpirun -np 2 ./comm_bench [allreduce8] [sendrecv8m]
 *
 * allreduce8: MPI_Allreduce of one double (seconds per call); pingpong8: MPI_Send/MPI_Recv of one double from
 * rank 0 to 1 and back (seconds per round trip, 2 ranks or more); sendrecv8m: MPI_Sendrecv of 8 MiB with rank^1
 * (gbs = 8 MiB per direction / seconds). Median over PEER_REPS (default 15) of the slowest rank's time per call,
 * after a warm-up; COMM_LATENCY_CALLS (20000) and COMM_BANDWIDTH_CALLS (10) calls per repetition.
 */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int rank, nprocs;
static long REPS, LAT_CALLS, BW_CALLS;

static long env_long(const char *name, long dflt) {
    const char *v = getenv(name);
    return (v && *v) ? atol(v) : dflt;
}

static int cmpd(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef void (*body_fn)(void *);

/* sorted per-call times of each rep (slowest rank) */
static void time_op(body_fn fn, void *arg, long calls, double *t) {
    for (long r = 0; r < REPS; r++) {
        MPI_Barrier(MPI_COMM_WORLD);
        double t0 = MPI_Wtime();
        fn(arg);
        double dt = MPI_Wtime() - t0, mx;
        MPI_Allreduce(&dt, &mx, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
        t[r] = mx / calls;
    }
    qsort(t, REPS, sizeof(double), cmpd);
}

static void report(const char *op, long n, const double *t, double bytes, const char *note) {
    if (rank) return;
    double med = (REPS % 2) ? t[REPS / 2] : 0.5 * (t[REPS / 2 - 1] + t[REPS / 2]);
    char gbs[32] = "-";
    if (bytes > 0) snprintf(gbs, sizeof gbs, "%.2f", bytes / med / 1e9);
    printf("PEER impl=c_mpi op=%s ranks=%d N=%ld seconds=%.6g gbs=%s reps=%ld min=%.6g note=%s\n",
           op, nprocs, n, med, gbs, REPS, t[0], note);
    fflush(stdout);
}

struct ar { double in, out; };
static void ar_body(void *p) {
    struct ar *a = p;
    for (long i = 0; i < LAT_CALLS; i++)
        MPI_Allreduce(&a->in, &a->out, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
}

static void pp_body(void *p) {
    double *b = p;
    for (long i = 0; i < LAT_CALLS; i++) {
        if (rank == 0) {
            MPI_Send(b, 1, MPI_DOUBLE, 1, 0, MPI_COMM_WORLD);
            MPI_Recv(b, 1, MPI_DOUBLE, 1, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        } else if (rank == 1) {
            MPI_Recv(b, 1, MPI_DOUBLE, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            MPI_Send(b, 1, MPI_DOUBLE, 0, 0, MPI_COMM_WORLD);
        }
    }
}
static void rank_body(void *p) {
    int *sink = p, r;
    for (long i = 0; i < LAT_CALLS; i++) {
        MPI_Comm_rank(MPI_COMM_WORLD, &r);
        *sink += r;
    }
}
struct sr { double *send, *recv; long n; int peer; };
static void sr_body(void *p) {
    struct sr *s = p;
    for (long i = 0; i < BW_CALLS; i++)
        MPI_Sendrecv(s->send, (int)s->n, MPI_DOUBLE, s->peer, 0, s->recv, (int)s->n, MPI_DOUBLE, s->peer, 0,
                     MPI_COMM_WORLD, MPI_STATUS_IGNORE);
}

int main(int argc, char **argv) {
    /* COMM_THREAD_LEVEL (0 single .. 3 multiple; unset: plain MPI_Init) measures what the thread level costs */
    const char *tl = getenv("COMM_THREAD_LEVEL");
    int provided = -1;
    if (tl != NULL && *tl != '\0')
        MPI_Init_thread(&argc, &argv, atoi(tl), &provided);
    else
        MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &nprocs);
    REPS = env_long("PEER_REPS", 15);
    LAT_CALLS = env_long("COMM_LATENCY_CALLS", 20000);
    BW_CALLS = env_long("COMM_BANDWIDTH_CALLS", 10);
    double *t = malloc(sizeof(double) * REPS);
    int all = argc < 2;
    for (int k = all ? 0 : 1; k < (all ? 1 : argc); k++) {
        const char *op = all ? NULL : argv[k];
        if (all || strcmp(op, "allreduce8") == 0) {
            struct ar a = { rank + 1.0, 0 };
            for (int w = 0; w < 5; w++) ar_body(&a);
            time_op(ar_body, &a, LAT_CALLS, t);
            if (a.out != nprocs * (nprocs + 1) / 2.0) { fprintf(stderr, "allreduce wrong\n"); MPI_Abort(MPI_COMM_WORLD, 1); }
            report("allreduce8", 1, t, -1, "c");
        }
        if ((all || strcmp(op, "pingpong8") == 0) && nprocs >= 2) {
            double b = rank + 1.0;
            for (int w = 0; w < 3; w++) pp_body(&b);
            time_op(pp_body, &b, LAT_CALLS, t);
            report("pingpong8", 1, t, -1, "round-trip");
        }
        if (all || strcmp(op, "sendrecv8m") == 0) {
            long n = 1L << 20;
            struct sr s = { calloc(n, sizeof(double)), calloc(n, sizeof(double)), n, rank ^ 1 };
            if (s.peer >= nprocs) s.peer = rank;
            /* touch every page: untouched calloc pages all map the kernel's zero page, which stays in cache and
               makes the copy look far faster than real data allows */
            for (long i = 0; i < n; i++) { s.send[i] = (double)i; s.recv[i] = -1.0; }
            s.send[n - 1] = rank;
            sr_body(&s);
            time_op(sr_body, &s, BW_CALLS, t);
            if (s.recv[n - 1] != s.peer) { fprintf(stderr, "sendrecv wrong\n"); MPI_Abort(MPI_COMM_WORLD, 1); }
            report("sendrecv8m", n, t, 8.0 * n, "bytes-per-direction");
            free(s.send);
            free(s.recv);
        }
    }
    if (all) { /* MPI_Comm_rank: the floor under one JNI call of Open MPI's Java bindings (ompi_java getrank) */
        volatile int sink = 0;
        time_op(rank_body, (void *)&sink, LAT_CALLS, t);
        report("getrank", 1, t, -1, "MPI_Comm_rank");
    }
    free(t);
    MPI_Finalize();
    return 0;
}
