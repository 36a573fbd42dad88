#!/usr/bin/env bash
# cumsum benchmark on its own: JDistArray's ScanBenchmark (Scans.cumsum of ALGO_N float64, default 2^25) against the
# C twin bench/c/scan_bench.c (local total + MPI_Exscan + local scan), alternately in one job, Open MPI, ranks bound
# to cores, 1 and 2 ranks. The twin also times a variant that allocates its output in every call (cumsum_alloc), as
# a function returning a new array (np.cumsum, Scans.cumsum) must. The same case as run_algo_bench.sh's cumsum line, without the sort and the matmul.
#   bench/run_scan_bench.sh                      # ROUNDS=3, PEER_REPS=5
# Environment: ROUNDS, PEER_REPS, ALGO_N, RANKS (default "1 2"), SKIP_BUILD=1.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
ROUNDS=${ROUNDS:-3}
RANKS=${RANKS:-1 2}
export PEER_REPS=${PEER_REPS:-5} ALGO_N=${ALGO_N:-33554432}
WORK=$(mktemp -d -t jdist-scan-bench.XXXXXX)
OUT=$WORK/results.txt
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    (cd "$ROOT" && mvn -o -q -B -Pbench -pl bench -am package -DskipTests) || exit 1
fi
CP="$ROOT/bench/target/classes:$(sed "s|$ROOT/core/target/jdistarray-core-[^:]*.jar|$ROOT/core/target/classes|" "$ROOT/bench/target/classpath.txt")"
mpicc -O3 -march=native -o "$WORK/scan_bench" "$HERE/c/scan_bench.c" || exit 1
MPIRUN=(mpirun --bind-to core -x PEER_REPS -x ALGO_N); [ "$(id -u)" = 0 ] && MPIRUN+=(--allow-run-as-root)
echo "# cumsum $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), rounds $ROUNDS" | tee -a "$OUT"
for round in $(seq "$ROUNDS"); do
    for np in $RANKS; do
        timeout 300 "${MPIRUN[@]}" -np "$np" java -Xmx2g -cp "$CP" org.jdistarray.bench.ScanBenchmark 2>&1 | grep '^PEER' | tee -a "$OUT"
        timeout 300 "${MPIRUN[@]}" -np "$np" "$WORK/scan_bench" 2>&1 | grep '^PEER' | tee -a "$OUT"
    done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
awk '/^PEER / { for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
       k = f["impl"] " " f["op"] " " f["ranks"]; v = f["seconds"] + 0; all[k] = all[k] " " v
       if (!(k in best) || v < best[k]) best[k] = v }
     END { for (r = 1; r <= 2; r++) { j = best["jdistarray cumsum " r]; c = best["c_mpi cumsum " r]; ca = best["c_mpi cumsum_alloc " r]
             if (j != "" && c != "") printf "cumsum ranks=%d: C %.4g s, JDistArray %.4g s, speed %.2fx of C + MPI_Exscan (goal >= 0.8; best medians; all J:%s C:%s)\n", r, c, j, c / j, all["jdistarray cumsum " r], all["c_mpi cumsum " r]
             if (j != "" && ca != "") printf "cumsum ranks=%d: C with a new output per call %.4g s, speed %.2fx of it (all:%s)\n", r, ca, ca / j, all["c_mpi cumsum_alloc " r]
             jo = best["jdistarray cumsum_out " r]
             if (jo != "" && c != "") printf "cumsum ranks=%d into one out array: JDistArray %.4g s, speed %.2fx of C reusing its output (all J:%s)\n", r, jo, c / jo, all["jdistarray cumsum_out " r] } }' "$OUT"
echo "raw results: $OUT"
