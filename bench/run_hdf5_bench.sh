#!/usr/bin/env bash
# HDF5 I/O: JDistArray's ArrayIO saveHdf5/loadHdf5 through the jHDF and the parallel-HDF5 engines at 1 and 2 ranks
# vs h5py, same job, same size.
#   bench/run_hdf5_bench.sh      # ROUNDS=2 of (h5py, jdistarray np 1, jdistarray np 2), PEER_REPS=3,
#                                # IO_N=2^27 float64 (1 GiB)
# Environment: ROUNDS, PEER_REPS, IO_N, IO_DIR (default /tmp), SKIP_BUILD=1. Prints PEER lines and uptime.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
ROUNDS=${ROUNDS:-2}
DIR=${IO_DIR:-/tmp}
export PEER_REPS=${PEER_REPS:-3}
export IO_N=${IO_N:-$((1 << 27))}
df -h "$DIR"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    (cd "$ROOT" && mvn -q -B -Pbench -pl bench -am package -DskipTests)
fi
# core's classes, not its jar, as run_reduce_bench.sh does: a jar left from an earlier package would measure old code
CP="$ROOT/bench/target/classes:$(sed "s|$ROOT/core/target/jdistarray-core-[^:]*.jar|$ROOT/core/target/classes|" "$ROOT/bench/target/classpath.txt")"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
for round in $(seq "$ROUNDS"); do
    echo "# round $round: $(uptime)"
    /usr/bin/python3 "$HERE/h5_bench.py" "$DIR"
    for np in 1 2; do
        mpirun -np "$np" --oversubscribe --bind-to core java -Djdistarray.progress=false -cp "$CP" \
            org.jdistarray.bench.Hdf5IoBenchmark "$DIR"
    done
done
