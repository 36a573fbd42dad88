#!/usr/bin/env bash
# Element-wise operations: JDistArray (UfuncBenchmark) vs a hand-fused C + MPI loop (c/ufunc_bench.c) vs NumPy +
# mpi4py (ufunc_numpy.py, Debian's /usr/bin/python3), in the same job, ranks bound to cores, alternating rounds.
#   bench/run_ufunc_bench.sh               # NP_LIST="1 2", ROUNDS=2, PEER_N=2^25, PEER_REPS=10
#   PAIRED=1 bench/run_ufunc_bench.sh      # each operation's C and JDistArray runs back to back (order alternating)
#   PAIRED=1 OPS="expr5 expr5_f32" ...     # only these operations (PAIRED only; default: all eight)
#   INPROC=1 bench/run_ufunc_bench.sh      # the C twins (c/ufunc_twin.c) inside JDistArray's JVM, on the same
#                                          # communicator and arrays, alternating per repetition (UfuncPairBenchmark):
#                                          # PAIR lines with per-repetition ratios; OPS= as for PAIRED, plus
#                                          # expr5_same / expr5_f32_same (a twin without FMAs) and stencil5_halo
# Prints PEER lines and the ratios of the best medians per op and rank count.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
export PEER_N=${PEER_N:-33554432} PEER_REPS=${PEER_REPS:-10} OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
NP_LIST=${NP_LIST:-1 2}
ROUNDS=${ROUNDS:-2}
WORK=$(mktemp -d -t jdist-ufunc-bench.XXXXXX)
OUT=$WORK/results.txt
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    (cd "$ROOT" && mvn -o -q -B -Pbench -pl bench -am package -DskipTests)
fi
CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"
mpicc -O3 -march=native -fno-math-errno -o "$WORK/ufunc_bench" "$HERE/c/ufunc_bench.c" -lm
# the shared C + MPI stencil baseline (5-point Jacobi with halo exchange), for the stencil5_halo ratio
mpicc -O3 -march=native -o "$WORK/peer_c" "$ROOT/../shared/bench/c/peer_c.c" 2>/dev/null \
    || mpicc -O3 -march=native -o "$WORK/peer_c" /work/shared/bench/c/peer_c.c
RUN=(mpirun --bind-to core); [ "$(id -u)" = 0 ] && RUN+=(--allow-run-as-root)
RUN+=(-x PEER_N -x PEER_REPS -x OMP_NUM_THREADS -x OPENBLAS_NUM_THREADS)
echo "# ufunc bench $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), N=$PEER_N reps=$PEER_REPS" | tee "$OUT"
JAVA=(java -XX:+UseSerialGC -Djdistarray.mpi=openmpi -cp "$CP" org.jdistarray.bench.UfuncBenchmark)
if [ "${INPROC:-0}" = 1 ]; then
    mpicc -O3 -march=native -fno-math-errno -shared -fPIC -o "$WORK/libufunc_twin.so" "$HERE/c/ufunc_twin.c" -lm
    for round in $(seq "$ROUNDS"); do
        for np in $NP_LIST; do
            # shellcheck disable=SC2086
            timeout 900 "${RUN[@]}" -np "$np" java -XX:+UseSerialGC -Djdistarray.mpi=openmpi \
                -Djdistarray.bench.ufuncTwin="$WORK/libufunc_twin.so" -cp "$CP" org.jdistarray.bench.UfuncPairBenchmark \
                ${OPS:-} | grep -E '^(PEER|PAIR)' | tee -a "$OUT"
        done
    done
    echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
    echo "raw results: $OUT"
    exit 0
fi
for np in $NP_LIST; do
    for round in $(seq "$ROUNDS"); do
        if [ "${PAIRED:-0}" = 1 ]; then
            # one operation at a time, C and JDistArray back to back (the order alternating by round): this host's
            # memory bandwidth drifts within a minute, so programs run tens of seconds apart met different machines
            for op in ${OPS:-axpy axpy_out axpy_i64 axpy_f32 expr5 expr5_f32 add4096 stencil}; do
                c_cmd=("$WORK/ufunc_bench" "$op"); [ "$op" = stencil ] && c_cmd=("$WORK/peer_c" stencil)
                if [ $((round % 2)) = 1 ]; then
                    timeout 600 "${RUN[@]}" -np "$np" "${c_cmd[@]}" | tee -a "$OUT"
                    timeout 600 "${RUN[@]}" -np "$np" "${JAVA[@]}" "$op" | tee -a "$OUT"
                else
                    timeout 600 "${RUN[@]}" -np "$np" "${JAVA[@]}" "$op" | tee -a "$OUT"
                    timeout 600 "${RUN[@]}" -np "$np" "${c_cmd[@]}" | tee -a "$OUT"
                fi
            done
            timeout 600 "${RUN[@]}" -np "$np" /usr/bin/python3 -m mpi4py "$HERE/ufunc_numpy.py" | tee -a "$OUT"
            continue
        fi
        timeout 600 "${RUN[@]}" -np "$np" "$WORK/ufunc_bench" | tee -a "$OUT"
        timeout 600 "${RUN[@]}" -np "$np" "$WORK/peer_c" stencil | tee -a "$OUT"
        timeout 600 "${RUN[@]}" -np "$np" /usr/bin/python3 -m mpi4py "$HERE/ufunc_numpy.py" | tee -a "$OUT"
        timeout 600 "${RUN[@]}" -np "$np" "${JAVA[@]}" | tee -a "$OUT"
    done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
echo
echo "# ratios (best median over rounds)"
awk '/^PEER / {
        for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
        k = f["impl"] SUBSEP f["op"] SUBSEP f["ranks"]
        if (!(k in best) || f["seconds"] + 0 < best[k]) best[k] = f["seconds"] + 0
        seen[f["op"] SUBSEP f["ranks"]] = 1
    }
    END {
        for (s in seen) {
            split(s, p, SUBSEP); j = best["jdistarray" SUBSEP s]; c = best["c_mpi" SUBSEP s]; y = best["mpi4py" SUBSEP s]
            if (j == "") continue
            printf "%s ranks=%s: jdistarray %.4g s", p[1], p[2], j
            if (c != "") printf ", C %.4g s (speed %.2fx of C)", c, c / j
            if (y != "") printf ", numpy %.4g s (%.2fx numpy)", y, y / j
            printf "\n"
        }
    }' "$OUT" | sort
echo
echo "# per round (the n-th C run against the n-th JDistArray run of each case): speed vs C, then the medians"
awk '/^PEER / { for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
        k = f["op"] " ranks=" f["ranks"]; n[f["impl"], k]++; v[f["impl"], k, n[f["impl"], k]] = f["seconds"]; keys[k] = 1 }
     END { for (k in keys) { line = k ":"; for (r = 1; (("c_mpi", k, r) in v) && (("jdistarray", k, r) in v); r++)
               line = line sprintf(" %.2fx", v["c_mpi", k, r] / v["jdistarray", k, r])
           for (r = 1; ("jdistarray", k, r) in v; r++) line = line sprintf(" [%.4g s]", v["jdistarray", k, r])
           print line } }' "$OUT" | sort
echo "raw results: $OUT"
