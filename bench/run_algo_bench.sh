#!/usr/bin/env bash
# Distributed-algorithm benchmark: JDistArray's AlgoBenchmark (sort with its local-sort/exchange/merge split, Arrays.sort
# on 1 rank, cumsum) against NumPy's np.sort on one core (bench/algo_numpy.py) and the C + MPI_Exscan cumsum twin
# (bench/c/scan_bench.c), alternately in one job, Open MPI, ranks bound to cores, 1 and 2 ranks.
#   bench/run_algo_bench.sh                     # ROUNDS=2, PEER_REPS=5, ALGO_N=2^25
#   ALGO_N=4096 PEER_REPS=3 ROUNDS=1 bench/run_algo_bench.sh   # smoke test (matmul: bench/run_matmul_bench.sh)
# Prints PEER lines, then the ratios of the best medians. Environment: ROUNDS, PEER_REPS, ALGO_N, RANKS, SKIP_BUILD=1.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
ROUNDS=${ROUNDS:-2}
RANKS=${RANKS:-1 2}
export PEER_REPS=${PEER_REPS:-5} ALGO_N=${ALGO_N:-33554432}
WORK=$(mktemp -d -t jdist-algo-bench.XXXXXX)
OUT=$WORK/results.txt
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    (cd "$ROOT" && mvn -o -q -B -Pbench -pl bench -am package -DskipTests) || exit 1
fi
CP="$ROOT/bench/target/classes:$(sed "s|$ROOT/core/target/jdistarray-core-[^:]*.jar|$ROOT/core/target/classes|" "$ROOT/bench/target/classpath.txt")"
mpicc -O3 -march=native -o "$WORK/scan_bench" "$HERE/c/scan_bench.c" || exit 1
MPIRUN=(mpirun --bind-to core -x PEER_REPS -x ALGO_N); [ "$(id -u)" = 0 ] && MPIRUN+=(--allow-run-as-root)
echo "# algorithms $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), rounds $ROUNDS" | tee -a "$OUT"
for round in $(seq "$ROUNDS"); do
    timeout 600 /usr/bin/python3 "$HERE/algo_numpy.py" | grep '^PEER' | tee -a "$OUT"
    for np in $RANKS; do
        timeout 900 "${MPIRUN[@]}" -np "$np" java -Xmx4g -cp "$CP" org.jdistarray.bench.AlgoBenchmark 2>&1 | grep '^PEER' | tee -a "$OUT"
        timeout 300 "${MPIRUN[@]}" -np "$np" "$WORK/scan_bench" 2>&1 | grep '^PEER' | tee -a "$OUT"
    done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
awk '/^PEER / { for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
       k = f["impl"] " " f["op"] " " f["ranks"]; v = f["seconds"] + 0
       if (!(k in best) || v < best[k]) best[k] = v }
     END { np1 = best["numpy sort 1"]; a1 = best["java_arrays sort 1"]
           for (r = 1; r <= 2; r++) { j = best["jdistarray sort " r]; c = best["jdistarray cumsum " r]; x = best["c_mpi cumsum " r]
             if (j != "" && np1 != "") printf "sort ranks=%d: %.4g s, %.2fx faster than np.sort on one core (goal >= 1.5 at 2 ranks)\n", r, j, np1 / j
             if (r == 1 && j != "" && a1 != "") printf "sort ranks=1: %.2fx the time of Arrays.sort (goal <= 1.2)\n", j / a1
             if (c != "" && x != "") printf "cumsum ranks=%d: %.4g s, speed %.2fx of C + MPI_Exscan (goal >= 0.8)\n", r, c, x / c } }' "$OUT"
echo "raw results: $OUT"
