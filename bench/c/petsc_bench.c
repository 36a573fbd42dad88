/* PETSc in C: the twin of org.jdistarray.bench.PetscBenchmark (same problems, same line format).
 *   mpirun -np 2 ./petsc_bench [cg] [matmult] [axpy] [dot] [baseline]
 * Environment: PEER_N, PEER_REPS, PEER_CG_N, PEER_CG_ITERS, PEER_CG_REPS (as the Java driver and petsc4py_bench.py).
 * Ends with one "RSS impl=c_petsc ... vmhwm_mb=<max over ranks>" line (peak resident memory, /proc/self/status). */
#include <petscksp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int env_int(const char *name, int dflt) {
  const char *v = getenv(name);
  return v && *v ? atoi(v) : dflt;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

typedef PetscErrorCode (*op_fn)(void *);

/* median and min over reps of the slowest rank's time, after one warm-up */
static PetscErrorCode time_op(op_fn fn, void *ctx, int reps, double *median, double *min) {
  double *t;
  PetscFunctionBeginUser;
  PetscCall(PetscMalloc1(reps, &t));
  PetscCall(fn(ctx));
  for (int r = 0; r < reps; r++) {
    double t0, dt;
    PetscCallMPI(MPI_Barrier(PETSC_COMM_WORLD));
    t0 = MPI_Wtime();
    PetscCall(fn(ctx));
    dt = MPI_Wtime() - t0;
    PetscCallMPI(MPI_Allreduce(MPI_IN_PLACE, &dt, 1, MPI_DOUBLE, MPI_MAX, PETSC_COMM_WORLD));
    t[r] = dt;
  }
  qsort(t, reps, sizeof(double), cmp_double);
  *median = reps % 2 ? t[reps / 2] : 0.5 * (t[reps / 2 - 1] + t[reps / 2]);
  *min = t[0];
  PetscCall(PetscFree(t));
  PetscFunctionReturn(0);
}

static void report(const char *op, long n, double sec, double min, double bytes, int reps, const char *note) {
  int rank, size;
  MPI_Comm_rank(PETSC_COMM_WORLD, &rank);
  MPI_Comm_size(PETSC_COMM_WORLD, &size);
  if (rank) return;
  if (bytes > 0)
    printf("PEER impl=c_petsc op=%s ranks=%d N=%ld seconds=%.6g gbs=%.2f reps=%d min=%.6g note=%s\n", op, size, n, sec,
           bytes / sec / 1e9, reps, min, note);
  else
    printf("PEER impl=c_petsc op=%s ranks=%d N=%ld seconds=%.6g gbs=- reps=%d min=%.6g note=%s\n", op, size, n, sec, reps,
           min, note);
  fflush(stdout);
}

static void grid_2d(int n, int *ny, int *nx) {
  int k = 0;
  while ((1 << (k + 1)) <= n) k++;
  *ny = 1 << (k / 2);
  *nx = n / *ny;
}

/* 5-point Laplacian, rows in contiguous blocks (PETSC_DECIDE), exact preallocation, one MatSetValues per row */
static PetscErrorCode laplacian(int n, Mat *A) {
  int ny, nx;
  PetscInt rs, re;
  PetscFunctionBeginUser;
  grid_2d(n, &ny, &nx);
  PetscCall(MatCreate(PETSC_COMM_WORLD, A));
  PetscCall(MatSetSizes(*A, PETSC_DECIDE, PETSC_DECIDE, n, n));
  PetscCall(MatSetType(*A, MATAIJ));
  PetscCall(MatSeqAIJSetPreallocation(*A, 5, NULL));
  PetscCall(MatMPIAIJSetPreallocation(*A, 5, NULL, 1, NULL));
  PetscCall(MatGetOwnershipRange(*A, &rs, &re));
  for (PetscInt r = rs; r < re; r++) {
    PetscInt i = r / nx, j = r % nx, cols[5], k = 0;
    PetscScalar vals[5];
    if (i > 0) { cols[k] = r - nx; vals[k++] = -1; }
    if (j > 0) { cols[k] = r - 1; vals[k++] = -1; }
    cols[k] = r; vals[k++] = 4;
    if (j < nx - 1) { cols[k] = r + 1; vals[k++] = -1; }
    if (i < ny - 1) { cols[k] = r + nx; vals[k++] = -1; }
    PetscCall(MatSetValues(*A, 1, &r, k, cols, vals, INSERT_VALUES));
  }
  PetscCall(MatAssemblyBegin(*A, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(*A, MAT_FINAL_ASSEMBLY));
  PetscFunctionReturn(0);
}

typedef struct { KSP ksp; Mat A; Vec x, b, y; double alpha; } Ctx;

static PetscErrorCode op_cg(void *p) {
  Ctx *c = p;
  PetscFunctionBeginUser;
  PetscCall(VecSet(c->x, 0.0));
  PetscCall(KSPSolve(c->ksp, c->b, c->x));
  PetscFunctionReturn(0);
}

static PetscErrorCode op_matmult(void *p) {
  Ctx *c = p;
  return MatMult(c->A, c->x, c->y);
}

static PetscErrorCode op_axpy(void *p) {
  Ctx *c = p;
  return VecAXPY(c->y, 0.5, c->x);
}

static PetscErrorCode op_dot(void *p) {
  Ctx *c = p;
  PetscScalar d;
  return VecDot(c->y, c->x, &d);
}

static double peak_rss_mb(void) {
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  double mb = 0;
  if (!f) return 0;
  while (fgets(line, sizeof line, f))
    if (!strncmp(line, "VmHWM:", 6)) mb = atol(line + 6) / 1024.0;
  fclose(f);
  return mb;
}

int main(int argc, char **argv) {
  int n, reps, cg_n, iters, cg_reps, ny, nx, rank, size;
  char note[128], ops[256] = "";
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  n = env_int("PEER_N", 1 << 25);
  reps = env_int("PEER_REPS", 10);
  cg_n = env_int("PEER_CG_N", n);
  iters = env_int("PEER_CG_ITERS", 50);
  cg_reps = env_int("PEER_CG_REPS", 5);
  MPI_Comm_rank(PETSC_COMM_WORLD, &rank);
  MPI_Comm_size(PETSC_COMM_WORLD, &size);
  for (int a = 1; a < argc; a++) {
    const char *op = argv[a];
    Ctx c;
    double med, min;
    if (op[0] == '-') continue; /* PETSc options */
    strncat(ops, ops[0] ? "," : "", sizeof ops - strlen(ops) - 1);
    strncat(ops, op, sizeof ops - strlen(ops) - 1);
    memset(&c, 0, sizeof c);
    if (!strcmp(op, "cg")) {
      grid_2d(cg_n, &ny, &nx);
      PetscCall(laplacian(cg_n, &c.A));
      PetscCall(MatCreateVecs(c.A, &c.x, &c.b));
      PetscCall(VecSet(c.b, 1.0));
      PetscCall(KSPCreate(PETSC_COMM_WORLD, &c.ksp));
      PetscCall(KSPSetOperators(c.ksp, c.A, c.A));
      PetscCall(KSPSetType(c.ksp, KSPCG));
      {
        PC pc;
        PetscCall(KSPGetPC(c.ksp, &pc));
        PetscCall(PCSetType(pc, PCNONE));
      }
      PetscCall(KSPSetNormType(c.ksp, KSP_NORM_NONE));
      PetscCall(KSPSetConvergenceTest(c.ksp, KSPConvergedSkip, NULL, NULL));
      PetscCall(KSPSetTolerances(c.ksp, 0.0, 0.0, 1e300, iters));
      PetscCall(KSPSetUp(c.ksp));
      PetscCall(time_op(op_cg, &c, cg_reps, &med, &min));
      snprintf(note, sizeof note, "KSPCG_PCNONE_%dit_%dx%d", iters, ny, nx);
      report("cg_lap5_per_iter", cg_n, med / iters, min / iters, 184.0 * cg_n, cg_reps, note);
      PetscCall(KSPDestroy(&c.ksp));
      PetscCall(VecDestroy(&c.x));
      PetscCall(VecDestroy(&c.b));
      PetscCall(MatDestroy(&c.A));
    } else if (!strcmp(op, "matmult")) {
      grid_2d(cg_n, &ny, &nx);
      PetscCall(laplacian(cg_n, &c.A));
      PetscCall(MatCreateVecs(c.A, &c.x, &c.y));
      PetscCall(VecSet(c.x, 1.0));
      PetscCall(time_op(op_matmult, &c, reps, &med, &min));
      snprintf(note, sizeof note, "MatMult_AIJ_%dx%d", ny, nx);
      report("matmult_lap5", cg_n, med, min, 80.0 * cg_n, reps, note);
      PetscCall(VecDestroy(&c.x));
      PetscCall(VecDestroy(&c.y));
      PetscCall(MatDestroy(&c.A));
    } else if (!strcmp(op, "axpy") || !strcmp(op, "dot")) {
      int axpy = !strcmp(op, "axpy");
      PetscCall(VecCreateMPI(PETSC_COMM_WORLD, PETSC_DECIDE, n, &c.x));
      PetscCall(VecDuplicate(c.x, &c.y));
      PetscCall(VecSet(c.x, 1.5));
      PetscCall(VecSet(c.y, 2.0));
      PetscCall(time_op(axpy ? op_axpy : op_dot, &c, reps, &med, &min));
      report(op, n, med, min, (axpy ? 24.0 : 16.0) * n, reps, axpy ? "VecAXPY_C" : "VecDot_C");
      PetscCall(VecDestroy(&c.x));
      PetscCall(VecDestroy(&c.y));
    } else if (strcmp(op, "baseline")) {
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "unknown op %s\n", op));
    }
  }
  {
    double rss = peak_rss_mb();
    MPI_Allreduce(MPI_IN_PLACE, &rss, 1, MPI_DOUBLE, MPI_MAX, PETSC_COMM_WORLD);
    if (!rank) printf("RSS impl=c_petsc ops=%s ranks=%d vmhwm_mb=%.1f\n", ops, size, rss);
  }
  PetscCall(PetscFinalize());
  return 0;
}
