#!/usr/bin/env bash
# Reduction benchmark: JDistArray's ReductionBenchmark against its C twin (bench/c/reduce_bench.c), the shared C
# baseline's sum (../shared/bench/c/peer_c.c, N = 2^25) and mpi4py's np.sum + allreduce, alternately in one job,
# Open MPI, ranks bound to cores, 1 and 2 ranks; JDistArray and C each at both thread levels (C's MPI_Init = single,
# JDistArray's default serialized). Prints PEER lines, then the ratios of the best medians.
#   bench/run_reduce_bench.sh                    # ROUNDS=3, PEER_REPS=11
#   PAIRED=1 bench/run_reduce_bench.sh           # per case (large, small, axis1) and thread level, C and JDistArray
#                                                # back to back (order alternating by round); per-round ratios printed
#   INPROC=1 bench/run_reduce_bench.sh           # the C twins (bench/c/reduce_twin.c) inside JDistArray's JVM, on the
#                                                # same communicator and memory, alternating repetition by repetition
#                                                # (ReductionPairBenchmark): PAIR lines with per-repetition ratios
# Environment: ROUNDS, PEER_REPS, CASES (INPROC: "large small axis1" or a subset), RANKS (default "1 2"), SKIP_BUILD=1, SHARED (default ../shared/bench from the root).
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SHARED=${SHARED:-$(cd "$ROOT/../../shared/bench" 2>/dev/null && pwd || echo /work/shared/bench)}
ROUNDS=${ROUNDS:-3}
RANKS=${RANKS:-1 2}
export PEER_REPS=${PEER_REPS:-11} PEER_N=33554432
WORK=$(mktemp -d -t jdist-reduce-bench.XXXXXX)
OUT=$WORK/results.txt
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    (cd "$ROOT" && mvn -o -q -B -Pbench -pl bench -am package -DskipTests) || exit 1
fi
CP="$ROOT/bench/target/classes:$(sed "s|$ROOT/core/target/jdistarray-core-[^:]*.jar|$ROOT/core/target/classes|" "$ROOT/bench/target/classpath.txt")"
mpicc -O3 -march=native -o "$WORK/reduce_bench" "$HERE/c/reduce_bench.c" || exit 1
mpicc -O3 -march=native -o "$WORK/peer_c" "$SHARED/c/peer_c.c" || exit 1
MPIRUN=(mpirun --bind-to core -x PEER_REPS -x PEER_N); [ "$(id -u)" = 0 ] && MPIRUN+=(--allow-run-as-root)
PY=$(command -p -v python3)
echo "# reductions $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), rounds $ROUNDS" | tee -a "$OUT"
if [ "${INPROC:-0}" = 1 ]; then
    mpicc -O3 -march=native -shared -fPIC -o "$WORK/libreduce_twin.so" "$HERE/c/reduce_twin.c" || exit 1
    for round in $(seq "$ROUNDS"); do
        for np in $RANKS; do
            timeout 900 "${MPIRUN[@]}" -np "$np" java -Djdistarray.bench.twin="$WORK/libreduce_twin.so" -cp "$CP" \
                org.jdistarray.bench.ReductionPairBenchmark ${CASES:-} 2>&1 | grep -E '^(PEER|PAIR)' | tee -a "$OUT"
        done
    done
    echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
    echo "raw results: $OUT"
    exit 0
fi
JAVA_SER=(java -cp "$CP" org.jdistarray.bench.ReductionBenchmark)
JAVA_SINGLE=(java -Djdistarray.mpi.threadLevel=single -cp "$CP" org.jdistarray.bench.ReductionBenchmark)
pair() { # pair ROUND NP CASE LEVEL: C and JDistArray at one thread level, back to back
    local c=(timeout 300 "${MPIRUN[@]}" -np "$2" "$WORK/reduce_bench" "$3") j
    if [ "$4" = single ]; then j=(timeout 600 "${MPIRUN[@]}" -np "$2" "${JAVA_SINGLE[@]}" "$3")
    else c=(env PEER_THREAD_LEVEL=serialized timeout 300 "${MPIRUN[@]}" -x PEER_THREAD_LEVEL -np "$2" "$WORK/reduce_bench" "$3")
        j=(timeout 600 "${MPIRUN[@]}" -np "$2" "${JAVA_SER[@]}" "$3"); fi
    local tag=(cat); [ "$4" = single ] && tag=(sed 's/impl=jdistarray/impl=jdistarray_single/')
    if [ $(($1 % 2)) = 1 ]; then
        "${c[@]}" 2>&1 | grep '^PEER' | tee -a "$OUT"; "${j[@]}" 2>&1 | grep '^PEER' | "${tag[@]}" | tee -a "$OUT"
    else
        "${j[@]}" 2>&1 | grep '^PEER' | "${tag[@]}" | tee -a "$OUT"; "${c[@]}" 2>&1 | grep '^PEER' | tee -a "$OUT"
    fi
}
for round in $(seq "$ROUNDS"); do
    for np in $RANKS; do
        if [ "${PAIRED:-0}" = 1 ]; then
            for case in large small axis1; do
                for level in single serialized; do pair "$round" "$np" "$case" "$level"; done
            done
            continue
        fi
        timeout 600 "${MPIRUN[@]}" -np "$np" java -cp "$CP" org.jdistarray.bench.ReductionBenchmark 2>&1 | grep '^PEER' | tee -a "$OUT"
        timeout 300 "${MPIRUN[@]}" -np "$np" "$WORK/reduce_bench" 2>&1 | grep '^PEER' | tee -a "$OUT"
        # both at the thread level of the other: C's MPI_Init (single) and JDistArray's default (serialized)
        timeout 600 "${MPIRUN[@]}" -np "$np" java -Djdistarray.mpi.threadLevel=single -cp "$CP" \
            org.jdistarray.bench.ReductionBenchmark 2>&1 | grep '^PEER' | sed 's/impl=jdistarray/impl=jdistarray_single/' \
            | tee -a "$OUT"
        PEER_THREAD_LEVEL=serialized timeout 300 "${MPIRUN[@]}" -x PEER_THREAD_LEVEL -np "$np" "$WORK/reduce_bench" 2>&1 \
            | grep '^PEER' | tee -a "$OUT"
        timeout 300 "${MPIRUN[@]}" -np "$np" "$WORK/peer_c" sum 2>&1 | grep '^PEER' | sed 's/impl=c_mpi/impl=c_peer/' | tee -a "$OUT"
        (cd "$SHARED" && timeout 300 "${MPIRUN[@]}" -np "$np" "$PY" -m mpi4py mpi4py_bench.py sum 2>&1) | grep '^PEER' | tee -a "$OUT"
    done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
awk '/^PEER / { for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
       k = f["op"] " ranks=" f["ranks"] " N=" f["N"]; v = f["seconds"] + 0
       if (!((f["impl"], k) in best) || v < best[f["impl"], k]) best[f["impl"], k] = v; keys[k] = 1 }
     END { for (k in keys) { j = best["jdistarray", k]; c = best["c_mpi", k]
             if (j != "" && c != "") printf "%s: C %.4g s, JDistArray %.4g s, JDistArray speed %.2fx of C\n", k, c, j, c / j
             j1 = best["jdistarray_single", k]; cs = best["c_mpi_serialized", k]
             if (j1 != "" && c != "") printf "%s, both single: C %.4g s, JDistArray %.4g s, speed %.2fx of C\n", k, c, j1, c / j1
             if (j != "" && cs != "") printf "%s, both serialized: C %.4g s, JDistArray %.4g s, speed %.2fx of C\n", k, cs, j, cs / j
             if (k ~ /^sum_scalar /) { ck = k; sub(/^sum_scalar/, "sum", ck); c = best["c_mpi", ck]
               if (j != "" && c != "") printf "%s (Reductions.sumDouble): C sum %.4g s, JDistArray %.4g s, speed %.2fx of C\n", k, c, j, c / j
               cs = best["c_mpi_serialized", ck]
               if (j1 != "" && c != "") printf "%s (sumDouble), both single: C sum %.4g s, JDistArray %.4g s, speed %.2fx of C\n", k, c, j1, c / j1
               if (j != "" && cs != "") printf "%s (sumDouble), both serialized: C sum %.4g s, JDistArray %.4g s, speed %.2fx of C\n", k, cs, j, cs / j } } }' "$OUT" | sort
echo
echo "# per round (the n-th C run against the n-th JDistArray run at the same thread level): speed vs C"
awk '/^PEER/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
       k = f["op"] " ranks=" f["ranks"] " N=" f["N"]; c = ++cnt[f["impl"], k]; v[f["impl"], k, c] = f["seconds"]; keys[k] = 1 }
     END { for (k in keys) { ck = k; sub(/^sum_scalar/, "sum", ck); if (k ~ /^sum_repro/) continue
             s = ""; p = ""
             for (r = 1; (("c_mpi", ck, r) in v) && (("jdistarray_single", k, r) in v); r++)
                 s = s sprintf(" %.2fx", v["c_mpi", ck, r] / v["jdistarray_single", k, r])
             for (r = 1; (("c_mpi_serialized", ck, r) in v) && (("jdistarray", k, r) in v); r++)
                 p = p sprintf(" %.2fx", v["c_mpi_serialized", ck, r] / v["jdistarray", k, r])
             printf "%s: single%s; serialized%s\n", k, s, p } }' "$OUT" | sort
echo "raw results: $OUT"
