#!/usr/bin/env bash
# Redistribution benchmark: JDistArray (RedistributionBenchmark) against C + MPI (bench/c/redist_bench.c) and
# mpi4py's Alltoallv transpose (../shared/bench/mpi4py_bench.py redist), row-block -> column-block of a 4096 x 4096
# float64 array at 2 ranks bound to cores, alternating C, mpi4py, Java for ROUNDS rounds in one job; then the
# JDistArray-only cases (block <-> cyclic, block-cyclic -> block) and the ratios of the best medians.
# Environment: PEER_N (default 2^24), PEER_REPS (default 10), ROUNDS (default 3), NP (default 2), SKIP_BUILD=1,
# SHARED (default ../shared/bench next to the checkout's parent: /work/shared/bench).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SHARED=${SHARED:-/work/shared/bench}
NP=${NP:-2}
ROUNDS=${ROUNDS:-3}
export PEER_N=${PEER_N:-16777216} PEER_REPS=${PEER_REPS:-10} OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
WORK=$(mktemp -d -t jdist-redist-bench.XXXXXX)
OUT=$WORK/results.txt
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    (cd "$ROOT" && mvn -o -q -B -Pbench -pl bench -am package -DskipTests)
fi
CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"
PY=$(command -p -v python3)
RUN=(mpirun --bind-to core)
[ "$(id -u)" = 0 ] && RUN+=(--allow-run-as-root)
RUN+=(-x PEER_N -x PEER_REPS -x OMP_NUM_THREADS -x OPENBLAS_NUM_THREADS -np "$NP")
mpicc -O3 -march=native -o "$WORK/redist_bench" "$HERE/c/redist_bench.c"
echo "# redist bench $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), np=$NP N=$PEER_N reps=$PEER_REPS rounds=$ROUNDS" | tee "$OUT"
for round in $(seq "$ROUNDS"); do
    timeout 300 "${RUN[@]}" "$WORK/redist_bench" | tee -a "$OUT"
    (cd "$SHARED" && timeout 300 "${RUN[@]}" "$PY" -m mpi4py mpi4py_bench.py redist) | grep '^PEER' | tee -a "$OUT" || true
    timeout 300 "${RUN[@]}" java -XX:+UseSerialGC -cp "$CP" org.jdistarray.bench.RedistributionBenchmark row2col | tee -a "$OUT"
done
timeout 600 "${RUN[@]}" java -XX:+UseSerialGC -cp "$CP" org.jdistarray.bench.RedistributionBenchmark block2cyclic cyclic2block bcyclic2block | tee -a "$OUT"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
echo
awk '/^PEER / { for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
        if (f["op"] != "redist_row2col") next
        if (!(f["impl"] in best) || f["seconds"] + 0 < best[f["impl"]]) best[f["impl"]] = f["seconds"] + 0 }
     END { j = best["jdistarray"]; c = best["c_mpi"]; m = best["mpi4py"]
           if (j && c) printf "row2col: JDistArray %.4f s, C %.4f s: %.2fx C (goal >= 0.8x)\n", j, c, c / j
           if (j && m) printf "row2col: mpi4py %.4f s: %.2fx mpi4py (goal >= 1.0x)\n", m, m / j }' "$OUT"
echo "raw results: $OUT"
