#!/usr/bin/env bash
# Communicator benchmark: JDistArray (MpiCommunicator, JNA direct mapping) vs C MPI, same operations, same job.
#   solvers-examples/bench/run_comm_bench.sh            # 2 ranks, PEER_REPS=15, ROUNDS=2 (C, Java, C, Java, ...)
# Prints PEER lines (shared baseline format) and the ratios of the medians (best round of each).
# Environment: PEER_REPS, COMM_LATENCY_CALLS, COMM_BANDWIDTH_CALLS, ROUNDS, NP (default 2), SKIP_BUILD=1.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
NP=${NP:-2}
ROUNDS=${ROUNDS:-2}
export PEER_REPS=${PEER_REPS:-15} COMM_LATENCY_CALLS=${COMM_LATENCY_CALLS:-20000} COMM_BANDWIDTH_CALLS=${COMM_BANDWIDTH_CALLS:-10}
WORK=$(mktemp -d -t jdist-comm-bench.XXXXXX)
OUT=$WORK/results.txt

mpicc -O2 -o "$WORK/comm_bench" "$HERE/c/comm_bench.c"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    (cd "$ROOT" && mvn -q -B -pl solvers-examples -am package -DskipTests)
fi
CP="$ROOT/solvers-examples/target/classes:$(cat "$ROOT/solvers-examples/target/classpath.txt")"

MPIRUN=(mpirun)
if mpirun --version 2>&1 | grep -q "Open MPI"; then
    [ "$(id -u)" = 0 ] && MPIRUN+=(--allow-run-as-root)
    [ "$NP" -gt "$(nproc)" ] && MPIRUN+=(--oversubscribe)
fi
MPIRUN+=(-x PEER_REPS -x COMM_LATENCY_CALLS -x COMM_BANDWIDTH_CALLS -np "$NP")

echo "# comm bench $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), np=$NP reps=$PEER_REPS rounds=$ROUNDS" | tee "$OUT"
for round in $(seq "$ROUNDS"); do
    timeout 300 "${MPIRUN[@]}" "$WORK/comm_bench" | tee -a "$OUT"
    timeout 300 "${MPIRUN[@]}" java -XX:+UseSerialGC -cp "$CP" org.jdistarray.bench.CommBenchmark | tee -a "$OUT"
done

echo
echo "# ratios (best median over rounds): jdistarray / c_mpi"
awk '
/^PEER / {
    for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    k = f["impl"] SUBSEP f["op"]
    if (!(k in best) || f["seconds"] + 0 < best[k]) { best[k] = f["seconds"] + 0; gbs[k] = f["gbs"] }
    ops[f["op"]] = 1
}
END {
    for (op in ops) {
        j = best["jdistarray" SUBSEP op]; c = best["c_mpi" SUBSEP op]
        if (j == "" || c == "") continue
        if (op == "allreduce8")
            printf "allreduce8: C %.3f us, JDistArray %.3f us, time ratio %.2fx (goal <= 2x)\n", c * 1e6, j * 1e6, j / c
        else
            printf "%s: C %s GB/s, JDistArray %s GB/s, bandwidth ratio %.0f%% (goal >= 90%%)\n", op, gbs["c_mpi" SUBSEP op], gbs["jdistarray" SUBSEP op], 100 * c / j
    }
}' "$OUT"
echo "raw results: $OUT"
