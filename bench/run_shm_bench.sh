#!/usr/bin/env bash
# Shared-memory protocol export: cost of exportShared (O(1) in N) vs toShared (the O(N) copy), same job, np 1 and 2.
#   bench/run_shm_bench.sh      # ROUNDS=2, PEER_REPS=7, SHM_SIZES=1024,65536,1048576,16777216
# Environment: ROUNDS, PEER_REPS, SHM_SIZES, SKIP_BUILD=1. Prints PEER lines and uptime.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
ROUNDS=${ROUNDS:-2}
export PEER_REPS=${PEER_REPS:-7}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    (cd "$ROOT" && mvn -q -B -Pbench -pl bench -am package -DskipTests)
fi
CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
for round in $(seq "$ROUNDS"); do
    echo "# round $round: $(uptime)"
    for np in 1 2; do
        mpirun -np "$np" --bind-to core java -cp "$CP" org.jdistarray.bench.SharedExportBenchmark
    done
done
