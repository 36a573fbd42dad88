#!/usr/bin/env bash
# Indexing benchmark: JDistArray's IndexingBenchmark (gather of IDX_M = 10^6 random indices from a 2^25 float64 block
# array; mask selection of a pseudorandom half of it) against its C + MPI_Alltoallv twin (bench/c/indexing_bench.c),
# alternately in one job, Open MPI, ranks bound to cores. Prints PEER lines, then the ratios of the best medians.
#   bench/run_indexing_bench.sh                            # ROUNDS=3, PEER_REPS=11, ranks 2
#   PEER_N=4096 IDX_M=100 PEER_REPS=3 ROUNDS=1 bench/run_indexing_bench.sh   # a tiny smoke run
# Environment: ROUNDS, PEER_REPS, PEER_N, IDX_M, RANKS (default "2"), SKIP_BUILD=1.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
ROUNDS=${ROUNDS:-3}
RANKS=${RANKS:-2}
export PEER_REPS=${PEER_REPS:-11} PEER_N=${PEER_N:-33554432} IDX_M=${IDX_M:-1000000}
WORK=$(mktemp -d -t jdist-indexing-bench.XXXXXX)
OUT=$WORK/results.txt
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    (cd "$ROOT" && mvn -o -q -B -Pbench -pl bench -am package -DskipTests) || exit 1
fi
CP="$ROOT/bench/target/classes:$(sed "s|$ROOT/core/target/jdistarray-core-[^:]*.jar|$ROOT/core/target/classes|" "$ROOT/bench/target/classpath.txt")"
mpicc -O3 -march=native -o "$WORK/indexing_bench" "$HERE/c/indexing_bench.c" || exit 1
MPIRUN=(mpirun --bind-to core -x PEER_REPS -x PEER_N -x IDX_M); [ "$(id -u)" = 0 ] && MPIRUN+=(--allow-run-as-root)
echo "# indexing $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), rounds $ROUNDS" | tee -a "$OUT"
for round in $(seq "$ROUNDS"); do
    for np in $RANKS; do
        timeout 600 "${MPIRUN[@]}" -np "$np" java -cp "$CP" org.jdistarray.bench.IndexingBenchmark 2>&1 | grep '^PEER' | tee -a "$OUT"
        timeout 300 "${MPIRUN[@]}" -np "$np" "$WORK/indexing_bench" 2>&1 | grep '^PEER' | tee -a "$OUT"
    done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
awk '/^PEER / { for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
       k = f["op"] " ranks=" f["ranks"] " N=" f["N"]; v = f["seconds"] + 0
       if (!((f["impl"], k) in best) || v < best[f["impl"], k]) best[f["impl"], k] = v; keys[k] = 1 }
     END { for (k in keys) { j = best["jdistarray", k]; c = best["c_mpi", k]
             if (j != "" && c != "") printf "%s: C %.4g s, JDistArray %.4g s, JDistArray speed %.2fx of C\n", k, c, j, c / j } }' "$OUT" | sort
echo "raw results: $OUT"
