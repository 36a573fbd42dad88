#!/usr/bin/env bash
# Builds libjdist_kernels.so (the JNI element loops of org.jdistarray.ops) into OUTDIR; core's Maven build calls it.
#   native-shims/kernels/build.sh OUTDIR [JAVA_HOME]
# Without gcc or jni.h it prints why and exits 0: the library is optional, core then runs its Java loops.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:?usage: build.sh OUTDIR [JAVA_HOME]}
JH=${2:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac || echo /nonexistent/bin/javac)")")")}}
SRC=$HERE/src/jdist_kernels.c
LIB=$OUT/libjdist_kernels.so
CC=${CC:-gcc}
if ! command -v "$CC" >/dev/null 2>&1; then
    echo "[jdist_kernels] SKIPPING the native element loops: no C compiler ($CC); core uses its Java loops"
    exit 0
fi
if [ ! -f "$JH/include/jni.h" ]; then
    echo "[jdist_kernels] SKIPPING the native element loops: no $JH/include/jni.h (a JDK, not a JRE); core uses its Java loops"
    exit 0
fi
mkdir -p "$OUT"
if [ -f "$LIB" ] && [ "$LIB" -nt "$SRC" ] && [ "$LIB" -nt "$0" ]; then
    exit 0
fi
# -ffp-contract=off: no FMA (the Java loops' bits); -fno-math-errno: sqrt vectorises (no errno on a negative)
"$CC" -std=c11 -O3 -fPIC -shared -ffp-contract=off -fno-math-errno -fvisibility=default -Wall -Wextra -Werror \
    -I"$JH/include" -I"$JH/include/linux" -o "$LIB.tmp" "$SRC" -lm -ldl
mv -f "$LIB.tmp" "$LIB"
echo "[jdist_kernels] built $LIB"
