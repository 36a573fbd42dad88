#!/usr/bin/env bash
# The native expression machine against a hand-fused C loop of the same expression, in one process, alternating
# (bench/c/machine_bench.c): e = sqrt(a*a + b*b)*c - d, float64 and float32, 4096 to 2^25 elements, one rank.
#   bench/run_machine_bench.sh            # ROUNDS=8; SIZES="4096 ... 33554432" to choose sizes
#   OLD=<git rev> bench/run_machine_bench.sh   # also the machine of that revision, in the same job
# Needs only gcc and a JDK's jni.h (the machine's source is compiled in with the flags of native-shims/kernels/build.sh).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
JH=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
WORK=$(mktemp -d -t jdist-machine-bench.XXXXXX)
gcc -std=c11 -O3 -ffp-contract=off -fno-math-errno -DJNIEXPORT=static -Wno-unused-function \
    -I"$JH/include" -I"$JH/include/linux" -o "$WORK/machine_bench" "$HERE/c/machine_bench.c" -lm
if [ -n "${OLD:-}" ]; then
    git -C "$HERE/.." show "$OLD:native-shims/kernels/src/jdist_kernels.c" > "$WORK/old_kernels.c"
    gcc -std=c11 -O3 -ffp-contract=off -fno-math-errno -DJNIEXPORT=static -Wno-unused-function \
        -I"$JH/include" -I"$JH/include/linux" -DKERNELS_SRC="\"$WORK/old_kernels.c\"" -o "$WORK/machine_bench_old" \
        "$HERE/c/machine_bench.c" -lm
fi
echo "# machine bench $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
for round in 1 2; do
    taskset -c 0 "$WORK/machine_bench" "${ROUNDS:-8}" ${SIZES:-}
    if [ -n "${OLD:-}" ]; then
        echo "# the machine of $OLD:"
        # shellcheck disable=SC2086
        taskset -c 0 "$WORK/machine_bench_old" "${ROUNDS:-8}" ${SIZES:-}
    fi
    [ -n "${OLD:-}" ] || break
done
