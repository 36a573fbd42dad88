#!/usr/bin/env bash
# Parallel .npy I/O: JDistArray's ArrayIO save/load at 1 and 2 ranks vs NumPy's np.save/np.load, same job, same size.
#   bench/run_io_bench.sh        # ROUNDS=2 of (numpy, jdistarray np 1, jdistarray np 2), PEER_REPS=7, IO_N=2^25
# Environment: ROUNDS, PEER_REPS, IO_N, IO_DIR (default /tmp), SKIP_BUILD=1. Prints PEER lines and uptime.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
ROUNDS=${ROUNDS:-2}
DIR=${IO_DIR:-/tmp}
export PEER_REPS=${PEER_REPS:-7}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    (cd "$ROOT" && mvn -q -B -Pbench -pl bench -am package -DskipTests)
fi
CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
for round in $(seq "$ROUNDS"); do
    echo "# round $round: $(uptime)"
    /usr/bin/python3 "$HERE/npy_bench.py" "$DIR"
    for np in 1 2; do
        mpirun -np "$np" --bind-to core java -cp "$CP" org.jdistarray.bench.NpyIoBenchmark "$DIR"
    done
done
