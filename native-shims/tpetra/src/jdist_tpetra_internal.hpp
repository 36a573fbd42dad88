// Internal types and error plumbing of the jdist_tpetra shim (not installed, not part of the ABI).
#ifndef JDIST_TPETRA_INTERNAL_HPP
#define JDIST_TPETRA_INTERNAL_HPP

#include "jdist_tpetra.h"

// Trilinos' headers keep default visibility although the shim builds with -fvisibility=hidden: Belos' solver
// registry (and other function-local statics in templates) must be the one object shared with the Trilinos
// libraries, or Belos::SolverFactory sees no registered solver.
#pragma GCC visibility push(default)
#include <Tpetra_Core.hpp>
#include <Tpetra_CrsMatrix.hpp>
#include <Tpetra_Map.hpp>
#include <Tpetra_MultiVector.hpp>
#pragma GCC visibility pop

#include <cstdint>
#include <exception>
#include <string>

namespace jdist_tpetra {

using map_type = Tpetra::Map<>;
using LO = map_type::local_ordinal_type;
using GO = map_type::global_ordinal_type;
using node_type = map_type::node_type;
using mv_type = Tpetra::MultiVector<double, LO, GO, node_type>;
using crs_type = Tpetra::CrsMatrix<double, LO, GO, node_type>;
using op_type = Tpetra::Operator<double, LO, GO, node_type>;

static_assert(sizeof(GO) == sizeof(long long), "the shim's ABI needs Tpetra GO = long long");
static_assert(sizeof(LO) == sizeof(int), "the shim's ABI needs Tpetra LO = int");

constexpr std::uint32_t MAP_MAGIC = 0x4a4d4150u;    // "JMAP"
constexpr std::uint32_t MV_MAGIC = 0x4a4d5643u;     // "JMVC"
constexpr std::uint32_t CRS_MAGIC = 0x4a435253u;    // "JCRS"
constexpr std::uint32_t SOLVER_MAGIC = 0x4a534c56u; // "JSLV"

/** Thrown inside the shim for a bad argument or state; becomes the given code at the boundary. */
struct shim_error : std::exception {
  int code;
  std::string msg;
  shim_error(int c, std::string m) : code(c), msg(std::move(m)) {}
  const char *what() const noexcept override { return msg.c_str(); }
};

void set_error(const std::string &msg);
void clear_error();
bool kokkos_alive();

[[noreturn]] inline void fail(int code, const std::string &msg) { throw shim_error(code, msg); }
inline void require(bool ok, int code, const std::string &msg) {
  if (!ok) fail(code, msg);
}
void require_initialized(const char *fn);

/** Runs body; maps every exception to an error code and the thread-local message. */
template <class F> int guarded(const char *fn, F &&body) noexcept {
  try {
    clear_error();
    body();
    return JDIST_TPETRA_OK;
  } catch (const shim_error &e) {
    set_error(std::string(fn) + ": " + e.msg);
    return e.code;
  } catch (const std::exception &e) {
    set_error(std::string(fn) + ": " + e.what());
    return JDIST_TPETRA_ERR_TRILINOS;
  } catch (...) {
    set_error(std::string(fn) + ": unknown C++ exception");
    return JDIST_TPETRA_ERR_TRILINOS;
  }
}

} // namespace jdist_tpetra

struct jdist_tpetra_map {
  std::uint32_t magic = jdist_tpetra::MAP_MAGIC;
  Teuchos::RCP<const jdist_tpetra::map_type> map;
};

struct jdist_tpetra_mv {
  std::uint32_t magic = jdist_tpetra::MV_MAGIC;
  Teuchos::RCP<jdist_tpetra::mv_type> mv;
  bool wrapped = false;
};

struct jdist_tpetra_crs {
  std::uint32_t magic = jdist_tpetra::CRS_MAGIC;
  Teuchos::RCP<jdist_tpetra::crs_type> a;
};

namespace jdist_tpetra {
/** Checks a handle pointer and its magic (catches NULL and most stale or foreign pointers). */
template <class H> H *checked(H *h, std::uint32_t magic, const char *what) {
  require(h != nullptr, JDIST_TPETRA_ERR_ARG, std::string(what) + " handle is NULL");
  require(h->magic == magic, JDIST_TPETRA_ERR_ARG, std::string(what) + " handle is not a live " + what);
  return h;
}
template <class H> const H *checked(const H *h, std::uint32_t magic, const char *what) {
  return checked(const_cast<H *>(h), magic, what);
}
template <class T> void require_out(T *p, const char *name) {
  require(p != nullptr, JDIST_TPETRA_ERR_ARG, std::string("out-pointer ") + name + " is NULL");
}
} // namespace jdist_tpetra

#endif
