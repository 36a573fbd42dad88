#!/usr/bin/env bash
# PETSc bridge benchmark: JDistArray (org.jdistarray.bench.PetscBenchmark) vs C linking PETSc (c/petsc_bench.c) vs
# petsc4py (../shared/bench/petsc4py_bench.py, Debian's /usr/bin/python3), same problems, same job, alternating.
#   bench/run_petsc_bench.sh        # 2 ranks, ROUNDS=2
# Prints PEER lines (shared baseline format), RSS lines, and a summary of the ratios (best median over rounds).
# Environment: NP (2), ROUNDS (2), PEER_N (2^25: axpy/dot/wrap), PEER_CG_N (2^22: cg/matmult), PEER_CG_ITERS (50),
# PEER_CG_REPS (5), PEER_REPS (10), SKIP_BUILD=1, SHARED_BENCH (folder of petsc4py_bench.py), PY (/usr/bin/python3).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
NP=${NP:-2}
ROUNDS=${ROUNDS:-2}
CPUS=$(getconf _NPROCESSORS_ONLN) # not nproc: it honours OMP_NUM_THREADS, which is set to 1 below
export PEER_N=${PEER_N:-33554432} PEER_CG_N=${PEER_CG_N:-4194304} PEER_CG_ITERS=${PEER_CG_ITERS:-50}
export PEER_CG_REPS=${PEER_CG_REPS:-5} PEER_REPS=${PEER_REPS:-10} OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
SHARED_BENCH=${SHARED_BENCH:-$ROOT/../shared/bench}
PY=${PY:-/usr/bin/python3}
WORK=$(mktemp -d -t jdist-petsc-bench.XXXXXX)
OUT=$WORK/results.txt

summarize() {
    echo
    echo "# summary (best median over rounds; RSS lines in run order)"
    awk '
/^PEER / {
    for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    k = f["impl"] "|" f["op"] "|" f["note"]; if (f["op"] == "wrap") k = k "|" f["N"]
    if (!(k in best) || f["seconds"] + 0 < best[k]) best[k] = f["seconds"] + 0
    if (!(k in fastest) || f["min"] + 0 < fastest[k]) fastest[k] = f["min"] + 0
    if (f["op"] == "matmult_lap5") mmN[f["impl"]] = f["N"]
    if (f["op"] == "wrap" && !(f["N"] in seenN)) { seenN[f["N"]] = 1; wrapN[++nw] = f["N"] }
}
/^RSS / { rss[++nr] = $0 }
function find(impl, op, note,   k) { for (k in best) if (index(k, impl "|" op "|") == 1 && (note == "" || index(k, note))) return best[k]; return 0 }
END {
    c = find("c_petsc", "cg_lap5_per_iter", ""); j = find("jdistarray", "cg_lap5_per_iter", ""); p = find("petsc4py", "cg_lap5_per_iter", "")
    if (c && j) printf "CG per iteration: C %.3f ms, JDistArray %.3f ms (%.3fx C, goal <= 1.05x)", c * 1e3, j * 1e3, j / c
    if (p && j) printf ", petsc4py %.3f ms (JDistArray %.3fx petsc4py)", p * 1e3, j / p
    print ""
    c = find("c_petsc", "matmult_lap5", ""); j = find("jdistarray", "matmult_lap5", ""); p = find("petsc4py", "matmult_lap5", "")
    if (c && j) printf "MatMult (N=%s): C %.3f ms, JDistArray %.3f ms (%.3fx C)", mmN["jdistarray"], c * 1e3, j * 1e3, j / c
    if (p) printf "; petsc4py %.3f ms at its own N=%s", p * 1e3, mmN["petsc4py"]
    print ""
    split("axpy dot", vo, " ")
    for (i = 1; i <= 2; i++) {
        w = find("jdistarray", vo[i], "wrapped"); a = find("jdistarray", vo[i], "petsc_alloc"); c = find("c_petsc", vo[i], "")
        d = find("jdistarray", vo[i], "on_DistArray")
        if (w && a) printf "%s: wrapped %.3f ms, PETSc-allocated %.3f ms (wrapped/allocated %.3f), C %.3f ms\n", vo[i], w * 1e3, a * 1e3, w / a, c * 1e3
        if (d && a) printf "%s: wrapped DistArray %.3f ms (DistArray/allocated %.3f)\n", vo[i], d * 1e3, d / a
    }
    if (nw) {
        printf "wrap+close by N (best median / fastest, us):"
        for (i = 1; i <= nw; i++) { k = "jdistarray|wrap|PetscVec.wrap+close|" wrapN[i]; printf " %s: %.1f/%.1f", wrapN[i], best[k] * 1e6, fastest[k] * 1e6 }
        print ""
    }
    for (i = 1; i <= nr; i++) print rss[i]
}' "$1"
}
if [ -n "${SUMMARY_ONLY:-}" ]; then
    summarize "$SUMMARY_ONLY"
    exit 0
fi

mpicc -O2 -o "$WORK/petsc_bench" "$HERE/c/petsc_bench.c" $(pkg-config --cflags --libs PETSc)
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    (cd "$ROOT" && mvn -q -B -Pbench -pl bench -am package -DskipTests)
fi
CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"
JAVA=(java -XX:+UseSerialGC -cp "$CP")

MPIRUN=(mpirun)
if mpirun --version 2>&1 | grep -q "Open MPI"; then
    [ "$(id -u)" = 0 ] && MPIRUN+=(--allow-run-as-root)
    [ "$NP" -gt "$CPUS" ] && MPIRUN+=(--oversubscribe)
fi
MPIRUN+=(-x PEER_N -x PEER_CG_N -x PEER_CG_ITERS -x PEER_CG_REPS -x PEER_REPS -x OMP_NUM_THREADS -x OPENBLAS_NUM_THREADS)
[ -n "${PETSC_DIR:-}" ] && MPIRUN+=(-x PETSC_DIR)
HAVE_PY=0
if [ -f "$SHARED_BENCH/petsc4py_bench.py" ] && "$PY" -c 'import petsc4py, mpi4py' 2>/dev/null; then HAVE_PY=1; fi

run() { timeout 900 "${MPIRUN[@]}" -np "$NP" "$@" 2>&1 | grep -E '^(PEER|RSS) ' | tee -a "$OUT" || echo "# FAILED: $*" | tee -a "$OUT"; }

echo "# petsc bench $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), np=$NP rounds=$ROUNDS" \
     "N=$PEER_N cg_N=$PEER_CG_N iters=$PEER_CG_ITERS $CPUS cpus, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)" | tee "$OUT"
for round in $(seq "$ROUNDS"); do
    echo "# round $round, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
    run "$WORK/petsc_bench" cg matmult axpy dot
    run "${JAVA[@]}" org.jdistarray.bench.PetscBenchmark cg matmult axpy dot wrap
    if [ "$HAVE_PY" = 1 ]; then
        (cd "$SHARED_BENCH" && run "$PY" -m mpi4py petsc4py_bench.py cg matmult axpy)
    fi
done
echo "# peak memory (VmHWM, max over ranks): cg alone, and MPI+PETSc initialised only (baseline)" | tee -a "$OUT"
run "$WORK/petsc_bench" cg
run "$WORK/petsc_bench" baseline
run "${JAVA[@]}" org.jdistarray.bench.PetscBenchmark cg
run "${JAVA[@]}" org.jdistarray.bench.PetscBenchmark baseline
run java -XX:+UseSerialGC -Xms8m -Xmx48m -cp "$CP" org.jdistarray.bench.PetscBenchmark cg
run "${JAVA[@]}" -Djdistarray.bench.assembly=chunks org.jdistarray.bench.PetscBenchmark cg   # phase 1 path, for comparison
echo "# load at the end $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"

summarize "$OUT"
echo "raw results: $OUT"
