// jdist_tpetra: library state, errors, maps, multivectors on caller memory, CRS matrices.
#include "jdist_tpetra_internal.hpp"

#pragma GCC visibility push(default) // see jdist_tpetra_internal.hpp
#include <Kokkos_Core.hpp>
#include <Teuchos_DefaultMpiComm.hpp>
#include <Trilinos_version.h>
#include <mpi.h>
#pragma GCC visibility pop

#include <algorithm>
#include <cstring>
#include <vector>

namespace jdist_tpetra {
namespace {
thread_local std::string last_error;
bool session_active = false; // between jdist_tpetra_initialize and jdist_tpetra_finalize
bool tpetra_started = false; // Tpetra::initialize ran; Tpetra::finalize runs inside MPI_Finalize

int finalize_at_mpi_finalize(MPI_Comm, int, void *, void *) {
  try {
    if (Tpetra::isInitialized()) Tpetra::finalize();
  } catch (...) {
  }
  return MPI_SUCCESS;
}

Teuchos::RCP<const Teuchos::Comm<int>> wrap_comm(void *comm) {
  require(comm != nullptr, JDIST_TPETRA_ERR_ARG, "communicator handle is NULL");
  return Teuchos::rcp(new Teuchos::MpiComm<int>(reinterpret_cast<MPI_Comm>(comm)));
}

Tpetra::global_size_t global_size(long long global_n) {
  require(global_n >= -1, JDIST_TPETRA_ERR_ARG, "global size " + std::to_string(global_n) + " < -1");
  return global_n == -1 ? Teuchos::OrdinalTraits<Tpetra::global_size_t>::invalid()
                        : static_cast<Tpetra::global_size_t>(global_n);
}

void copy_string(const std::string &s, char *buf, int len) {
  if (buf == nullptr || len <= 0) return;
  std::size_t n = std::min<std::size_t>(s.size(), static_cast<std::size_t>(len - 1));
  std::memcpy(buf, s.data(), n);
  buf[n] = '\0';
}

void check_same_shape(const mv_type &a, const mv_type &b, const char *what) {
  require(a.getLocalLength() == b.getLocalLength() && a.getNumVectors() == b.getNumVectors(),
          JDIST_TPETRA_ERR_ARG,
          std::string(what) + ": the multivectors differ in local length or columns (" +
              std::to_string(a.getLocalLength()) + "x" + std::to_string(a.getNumVectors()) + " vs " +
              std::to_string(b.getLocalLength()) + "x" + std::to_string(b.getNumVectors()) + ")");
}
} // namespace

void set_error(const std::string &msg) { last_error = msg; }
void clear_error() { last_error.clear(); }
bool kokkos_alive() { return Kokkos::is_initialized(); }

void require_initialized(const char *fn) {
  require(session_active, JDIST_TPETRA_ERR_STATE,
          std::string("Tpetra is not initialised (call jdist_tpetra_initialize first) in ") + fn);
}
} // namespace jdist_tpetra

using namespace jdist_tpetra;

extern "C" {

int jdist_tpetra_last_error(char *buf, int len, int *needed) {
  try {
    copy_string(last_error, buf, len);
    if (needed != nullptr) *needed = static_cast<int>(last_error.size());
    return JDIST_TPETRA_OK;
  } catch (...) {
    return JDIST_TPETRA_ERR_TRILINOS;
  }
}

int jdist_tpetra_type_sizes(int sizes[4]) {
  return guarded("jdist_tpetra_type_sizes", [&] {
    require_out(sizes, "sizes");
    sizes[0] = sizeof(LO);
    sizes[1] = sizeof(GO);
    sizes[2] = sizeof(double);
    sizes[3] = sizeof(std::size_t);
  });
}

int jdist_tpetra_version(char *buf, int len) {
  return guarded("jdist_tpetra_version", [&] {
    require_out(buf, "buf");
    copy_string(std::string("Trilinos ") + TRILINOS_VERSION_STRING + ", Kokkos " +
                    Kokkos::DefaultExecutionSpace::name() + ", GO " + std::to_string(8 * sizeof(GO)) + "-bit",
                buf, len);
  });
}

int jdist_tpetra_initialize(void) {
  return guarded("jdist_tpetra_initialize", [&] {
    int mpi_init = 0, mpi_fin = 0;
    MPI_Initialized(&mpi_init);
    MPI_Finalized(&mpi_fin);
    require(mpi_init && !mpi_fin, JDIST_TPETRA_ERR_STATE,
            "MPI is not initialised (or already finalised): initialise MPI first; Tpetra must not own MPI");
    require(!session_active, JDIST_TPETRA_ERR_STATE, "Tpetra is already initialised by this library");
    if (!tpetra_started) {
      require(!Tpetra::isInitialized(), JDIST_TPETRA_ERR_STATE,
              "Tpetra is already initialised by other code in this process");
      int argc = 1;
      static char name[] = "jdistarray";
      char *args[] = {name, nullptr};
      char **argv = args;
      Tpetra::initialize(&argc, &argv);
      // Kokkos 3.4 cannot be initialised again after Kokkos::finalize, so Tpetra stays up until MPI_Finalize,
      // which deletes MPI_COMM_SELF's attributes first (as PETSc does when it does not own MPI).
      int key = MPI_KEYVAL_INVALID;
      MPI_Comm_create_keyval(MPI_COMM_NULL_COPY_FN, finalize_at_mpi_finalize, &key, nullptr);
      MPI_Comm_set_attr(MPI_COMM_SELF, key, nullptr);
      tpetra_started = true;
    }
    session_active = true;
  });
}

int jdist_tpetra_finalize(void) {
  return guarded("jdist_tpetra_finalize", [&] {
    require(session_active, JDIST_TPETRA_ERR_STATE, "Tpetra is not initialised by this library");
    session_active = false;
  });
}

int jdist_tpetra_is_initialized(int *flag) {
  return guarded("jdist_tpetra_is_initialized", [&] {
    require_out(flag, "flag");
    *flag = session_active ? 1 : 0;
  });
}

int jdist_tpetra_map_create_contiguous(void *comm, long long global_n, int local_n, jdist_tpetra_map **out) {
  return guarded("jdist_tpetra_map_create_contiguous", [&] {
    require_initialized("jdist_tpetra_map_create_contiguous");
    require_out(out, "out");
    *out = nullptr;
    require(local_n >= 0, JDIST_TPETRA_ERR_ARG, "local size " + std::to_string(local_n) + " < 0");
    auto c = wrap_comm(comm);
    auto h = new jdist_tpetra_map;
    try {
      h->map = Teuchos::rcp(new map_type(global_size(global_n), static_cast<std::size_t>(local_n), GO(0), c));
    } catch (...) {
      delete h;
      throw;
    }
    *out = h;
  });
}

int jdist_tpetra_map_create(void *comm, long long global_n, const long long *gids, int local_n,
                            jdist_tpetra_map **out) {
  return guarded("jdist_tpetra_map_create", [&] {
    require_initialized("jdist_tpetra_map_create");
    require_out(out, "out");
    *out = nullptr;
    require(local_n >= 0, JDIST_TPETRA_ERR_ARG, "local size " + std::to_string(local_n) + " < 0");
    require(local_n == 0 || gids != nullptr, JDIST_TPETRA_ERR_ARG, "gids is NULL");
    for (int i = 0; i < local_n; ++i) {
      require(gids[i] >= 0 && (global_n < 0 || gids[i] < global_n), JDIST_TPETRA_ERR_ARG,
              "global id " + std::to_string(gids[i]) + " at local index " + std::to_string(i) +
                  " is outside [0, " + std::to_string(global_n) + ")");
    }
    auto c = wrap_comm(comm);
    Teuchos::ArrayView<const GO> ids(reinterpret_cast<const GO *>(gids), local_n);
    auto h = new jdist_tpetra_map;
    try {
      h->map = Teuchos::rcp(new map_type(global_size(global_n), ids, GO(0), c));
    } catch (...) {
      delete h;
      throw;
    }
    *out = h;
  });
}

int jdist_tpetra_map_info(const jdist_tpetra_map *map, long long *global_n, int *local_n, int *contiguous,
                          long long *min_gid) {
  return guarded("jdist_tpetra_map_info", [&] {
    const auto &m = *checked(map, MAP_MAGIC, "map")->map;
    if (global_n) *global_n = static_cast<long long>(m.getGlobalNumElements());
    if (local_n) *local_n = static_cast<int>(m.getNodeNumElements());
    if (contiguous) *contiguous = m.isContiguous() ? 1 : 0;
    if (min_gid) *min_gid = m.getNodeNumElements() == 0 ? -1 : static_cast<long long>(m.getMinGlobalIndex());
  });
}

int jdist_tpetra_map_same(const jdist_tpetra_map *a, const jdist_tpetra_map *b, int *same) {
  return guarded("jdist_tpetra_map_same", [&] {
    const auto &ma = *checked(a, MAP_MAGIC, "map")->map;
    const auto &mb = *checked(b, MAP_MAGIC, "map")->map;
    require_out(same, "same");
    *same = ma.isSameAs(mb) ? 1 : 0;
  });
}

int jdist_tpetra_map_destroy(jdist_tpetra_map *map) {
  return guarded("jdist_tpetra_map_destroy", [&] {
    auto h = checked(map, MAP_MAGIC, "map");
    h->magic = 0;
    if (!kokkos_alive()) h->map.release(); // after finalize Kokkos memory must not be freed: leak it
    delete h;
  });
}

int jdist_tpetra_mv_wrap(const jdist_tpetra_map *map, double *data, int ld, int ncols, jdist_tpetra_mv **out) {
  return guarded("jdist_tpetra_mv_wrap", [&] {
    require_initialized("jdist_tpetra_mv_wrap");
    require_out(out, "out");
    *out = nullptr;
    auto m = checked(map, MAP_MAGIC, "map")->map;
    const std::size_t n = m->getNodeNumElements();
    require(ncols >= 1, JDIST_TPETRA_ERR_ARG, "ncols " + std::to_string(ncols) + " < 1");
    require(n == 0 || data != nullptr, JDIST_TPETRA_ERR_ARG, "data is NULL for " + std::to_string(n) + " local rows");
    require(ncols == 1 || static_cast<std::size_t>(ld) == n, JDIST_TPETRA_ERR_ARG,
            "ld " + std::to_string(ld) + " must equal the local length " + std::to_string(n) + " for " +
                std::to_string(ncols) + " columns");
    // The caller's memory as an unmanaged host view: Tpetra uses it as is (Kokkos Serial: host == device memory).
    using dual_view_type = mv_type::dual_view_type;
    Kokkos::View<double **, Kokkos::LayoutLeft, Kokkos::HostSpace, Kokkos::MemoryTraits<Kokkos::Unmanaged>> um(
        data, n, static_cast<std::size_t>(ncols));
    typename dual_view_type::t_dev d = um;
    typename dual_view_type::t_host hv = Kokkos::create_mirror_view(d);
    require(hv.data() == data, JDIST_TPETRA_ERR_UNSUPPORTED,
            "this Kokkos build keeps host and device memory apart: wrapping caller memory would copy");
    auto h = new jdist_tpetra_mv;
    try {
      h->mv = Teuchos::rcp(new mv_type(m, dual_view_type(d, hv)));
      h->wrapped = true;
    } catch (...) {
      delete h;
      throw;
    }
    *out = h;
  });
}

int jdist_tpetra_mv_create(const jdist_tpetra_map *map, int ncols, jdist_tpetra_mv **out) {
  return guarded("jdist_tpetra_mv_create", [&] {
    require_initialized("jdist_tpetra_mv_create");
    require_out(out, "out");
    *out = nullptr;
    auto m = checked(map, MAP_MAGIC, "map")->map;
    require(ncols >= 1, JDIST_TPETRA_ERR_ARG, "ncols " + std::to_string(ncols) + " < 1");
    auto h = new jdist_tpetra_mv;
    try {
      h->mv = Teuchos::rcp(new mv_type(m, static_cast<std::size_t>(ncols), true));
    } catch (...) {
      delete h;
      throw;
    }
    *out = h;
  });
}

int jdist_tpetra_mv_data(const jdist_tpetra_mv *mv, double **data, int *ld) {
  return guarded("jdist_tpetra_mv_data", [&] {
    auto &v = *checked(mv, MV_MAGIC, "multivector")->mv;
    require_out(data, "data");
    auto view = v.getLocalViewHost(Tpetra::Access::ReadOnly);
    *data = const_cast<double *>(view.data());
    if (ld) *ld = static_cast<int>(v.getNumVectors() > 1 ? v.getStride() : v.getLocalLength());
  });
}

int jdist_tpetra_mv_info(const jdist_tpetra_mv *mv, int *ncols, int *local_n) {
  return guarded("jdist_tpetra_mv_info", [&] {
    auto &v = *checked(mv, MV_MAGIC, "multivector")->mv;
    if (ncols) *ncols = static_cast<int>(v.getNumVectors());
    if (local_n) *local_n = static_cast<int>(v.getLocalLength());
  });
}

int jdist_tpetra_mv_norm2(const jdist_tpetra_mv *mv, double *norms) {
  return guarded("jdist_tpetra_mv_norm2", [&] {
    auto &v = *checked(mv, MV_MAGIC, "multivector")->mv;
    require_out(norms, "norms");
    v.norm2(Teuchos::ArrayView<double>(norms, v.getNumVectors()));
  });
}

int jdist_tpetra_mv_dot(const jdist_tpetra_mv *a, const jdist_tpetra_mv *b, double *dots) {
  return guarded("jdist_tpetra_mv_dot", [&] {
    auto &va = *checked(a, MV_MAGIC, "multivector")->mv;
    auto &vb = *checked(b, MV_MAGIC, "multivector")->mv;
    require_out(dots, "dots");
    check_same_shape(va, vb, "dot");
    va.dot(vb, Teuchos::ArrayView<double>(dots, va.getNumVectors()));
  });
}

int jdist_tpetra_mv_scale(jdist_tpetra_mv *mv, double alpha) {
  return guarded("jdist_tpetra_mv_scale", [&] { checked(mv, MV_MAGIC, "multivector")->mv->scale(alpha); });
}

int jdist_tpetra_mv_update(jdist_tpetra_mv *y, double alpha, const jdist_tpetra_mv *x, double beta) {
  return guarded("jdist_tpetra_mv_update", [&] {
    auto &vy = *checked(y, MV_MAGIC, "multivector")->mv;
    auto &vx = *checked(x, MV_MAGIC, "multivector")->mv;
    check_same_shape(vy, vx, "update");
    vy.update(alpha, vx, beta);
  });
}

int jdist_tpetra_mv_put_scalar(jdist_tpetra_mv *mv, double alpha) {
  return guarded("jdist_tpetra_mv_put_scalar",
                 [&] { checked(mv, MV_MAGIC, "multivector")->mv->putScalar(alpha); });
}

int jdist_tpetra_mv_destroy(jdist_tpetra_mv *mv) {
  return guarded("jdist_tpetra_mv_destroy", [&] {
    auto h = checked(mv, MV_MAGIC, "multivector");
    h->magic = 0;
    if (!kokkos_alive()) h->mv.release(); // after finalize Kokkos memory must not be freed: leak it
    delete h;
  });
}

int jdist_tpetra_crs_create(const jdist_tpetra_map *row_map, int nrows, const int *rowptr, const long long *cols,
                            const double *vals, jdist_tpetra_crs **out) {
  return guarded("jdist_tpetra_crs_create", [&] {
    require_initialized("jdist_tpetra_crs_create");
    require_out(out, "out");
    *out = nullptr;
    auto m = checked(row_map, MAP_MAGIC, "map")->map;
    require(nrows >= 0 && static_cast<std::size_t>(nrows) == m->getNodeNumElements(), JDIST_TPETRA_ERR_ARG,
            "nrows " + std::to_string(nrows) + " differs from the row map's local size " +
                std::to_string(m->getNodeNumElements()));
    require(rowptr != nullptr, JDIST_TPETRA_ERR_ARG, "rowptr is NULL");
    require(rowptr[0] == 0, JDIST_TPETRA_ERR_ARG, "rowptr[0] = " + std::to_string(rowptr[0]) + ", must be 0");
    std::vector<std::size_t> counts(static_cast<std::size_t>(nrows));
    for (int i = 0; i < nrows; ++i) {
      require(rowptr[i + 1] >= rowptr[i], JDIST_TPETRA_ERR_ARG, "rowptr decreases at row " + std::to_string(i));
      counts[i] = static_cast<std::size_t>(rowptr[i + 1] - rowptr[i]);
    }
    const int nnz = rowptr[nrows];
    require(nnz == 0 || (cols != nullptr && vals != nullptr), JDIST_TPETRA_ERR_ARG, "cols or vals is NULL");
    for (int k = 0; k < nnz; ++k) {
      require(cols[k] >= 0, JDIST_TPETRA_ERR_ARG,
              "column " + std::to_string(cols[k]) + " at entry " + std::to_string(k) + " < 0");
    }
    auto A = Teuchos::rcp(new crs_type(m, Teuchos::ArrayView<const std::size_t>(counts.data(), nrows)));
    const GO *gc = reinterpret_cast<const GO *>(cols);
    for (int i = 0; i < nrows; ++i) {
      const int len = rowptr[i + 1] - rowptr[i];
      if (len == 0) continue;
      A->insertGlobalValues(m->getGlobalElement(i), Teuchos::ArrayView<const GO>(gc + rowptr[i], len),
                            Teuchos::ArrayView<const double>(vals + rowptr[i], len));
    }
    auto h = new jdist_tpetra_crs;
    h->a = A;
    *out = h;
  });
}

int jdist_tpetra_crs_fill_complete(jdist_tpetra_crs *a, const jdist_tpetra_map *domain_map,
                                   const jdist_tpetra_map *range_map) {
  return guarded("jdist_tpetra_crs_fill_complete", [&] {
    auto &A = *checked(a, CRS_MAGIC, "matrix")->a;
    require(!A.isFillComplete(), JDIST_TPETRA_ERR_STATE, "the matrix is already fill-complete");
    auto d = domain_map ? checked(domain_map, MAP_MAGIC, "map")->map : A.getRowMap();
    auto r = range_map ? checked(range_map, MAP_MAGIC, "map")->map : A.getRowMap();
    A.fillComplete(d, r);
  });
}

int jdist_tpetra_crs_info(const jdist_tpetra_crs *a, long long *global_rows, long long *global_cols,
                          long long *global_nnz, int *filled) {
  return guarded("jdist_tpetra_crs_info", [&] {
    auto &A = *checked(a, CRS_MAGIC, "matrix")->a;
    const bool f = A.isFillComplete();
    if (global_rows) *global_rows = static_cast<long long>(A.getRowMap()->getGlobalNumElements());
    if (global_cols) *global_cols = f ? static_cast<long long>(A.getDomainMap()->getGlobalNumElements()) : -1;
    if (global_nnz) *global_nnz = f ? static_cast<long long>(A.getGlobalNumEntries()) : -1;
    if (filled) *filled = f ? 1 : 0;
  });
}

int jdist_tpetra_crs_apply(const jdist_tpetra_crs *a, const jdist_tpetra_mv *x, jdist_tpetra_mv *y, double alpha,
                           double beta, int trans) {
  return guarded("jdist_tpetra_crs_apply", [&] {
    auto &A = *checked(a, CRS_MAGIC, "matrix")->a;
    auto &vx = *checked(x, MV_MAGIC, "multivector")->mv;
    auto &vy = *checked(y, MV_MAGIC, "multivector")->mv;
    require(A.isFillComplete(), JDIST_TPETRA_ERR_STATE, "the matrix is not fill-complete");
    require(trans == 0 || trans == 1, JDIST_TPETRA_ERR_ARG, "trans must be 0 or 1");
    auto in = trans ? A.getRangeMap() : A.getDomainMap();
    auto outm = trans ? A.getDomainMap() : A.getRangeMap();
    require(vx.getLocalLength() == in->getNodeNumElements() && vy.getLocalLength() == outm->getNodeNumElements(),
            JDIST_TPETRA_ERR_ARG, "x or y does not have the local length of the matrix's domain / range map");
    require(vx.getNumVectors() == vy.getNumVectors(), JDIST_TPETRA_ERR_ARG, "x and y differ in columns");
    A.apply(vx, vy, trans ? Teuchos::TRANS : Teuchos::NO_TRANS, alpha, beta);
  });
}

int jdist_tpetra_crs_destroy(jdist_tpetra_crs *a) {
  return guarded("jdist_tpetra_crs_destroy", [&] {
    auto h = checked(a, CRS_MAGIC, "matrix");
    h->magic = 0;
    if (!kokkos_alive()) h->a.release(); // after finalize Kokkos memory must not be freed: leak it
    delete h;
  });
}

} // extern "C"
