#!/usr/bin/env bash
# CG through the Trilinos bridge vs the same solve written in C++ against Tpetra/Belos, same job, same machine:
# time per CG iteration (Belos CG, no preconditioner, fixed iteration count) on the 2-D 5-point Laplacian.
#   bench/run_trilinos_bench.sh       # 2 ranks, N=512 (grid 512x512), 10 reps, 200 iterations, 5 rounds
# Prints PEER lines (shared baseline format), the machine load, and the ratio of the best medians (goal <= 1.05x).
# Each round waits (up to IDLE_WAIT=90 s) for the machine to be idle and says whether it was.
# Environment: NP (2), GRID (512), PEER_REPS (10), ITERS (200), ROUNDS (5), IDLE_WAIT, SKIP_BUILD=1 (reuse the build).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
NP=${NP:-2}
GRID=${GRID:-512}
REPS=${PEER_REPS:-10}
ITERS=${ITERS:-200}
ROUNDS=${ROUNDS:-5}
WORK=$(mktemp -d -t jdist-tpetra-bench.XXXXXX)
OUT=$WORK/results.txt

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    (cd "$ROOT" && mvn -q -B -Pbench -pl bench -am package -DskipTests)
fi
# the C++ twin, built by the shim's CMake project (target tpetra_cg_bench, not part of the default build)
cmake -S "$ROOT/native-shims/tpetra" -B "$WORK/native" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$WORK/native" --target tpetra_cg_bench >/dev/null
CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"

MPIRUN=(mpirun)
if mpirun --version 2>&1 | grep -q "Open MPI"; then
    [ "$(id -u)" = 0 ] && MPIRUN+=(--allow-run-as-root)
    [ "$NP" -gt "$(nproc)" ] && MPIRUN+=(--oversubscribe)
fi
MPIRUN+=(-np "$NP")

busy() { # percent of CPU busy over one second
    read -r _ a b c d rest < /proc/stat; sleep 1; read -r _ e f g h rest2 < /proc/stat
    echo $(( 100 * ((e + f + g) - (a + b + c)) / ((e + f + g + h) - (a + b + c + d)) ))
}
wait_idle() { # up to IDLE_WAIT seconds for a second under 10% busy (other jobs share the machine)
    local waited=0 b
    while :; do
        b=$(busy)
        if [ "$b" -lt 10 ]; then echo "idle ($b% busy)"; return; fi
        waited=$((waited + 1))
        if [ "$waited" -ge "${IDLE_WAIT:-90}" ]; then echo "WARNING: not idle ($b% busy after ${waited} s): noisy"; return; fi
    done
}
echo "# tpetra cg bench $(date -u '+%Y-%m-%d %H:%M UTC'), np=$NP grid=${GRID}x$GRID reps=$REPS iters=$ITERS rounds=$ROUNDS" | tee "$OUT"
for round in $(seq "$ROUNDS"); do
    echo "# round $round: load $(cut -d' ' -f1-3 /proc/loadavg), $(wait_idle)" | tee -a "$OUT"
    timeout 600 "${MPIRUN[@]}" "$WORK/native/tpetra_cg_bench" "$GRID" "$REPS" "$ITERS" | tee -a "$OUT"
    timeout 600 "${MPIRUN[@]}" java -XX:+UseSerialGC -cp "$CP" org.jdistarray.bench.TpetraCgBenchmark "$GRID" "$REPS" "$ITERS" \
        | tee -a "$OUT"
done

echo
echo "# jdistarray / cpp-tpetra, time per CG iteration (goal <= 1.05x): per round (each pair ran back to back),"
echo "# the median of the per-round ratios, and the ratio of the best medians"
awk '
/^# round/ { r++ }
/^PEER / {
    for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    t[r, f["impl"]] = f["seconds"] + 0
    k = f["impl"]
    if (!(k in best) || f["seconds"] + 0 < best[k]) { best[k] = f["seconds"] + 0 }
}
END {
    n = 0
    for (i = 1; i <= r; i++) {
        if (((i, "jdistarray") in t) && ((i, "cpp-tpetra") in t)) {
            q[++n] = t[i, "jdistarray"] / t[i, "cpp-tpetra"]
            printf "round %d: C++ %.3f ms, bridge %.3f ms, ratio %.3fx\n", i, t[i, "cpp-tpetra"] * 1e3, t[i, "jdistarray"] * 1e3, q[n]
        }
    }
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (q[j] < q[i]) { x = q[i]; q[i] = q[j]; q[j] = x }
    if (n > 0) printf "median of per-round ratios: %.3fx\n", (n % 2 ? q[(n + 1) / 2] : (q[n / 2] + q[n / 2 + 1]) / 2)
    j = best["jdistarray"]; c = best["cpp-tpetra"]
    if (j != "" && c != "") printf "best medians: C++ %.3f ms, bridge %.3f ms per iteration, ratio %.3fx\n", c * 1e3, j * 1e3, j / c
}' "$OUT"
echo "raw results: $OUT"
