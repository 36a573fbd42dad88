/*
 * Where the time of a one-double MPI_Allreduce goes: a PMPI interposer, loaded with LD_PRELOAD under the C twin,
 * under JDistArray's JNI path (libmpi_java.so calls MPI_Allreduce through its PLT, so the preloaded symbol wins) and
 * under Open MPI's own Java API. For every MPI_Allreduce of count 1 it records the time inside MPI (PMPI_Allreduce)
 * and the time outside it since the previous call returned (the caller's loop: for Java, the Java code, the JNI
 * transition and the binding's C stub). At MPI_Finalize each rank prints one line:
 *   PMPI rank=R calls=N inside_med_ns=X outside_med_ns=Y inside_p10_ns=... outside_p10_ns=...
 * Medians over the count-1 calls numbered [PMPI_FROM, PMPI_TO) (environment; default all), leaving out gaps over
 * 1 ms (the benchmark's own bookkeeping between repetitions), so one phase of a run can be measured alone. The JNA path is not seen: JNA looks the symbol up in libmpi's own
 * handle (dlsym), which bypasses LD_PRELOAD.
 * Build: mpicc -O2 -shared -fPIC -o libpmpi_allreduce_time.so pmpi_allreduce_time.c
 */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define CAP (1 << 21)

static double *inside_ns, *outside_ns;
static long calls;
static double last_exit;

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

int MPI_Allreduce(const void *send, void *recv, int count, MPI_Datatype type, MPI_Op op, MPI_Comm comm) {
    double t0 = now_ns();
    int rc = PMPI_Allreduce(send, recv, count, type, op, comm);
    double t1 = now_ns();
    if (count == 1) {
        if (inside_ns == NULL) {
            inside_ns = malloc(CAP * sizeof(double));
            outside_ns = malloc(CAP * sizeof(double));
        }
        if (inside_ns != NULL && calls < CAP) {
            inside_ns[calls] = t1 - t0;
            outside_ns[calls] = calls > 0 ? t0 - last_exit : -1.0;
        }
        calls++;
        last_exit = t1;
    }
    return rc;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double quantile(double *v, long n, double q) {
    qsort(v, (size_t)n, sizeof(double), cmp);
    return v[(long)(q * (double)(n - 1))];
}

int MPI_Finalize(void) {
    long n = calls < CAP ? calls : CAP;
    long from = getenv("PMPI_FROM") ? atol(getenv("PMPI_FROM")) : 1;
    if (getenv("PMPI_TO") && atol(getenv("PMPI_TO")) < n) n = atol(getenv("PMPI_TO"));
    if (from < 1) from = 1;
    if (n > from + 1 && inside_ns != NULL) {
        double *in = malloc((size_t)n * sizeof(double)), *out = malloc((size_t)n * sizeof(double));
        long k = 0;
        for (long i = from; i < n; i++) {
            if (outside_ns[i] >= 0 && outside_ns[i] < 1e6) { /* gaps over 1 ms are the benchmark's bookkeeping */
                in[k] = inside_ns[i];
                out[k] = outside_ns[i];
                k++;
            }
        }
        int rank = 0;
        PMPI_Comm_rank(MPI_COMM_WORLD, &rank);
        if (k > 0) {
            double in_med = quantile(in, k, 0.5), in_p10 = quantile(in, k, 0.1);
            double out_med = quantile(out, k, 0.5), out_p10 = quantile(out, k, 0.1);
            printf("PMPI rank=%d calls=%ld inside_med_ns=%.0f outside_med_ns=%.0f inside_p10_ns=%.0f outside_p10_ns=%.0f\n",
                   rank, k, in_med, out_med, in_p10, out_p10);
            fflush(stdout);
        }
        free(in);
        free(out);
    }
    return PMPI_Finalize();
}
