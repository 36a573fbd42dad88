#!/usr/bin/env bash
# Parallel .npy I/O: JDistArray's ArrayIO save/load at 1 and 2 ranks vs dd of a file of the same size (the file
# system's streaming limit: dd if=/dev/zero of=F bs=8M, dd if=F of=/dev/null bs=8M, page cache as for every case) and
# NumPy's np.save/np.load, same job, same size.
#   bench/run_io_bench.sh        # ROUNDS=2 of (dd, numpy, jdistarray np 1, jdistarray np 2), PEER_REPS=5,
#                                # IO_N=2^27 float64 (1 GiB)
# Environment: ROUNDS, PEER_REPS, IO_N, IO_DIR (default /tmp), SKIP_BUILD=1. Prints PEER lines, df and uptime.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
ROUNDS=${ROUNDS:-2}
DIR=${IO_DIR:-/tmp}
export PEER_REPS=${PEER_REPS:-5}
export IO_N=${IO_N:-$((1 << 27))}
BYTES=$((IO_N * 8))
df -h "$DIR"
# dd of BYTES (in 8 MiB blocks and a remainder-free count) to and from DIR: median of PEER_REPS, PEER lines
dd_case() { # op: write|read
    local op=$1 f="$DIR/dd-io-bench.bin" t=()
    [ "$op" = read ] && dd if=/dev/zero of="$f" bs=8M count=$((BYTES / 8388608)) status=none
    for r in $(seq $((PEER_REPS + 1))); do
        local s e
        s=$(date +%s.%N)
        if [ "$op" = write ]; then
            dd if=/dev/zero of="$f" bs=8M count=$((BYTES / 8388608)) status=none
        else
            dd if="$f" of=/dev/null bs=8M status=none
        fi
        e=$(date +%s.%N)
        [ "$r" -gt 1 ] && t+=("$(echo "$e - $s" | bc -l)") # the first is the warm-up
    done
    rm -f "$f"
    local med
    med=$(printf '%s\n' "${t[@]}" | sort -g | sed -n "$(( (PEER_REPS / 2) + 1 ))p")
    printf 'PEER impl=dd op=%s ranks=1 N=%d seconds=%.4e gbs=%.3f\n' "$([ "$op" = write ] && echo npy_save \
        || echo npy_load)" "$IO_N" "$med" "$(echo "$BYTES / $med / 1000000000" | bc -l)"
}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    (cd "$ROOT" && mvn -q -B -Pbench -pl bench -am package -DskipTests)
fi
CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
for round in $(seq "$ROUNDS"); do
    echo "# round $round: $(uptime)"
    dd_case write
    dd_case read
    /usr/bin/python3 "$HERE/npy_bench.py" "$DIR"
    for np in 1 2; do
        mpirun -np "$np" --bind-to core java -cp "$CP" org.jdistarray.bench.NpyIoBenchmark "$DIR"
    done
done
