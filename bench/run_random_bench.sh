#!/usr/bin/env bash
# Random arrays: JDistArray's Generator (RandomBenchmark, 1 and 2 ranks under mpirun --bind-to core) vs NumPy's
# Generator(Philox) (bench/random_numpy.py, one process), alternating, in one job; prints PEER lines, the load, and
# the ratios numpy_seconds / jdistarray_seconds per case (best round of each; > 1: JDistArray is faster).
# Environment: RANDOM_N (2^25), PEER_REPS (7), ROUNDS (2), RANDOM_OPS (rand,rand_f32,standard_normal,integers_1000),
# SKIP_BUILD=1.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
ROUNDS=${ROUNDS:-2}
export RANDOM_N=${RANDOM_N:-33554432} PEER_REPS=${PEER_REPS:-7}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    (cd "$ROOT" && mvn -o -q -B -Pbench -pl bench -am package -DskipTests)
fi
CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"
MPIRUN=(mpirun --bind-to core)
[ "$(id -u)" = 0 ] && MPIRUN+=(--allow-run-as-root)
OUT=$(mktemp -t jdist-random-bench.XXXXXX)
echo "# load: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$ROUNDS"); do
    /usr/bin/python3 "$HERE/random_numpy.py" | tee -a "$OUT"
    for np in 1 2; do
        "${MPIRUN[@]}" -np "$np" java -Xmx4g -cp "$CP" org.jdistarray.bench.RandomBenchmark | tee -a "$OUT"
    done
done
echo "# load: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - "$OUT" <<'PY'
import re, sys
best = {}
for line in open(sys.argv[1]):
    m = re.match(r"PEER impl=(\S+) op=(\S+) ranks=(\d+) N=\d+ seconds=(\S+)", line)
    if m:
        k = (m.group(1), m.group(2), int(m.group(3)))
        best[k] = min(best.get(k, float("inf")), float(m.group(4)))
for (impl, op, ranks), s in sorted(best.items()):
    if impl == "jdistarray" and ("numpy", op, 1) in best:
        print("# %-16s ranks=%d  numpy/jdistarray = %.2f" % (op, ranks, best[("numpy", op, 1)] / s))
PY
rm -f "$OUT"
