// C++ twin of the Trilinos bridge's CG benchmark: the 2-D 5-point Laplacian on an N x N grid (row blocks, natural
// numbering, contiguous map), Belos CG (SolverFactory "CG", no preconditioner) run for a fixed number of iterations,
// timed per iteration (slowest rank, median and min over reps after one warm-up solve). Prints one PEER line.
//   mpirun -np 2 tpetra_cg_bench [N=512] [reps=10] [iters=200]
#include <BelosLinearProblem.hpp>
#include <BelosSolverFactory_Tpetra.hpp>
#include <BelosTpetraAdapter.hpp>
#include <Teuchos_DefaultMpiComm.hpp>
#include <Teuchos_oblackholestream.hpp>
#include <Tpetra_Core.hpp>
#include <Tpetra_CrsMatrix.hpp>
#include <mpi.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  const long long N = argc > 1 ? std::atoll(argv[1]) : 512;
  const int reps = argc > 2 ? std::atoi(argv[2]) : 10;
  const int iters = argc > 3 ? std::atoi(argv[3]) : 200;
  {
    int one = 1;
    char name[] = "tpetra_cg_bench";
    char *a[] = {name, nullptr};
    char **av = a;
    Tpetra::ScopeGuard tpetra(&one, &av);
    using map_type = Tpetra::Map<>;
    using GO = map_type::global_ordinal_type;
    using mv_type = Tpetra::MultiVector<double>;
    using op_type = Tpetra::Operator<double>;
    using crs_type = Tpetra::CrsMatrix<double>;
    auto comm = Teuchos::rcp(new Teuchos::MpiComm<int>(MPI_COMM_WORLD));
    // grid rows [lo, hi) of this rank: the bridge's split (N / p, one more for the first N % p ranks)
    long long lo = 0;
    for (int r = 0; r < rank; ++r) lo += N / size + (r < N % size ? 1 : 0);
    long long hi = lo + N / size + (rank < N % size ? 1 : 0);
    const std::size_t nLocal = static_cast<std::size_t>((hi - lo) * N);
    auto map = Teuchos::rcp(new map_type(static_cast<Tpetra::global_size_t>(N * N), nLocal, GO(0), comm));
    auto A = Teuchos::rcp(new crs_type(map, 5));
    std::vector<GO> cols;
    std::vector<double> vals;
    for (long long i = lo; i < hi; ++i) {
      for (long long j = 0; j < N; ++j) {
        cols.clear();
        vals.clear();
        const GO row = i * N + j;
        if (i > 0) { cols.push_back(row - N); vals.push_back(-1); }
        if (j > 0) { cols.push_back(row - 1); vals.push_back(-1); }
        cols.push_back(row); vals.push_back(4);
        if (j + 1 < N) { cols.push_back(row + 1); vals.push_back(-1); }
        if (i + 1 < N) { cols.push_back(row + N); vals.push_back(-1); }
        A->insertGlobalValues(row, Teuchos::ArrayView<const GO>(cols), Teuchos::ArrayView<const double>(vals));
      }
    }
    A->fillComplete();
    auto x = Teuchos::rcp(new mv_type(map, 1));
    auto b = Teuchos::rcp(new mv_type(map, 1));
    b->putScalar(1.0);
    auto params = Teuchos::rcp(new Teuchos::ParameterList);
    params->set("Convergence Tolerance", 1e-30);
    params->set("Maximum Iterations", iters);
    params->set("Verbosity", static_cast<int>(Belos::Errors));
    params->set("Output Stream", Teuchos::rcp_implicit_cast<std::ostream>(Teuchos::rcp(new Teuchos::oblackholestream)));
    auto problem = Teuchos::rcp(new Belos::LinearProblem<double, mv_type, op_type>(A, x, b));
    Belos::SolverFactory<double, mv_type, op_type> factory;
    auto solver = factory.create("CG", params);
    std::vector<double> perIt;
    int its = 0;
    for (int r = 0; r <= reps; ++r) {
      x->putScalar(0.0);
      problem->setProblem(x, b);
      solver->setProblem(problem);
      MPI_Barrier(MPI_COMM_WORLD);
      const double t0 = MPI_Wtime();
      solver->solve();
      double dt = MPI_Wtime() - t0, slowest = 0;
      MPI_Allreduce(&dt, &slowest, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
      its = solver->getNumIters();
      if (r > 0) perIt.push_back(slowest / std::max(its, 1)); // rep 0 is the warm-up
    }
    std::sort(perIt.begin(), perIt.end());
    const double med = perIt[perIt.size() / 2], mn = perIt.front();
    const double n = static_cast<double>(N * N), nnz = 5.0 * n - 4.0 * N;
    // bytes per CG iteration: SpMV (12 B per entry + x + y), 2 dots (16 n), 3 axpy-like updates (24 n)
    const double bytes = 12 * nnz + 16 * n + 2 * 16 * n + 3 * 24 * n;
    if (rank == 0) {
      std::printf("PEER impl=cpp-tpetra op=tpetra_cg ranks=%d N=%lld seconds=%.6e gbs=%.2f reps=%d min=%.6e "
                  "note=per-iteration,its=%d,grid=%lldx%lld\n",
                  size, N * N, med, bytes / med / 1e9, reps, mn, its, N, N);
    }
  }
  MPI_Finalize();
  return 0;
}
