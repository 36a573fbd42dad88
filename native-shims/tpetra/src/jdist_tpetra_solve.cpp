// jdist_tpetra: Belos solvers (CG, GMRES) with optional Ifpack2 preconditioners (JDIST_TPETRA_HAVE_IFPACK2).
#include "jdist_tpetra_internal.hpp"

#pragma GCC visibility push(default) // see jdist_tpetra_internal.hpp
#include <BelosLinearProblem.hpp>
#include <BelosSolverFactory_Tpetra.hpp>
#include <BelosTpetraAdapter.hpp>
#include <Teuchos_ParameterList.hpp>
#include <Teuchos_oblackholestream.hpp>

#ifdef JDIST_TPETRA_HAVE_IFPACK2
#include <Ifpack2_Factory.hpp>
#endif
#pragma GCC visibility pop

#include <string>

namespace jdist_tpetra {
using problem_type = Belos::LinearProblem<double, mv_type, op_type>;
using solver_type = Belos::SolverManager<double, mv_type, op_type>;
} // namespace jdist_tpetra

struct jdist_tpetra_solver {
  std::uint32_t magic = jdist_tpetra::SOLVER_MAGIC;
  Teuchos::RCP<const jdist_tpetra::crs_type> a;
  Teuchos::RCP<const jdist_tpetra::op_type> prec;
  Teuchos::RCP<jdist_tpetra::problem_type> problem;
  Teuchos::RCP<jdist_tpetra::solver_type> solver;
  int max_iters = 0;
};

using namespace jdist_tpetra;

namespace {
Teuchos::RCP<const op_type> make_prec(const Teuchos::RCP<const crs_type> &A, const std::string &name) {
  if (name == "NONE") return Teuchos::null;
#ifdef JDIST_TPETRA_HAVE_IFPACK2
  using row_matrix_type = Tpetra::RowMatrix<double, LO, GO, node_type>;
  Teuchos::ParameterList p;
  std::string kind;
  if (name == "JACOBI" || name == "SGS") {
    kind = "RELAXATION";
    p.set("relaxation: type", name == "JACOBI" ? std::string("Jacobi") : std::string("Symmetric Gauss-Seidel"));
    p.set("relaxation: sweeps", 1);
  } else if (name == "ILUT") {
    kind = "ILUT";
    p.set("fact: ilut level-of-fill", 1.0);
  } else if (name == "RILUK") {
    kind = "RILUK";
    p.set("fact: iluk level-of-fill", 0);
  } else {
    fail(JDIST_TPETRA_ERR_ARG, "unknown preconditioner '" + name + "' (NONE, JACOBI, SGS, ILUT, RILUK)");
  }
  Teuchos::RCP<const row_matrix_type> rm = A;
  auto prec = Ifpack2::Factory::create<row_matrix_type>(kind, rm);
  prec->setParameters(p);
  prec->initialize();
  prec->compute();
  return prec;
#else
  if (name == "JACOBI" || name == "SGS" || name == "ILUT" || name == "RILUK") {
    fail(JDIST_TPETRA_ERR_UNSUPPORTED, "preconditioner " + name + " needs Ifpack2, which this shim was built without");
  }
  fail(JDIST_TPETRA_ERR_ARG, "unknown preconditioner '" + name + "' (NONE, JACOBI, SGS, ILUT, RILUK)");
#endif
}
} // namespace

extern "C" {

int jdist_tpetra_has_ifpack2(int *flag) {
  return guarded("jdist_tpetra_has_ifpack2", [&] {
    require_out(flag, "flag");
#ifdef JDIST_TPETRA_HAVE_IFPACK2
    *flag = 1;
#else
    *flag = 0;
#endif
  });
}

int jdist_tpetra_solver_create(const jdist_tpetra_crs *a, const char *solver, const char *prec, double tol,
                               int max_iters, int gmres_restart, jdist_tpetra_solver **out) {
  return guarded("jdist_tpetra_solver_create", [&] {
    require_initialized("jdist_tpetra_solver_create");
    require_out(out, "out");
    *out = nullptr;
    Teuchos::RCP<const crs_type> A = checked(a, CRS_MAGIC, "matrix")->a;
    require(A->isFillComplete(), JDIST_TPETRA_ERR_STATE, "the matrix is not fill-complete");
    require(solver != nullptr && prec != nullptr, JDIST_TPETRA_ERR_ARG, "solver or preconditioner name is NULL");
    const std::string sname(solver);
    require(sname == "CG" || sname == "GMRES", JDIST_TPETRA_ERR_ARG, "unknown solver '" + sname + "' (CG, GMRES)");
    require(tol > 0, JDIST_TPETRA_ERR_ARG, "tolerance must be > 0");
    require(max_iters >= 1, JDIST_TPETRA_ERR_ARG, "max_iters must be >= 1");
    require(sname != "GMRES" || gmres_restart >= 1, JDIST_TPETRA_ERR_ARG, "gmres_restart must be >= 1");

    auto params = Teuchos::rcp(new Teuchos::ParameterList);
    params->set("Convergence Tolerance", tol);
    params->set("Maximum Iterations", max_iters);
    params->set("Verbosity", static_cast<int>(Belos::Errors));
    params->set("Output Stream", Teuchos::rcp_implicit_cast<std::ostream>(Teuchos::rcp(new Teuchos::oblackholestream)));
    if (sname == "GMRES") {
      params->set("Num Blocks", gmres_restart);
      params->set("Maximum Restarts", max_iters / gmres_restart + 1);
    }
    auto h = new jdist_tpetra_solver;
    try {
      h->a = A;
      h->max_iters = max_iters;
      h->prec = make_prec(A, std::string(prec));
      h->problem = Teuchos::rcp(new problem_type);
      h->problem->setOperator(A);
      if (!h->prec.is_null()) h->problem->setRightPrec(h->prec);
      Belos::SolverFactory<double, mv_type, op_type> factory;
      h->solver = factory.create(sname, params);
    } catch (...) {
      delete h;
      throw;
    }
    *out = h;
  });
}

int jdist_tpetra_solver_solve(jdist_tpetra_solver *s, jdist_tpetra_mv *x, const jdist_tpetra_mv *b, int *iterations,
                              double *achieved_tol, int *converged) {
  return guarded("jdist_tpetra_solver_solve", [&] {
    auto &S = *checked(s, SOLVER_MAGIC, "solver");
    auto X = checked(x, MV_MAGIC, "multivector")->mv;
    Teuchos::RCP<const mv_type> B = checked(b, MV_MAGIC, "multivector")->mv;
    require_out(iterations, "iterations");
    require_out(achieved_tol, "achieved_tol");
    require_out(converged, "converged");
    require(X->getNumVectors() == B->getNumVectors(), JDIST_TPETRA_ERR_ARG, "x and b differ in columns");
    require(X->getLocalLength() == S.a->getDomainMap()->getNodeNumElements() &&
                B->getLocalLength() == S.a->getRangeMap()->getNodeNumElements(),
            JDIST_TPETRA_ERR_ARG, "x or b does not have the local length of the matrix's domain / range map");
    require(S.problem->setProblem(X, B), JDIST_TPETRA_ERR_TRILINOS, "Belos::LinearProblem::setProblem failed");
    S.solver->setProblem(S.problem);
    const Belos::ReturnType r = S.solver->solve();
    *iterations = S.solver->getNumIters();
    *achieved_tol = S.solver->achievedTol();
    *converged = r == Belos::Converged ? 1 : 0;
  });
}

int jdist_tpetra_solver_destroy(jdist_tpetra_solver *s) {
  return guarded("jdist_tpetra_solver_destroy", [&] {
    auto h = checked(s, SOLVER_MAGIC, "solver");
    h->magic = 0;
    if (!kokkos_alive()) { // after finalize Kokkos memory must not be freed: leak it
      h->solver.release();
      h->problem.release();
      h->prec.release();
      h->a.release();
    }
    delete h;
  });
}

} // extern "C"
