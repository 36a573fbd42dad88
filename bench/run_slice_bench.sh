#!/usr/bin/env bash
# Slicing-view benchmark: the cost of building a view (a.get(index) + close) at 2^10 and 2^25 float64 elements
# (SliceBenchmark), which must not depend on the array's size. The baseline is the small size in the same job; the
# script prints the ratio large/small per case (goal: about 1, i.e. O(ndim) index math, no data touched).
#   bench/run_slice_bench.sh                         # 2 ranks, sizes 2^10 and 2^25
#   SLICE_SIZES="1024 4096" SLICE_CALLS=50 PEER_REPS=3 bench/run_slice_bench.sh   # a tiny smoke run
# Environment: SLICE_SIZES, SLICE_CALLS (views per batch, default 2000), PEER_REPS (batches, default 10), NP
# (default 2), SKIP_BUILD=1.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
NP=${NP:-2}
export SLICE_SIZES=${SLICE_SIZES:-"1024 33554432"} SLICE_CALLS=${SLICE_CALLS:-2000} PEER_REPS=${PEER_REPS:-10}
WORK=$(mktemp -d -t jdist-slice-bench.XXXXXX)
OUT=$WORK/results.txt
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    (cd "$ROOT" && mvn -o -q -B -Pbench -pl bench -am package -DskipTests)
fi
CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"
RUN=(mpirun --bind-to core)
[ "$(id -u)" = 0 ] && RUN+=(--allow-run-as-root --oversubscribe)
RUN+=(-x SLICE_SIZES -x SLICE_CALLS -x PEER_REPS -np "$NP")
echo "# slice bench $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), np=$NP sizes=$SLICE_SIZES calls=$SLICE_CALLS reps=$PEER_REPS" | tee "$OUT"
timeout 600 "${RUN[@]}" java -XX:+UseSerialGC -Xmx2g -cp "$CP" org.jdistarray.bench.SliceBenchmark | tee -a "$OUT"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
awk '/^PEER / { for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
        op = f["op"]; n = f["N"] + 0; s = f["seconds"] + 0
        if (!(op in lo) || n < lo[op]) { lo[op] = n; slo[op] = s }
        if (!(op in hi) || n > hi[op]) { hi[op] = n; shi[op] = s } }
     END { for (op in lo) printf "%s: %.3g s per view at N=%d, %.3g s at N=%d: ratio %.2f (goal ~1)\n",
               op, slo[op], lo[op], shi[op], hi[op], shi[op] / slo[op] }' "$OUT"
echo "raw results: $OUT"
