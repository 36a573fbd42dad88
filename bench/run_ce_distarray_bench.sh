#!/usr/bin/env bash
# Client-engine mode (issue 19) through the client API (DistArrayPeerBenchmark: the cases DistArray 0.5 can run too)
# against DistArray 0.5's MPI-only mode, and z = a*x + y on
# PEER_N float64 client-engine against SPMD, in the same job (DistArrayPeerBenchmark, bench/distarray05/da_bench.py).
#   bench/run_ce_distarray_bench.sh                    # ROUNDS=2, PEER_N=2^25, PEER_REPS=7, PEER_BATCH=200
#   DISTARRAY_SRC=/path/to/distarray-0.5 bench/run_ce_distarray_bench.sh   # with the DistArray 0.5 peer (bench/distarray05/README.md)
# Shape: mpirun -np 2 = 1 client + 1 engine (2 cores; the issue's 1 client + 2 engines would oversubscribe them).
# The large case: 1 engine vs SPMD on 1 rank (mpirun, best medians of separate runs), and as alternated pairs
# (CeSpmdPairBenchmark): 1 engine under mpirun and 2 embedded engines against SPMD on the same engines / thread ranks.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
export PEER_N=${PEER_N:-33554432} PEER_REPS=${PEER_REPS:-7} PEER_PAIR_REPS=${PEER_PAIR_REPS:-41} PEER_BATCH=${PEER_BATCH:-200} OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
ROUNDS=${ROUNDS:-2}
WORK=$(mktemp -d -t jdist-ce-bench.XXXXXX)
OUT=$WORK/results.txt
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    (cd "$ROOT" && mvn -o -q -B -Pbench -pl bench -am package -DskipTests)
fi
CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"
RUN=(mpirun --bind-to core); [ "$(id -u)" = 0 ] && RUN+=(--allow-run-as-root)
RUN+=(-x PEER_N -x PEER_REPS -x PEER_BATCH -x OMP_NUM_THREADS -x OPENBLAS_NUM_THREADS)
JAVA=(java -XX:+UseSerialGC -Xmx6g -Djdistarray.mpi=openmpi -cp "$CP" org.jdistarray.bench.DistArrayPeerBenchmark)
echo "# client-engine bench $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), N=$PEER_N reps=$PEER_REPS batch=$PEER_BATCH" | tee "$OUT"
for round in $(seq "$ROUNDS"); do
    timeout 600 "${RUN[@]}" -np 2 "${JAVA[@]}" latency | tee -a "$OUT"
    timeout 600 "${RUN[@]}" -np 1 "${JAVA[@]}" spmd | tee -a "$OUT"
    if [ -n "${DISTARRAY_SRC:-}" ]; then
        timeout 600 "${RUN[@]}" -np 2 -x PYTHONPATH="$DISTARRAY_SRC" /usr/bin/python3 "$HERE/distarray05/da_bench.py" | tee -a "$OUT"
    elif [ "$round" = 1 ]; then
        echo "SKIP distarray05: DISTARRAY_SRC is not set (a DistArray 0.5 tree, see bench/distarray05/README.md)" | tee -a "$OUT"
    fi
done
# the large operation as pairs alternated repetition by repetition (CeSpmdPairBenchmark): client-engine against SPMD
# on the same engines, and (embedded) against a LocalCluster of as many thread ranks
PAIR=(java -XX:+UseSerialGC -Xmx6g -Djdistarray.mpi=openmpi -cp "$CP" org.jdistarray.bench.CeSpmdPairBenchmark)
timeout 900 "${RUN[@]}" -np 2 -x PEER_PAIR_REPS "${PAIR[@]}" mpi | tee -a "$OUT"
timeout 900 "${PAIR[@]}" embedded 2 | tee -a "$OUT"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
echo
echo "# ratios (best median over rounds)"
awk '/^PEER / {
        for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
        k = f["impl"] SUBSEP f["op"]
        if (!(k in best) || f["seconds"] + 0 < best[k]) best[k] = f["seconds"] + 0
    }
    END {
        n = split("create_free4 axpy4096 sum4096 sum4096_fetch", ops, " ")
        for (i = 1; i <= n; i++) {
            j = best["jdistarray_ce" SUBSEP ops[i]]; d = best["distarray05_mpi" SUBSEP ops[i]]
            if (j == "") continue
            printf "%s: jdistarray %.1f us", ops[i], j * 1e6
            if (d != "") printf ", DistArray 0.5 MPI mode %.1f us: %.1fx lower latency", d * 1e6, d / j
            printf "\n"
        }
        c = best["jdistarray_ce" SUBSEP "axpy_large"]; s = best["jdistarray_spmd" SUBSEP "axpy_large"]
        if (c != "" && s != "") printf "axpy_large (mpirun, 1 engine vs 1 SPMD rank): %.4g s vs %.4g s: %+.1f%%\n", c, s, (c / s - 1) * 100
    }' "$OUT"
echo "# axpy_large pairs (client-engine time / SPMD time per repetition, median and quartiles; goal <= 1.05)"
grep '^PAIR ' "$OUT" || true
echo "raw results: $OUT"
